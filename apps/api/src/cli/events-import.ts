// `spine events import FILE.ndjson`: Segment-spec messages, one a line, stored batch by batch
// through the same path as POST /v1/batch. Idempotent: a messageId already stored is counted as a
// duplicate, so an interrupted import can simply be run again.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { SingleBar, Presets } from 'cli-progress';
import { openRuntime } from '../runtime.js';
import type { IncomingEvent } from '../modules/events/incoming-event.js';
import { jsonDepthExceeds, mayNeedSanitizing, MAX_JSON_DEPTH } from '../modules/events/json-safety.js';
import { parseSegmentMessage } from '../modules/events/segment-message.js';
import type { EventSource } from '../modules/sources/source.row.js';
import { flushSeenQueue } from '../modules/persons/person-seen.js';

export interface EventsImportOptions {
  source?: string;
  provider?: string;
  batchSize?: number;
  json?: boolean;
  rejects?: string;
  progress?: boolean;
}

export const DEFAULT_EVENTS_BATCH_SIZE = 500;
/** Batches between two folds of the seen-time queue into the persons. */
const SEEN_FLUSH_BATCHES = 100;
const MAX_LINE_BYTES = 32 * 1024;

export async function importEvents(file: string, options: EventsImportOptions): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  const runtime = await openRuntime({ poolSize: 4 });
  const started = process.hrtime.bigint();
  const metrics = { lines: 0, accepted: 0, duplicates: 0, suppressed: 0, rejected: 0, flagged: 0 };
  const rejects: { line: number; error: string }[] = [];
  const batchSize = options.batchSize ?? DEFAULT_EVENTS_BATCH_SIZE;
  let bar: SingleBar | undefined;
  try {
    let source: EventSource = { name: 'import', provider: (options.provider ?? 'app').toLowerCase() };
    let salt = `import:${source.provider}`;
    if (options.source) {
      const row = await runtime.services.sources.findByName(runtime.db, options.source);
      if (!row) throw new Error(`No source named "${options.source}" (spine sources list)`);
      source = { name: row.name, provider: row.provider };
      salt = row.id;
    }
    const total = fs.statSync(file).size;
    const showProgress = options.progress !== false && process.stderr.isTTY && !options.json;
    bar = showProgress ? new SingleBar({ format: 'events |{bar}| {percentage}% | {lines} lines | {rate} events/s | accepted {accepted} duplicates {duplicates} rejected {rejected}', stream: process.stderr }, Presets.shades_classic) : undefined;
    bar?.start(total, 0, { lines: 0, rate: 0, accepted: 0, duplicates: 0, rejected: 0 });
    let bytes = 0;
    let batch: IncomingEvent[] = [];
    let batches = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      // Seen times are queued and folded in every SEEN_FLUSH_BATCHES batches and at the end: a person
      // with events in many batches is written once per flush, not once per batch.
      const result = await runtime.services.events.ingest(runtime.db, batch, source, `import:${file}`, { seen: 'queued' });
      batches += 1;
      if (batches % SEEN_FLUSH_BATCHES === 0) await flushSeenQueue(runtime.db);
      metrics.accepted += result.accepted;
      metrics.duplicates += result.duplicates;
      metrics.suppressed += result.suppressed;
      batch = [];
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      bar?.update(bytes, { rate: Math.round((metrics.accepted + metrics.duplicates) / seconds), ...metrics });
    };
    const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let lineNumber = 0;
    const copies = new Map<string, number>();
    for await (const text of lines) {
      lineNumber += 1;
      bytes += Buffer.byteLength(text, 'utf8') + 1;
      if (!text.trim()) continue;
      metrics.lines += 1;
      const reject = (error: string) => {
        metrics.rejected += 1;
        rejects.push({ line: lineNumber, error });
      };
      if (Buffer.byteLength(text, 'utf8') > MAX_LINE_BYTES) {
        reject(`message is larger than ${MAX_LINE_BYTES} bytes`);
        continue;
      }
      if (jsonDepthExceeds(text)) {
        reject(`nested deeper than ${MAX_JSON_DEPTH} levels`);
        continue;
      }
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch (error) {
        reject(`invalid JSON (${(error as Error).message})`);
        continue;
      }
      // A line without messageId or timestamp is the n-th copy of its text in the file, on every
      // run. Only such lines are counted: the others are identified by what they carry.
      let place: string | undefined;
      const fields = message as Record<string, unknown> | null;
      if (fields && typeof fields === 'object' && !fields.messageId && !fields.timestamp && !fields.originalTimestamp) {
        const textHash = createHash('sha256').update(text).digest('base64');
        const copy = (copies.get(textHash) ?? 0) + 1;
        copies.set(textHash, copy);
        place = `file-copy:${copy}`;
      }
      const parsed = parseSegmentMessage(message, { receivedAt: new Date(), salt, sanitize: mayNeedSanitizing(text), place });
      if (!parsed.ok) {
        reject(parsed.error);
        continue;
      }
      if (parsed.event.flags.length) metrics.flagged += 1;
      batch.push(parsed.event);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await flushSeenQueue(runtime.db);
    // Aliases may have merged persons: their segments are evaluated again.
    await runtime.services.segments.recheckQueued(runtime.db);
    bar?.update(total, { ...metrics });
  } finally {
    bar?.stop();
    await runtime.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (options.rejects) fs.writeFileSync(options.rejects, rejects.map((reject) => JSON.stringify(reject)).join('\n') + (rejects.length ? '\n' : ''));
  const summary = { file, ...metrics, seconds: Number(seconds.toFixed(3)), eventsPerSecond: Math.round((metrics.accepted + metrics.duplicates) / seconds) };
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, rejects: options.rejects ? undefined : rejects.slice(0, 100) })}\n`);
    return;
  }
  const out = [
    `Imported ${file} in ${summary.seconds}s (${summary.eventsPerSecond} events/s)`,
    `  lines       ${metrics.lines}`,
    `  accepted    ${metrics.accepted}`,
    `  duplicates  ${metrics.duplicates}  (messageId already stored)`,
    `  suppressed  ${metrics.suppressed}  (ids of an erased person: not stored)`,
    `  flagged     ${metrics.flagged}  (stored with a correction, e.g. a future timestamp)`,
    `  rejected    ${metrics.rejected}`,
  ];
  for (const reject of rejects.slice(0, 20)) out.push(`  rejected line ${reject.line}: ${reject.error}`);
  if (rejects.length > 20) out.push(`  ... and ${rejects.length - 20} more${options.rejects ? ` in ${options.rejects}` : ' (use --rejects FILE to keep them all)'}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
