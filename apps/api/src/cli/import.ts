import fs from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { addMetrics, emptyMetrics, type NormalizedRecord, type SourceRecordInput } from '@spine/identity-core';
import { openRuntime } from '../runtime.js';
import { GROUPED_FROM, type IdentityIngestService } from '../modules/identity/identity-ingest.service.js';
import { readRecordFile } from './record-file.js';

export interface ImportOptions {
  provider?: string;
  batchSize?: number;
  json?: boolean;
  rejects?: string;
  issues?: string;
  progress?: boolean;
}

/**
 * Records resolved per transaction by `spine import`. Large on purpose: one snapshot load for the
 * whole transaction (resolved in independent groups, each written while the next is resolved,
 * see IdentityIngestService.ingestNormalized), and persons that records far apart
 * in the file share are joined as they are created instead of being created apart and merged
 * later. The cost is memory (about 2 KB a record) and the identity graph's lock held for the
 * transaction (a few seconds per 50,000 records here); `--batch-size` makes it smaller.
 */
export const DEFAULT_IMPORT_BATCH_SIZE = 50_000;

/** `spine import FILE`: resolves a provider export into persons, batch by batch, with progress and the final metrics. */
export async function importRecords(file: string, options: ImportOptions): Promise<void> {
  const runtime = await openRuntime({ poolSize: 4 });
  const started = process.hrtime.bigint();
  const metrics = emptyMetrics();
  const rejects: { line: number; provider?: string; externalId?: string; error: string }[] = [];
  // Records kept without some of their values (an invalid phone, a junk email, a bad trait key):
  // reported, never dropped silently.
  const issues: { line: number; provider: string; externalId: string; issues: string[] }[] = [];
  const showProgress = options.progress !== false && process.stderr.isTTY && !options.json;
  // The bar's total, read ahead only for the bar.
  const total = showProgress ? await countLines(file) : 0;
  // The bar advances as records are read and normalized; the counts after it as transactions commit.
  const bar = showProgress
    ? new SingleBar({ format: 'import |{bar}| {value}/{total} read | {written} written | {rate} rec/s | created {created} linked {linked} ambiguous {ambiguous} errors {errors}', stream: process.stderr }, Presets.shades_classic)
    : undefined;
  bar?.start(total, 0, { written: 0, rate: 0, created: 0, linked: 0, ambiguous: 0, errors: 0 });
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE;
  let processed = 0;
  let read = 0;
  const phases: Record<string, number> = {};
  let lineOfIndex: number[] = [];
  let batch: SourceRecordInput[] = [];
  // One batch is written while the next one is read and normalized: the two overlap (PostgreSQL
  // works while Node parses), and batches still commit one after the other, in file order, so each
  // batch's snapshot sees everything before it.
  let writing: Promise<void> = Promise.resolve();
  let finished = started;

  const write = async (normalized: NormalizedRecord[] | AsyncIterable<NormalizedRecord[]>, lines: number[]) => {
    const ingest = runtime.services.identityIngest;
    const result = Array.isArray(normalized)
      ? await ingest.ingestNormalized(runtime.db, normalized, `import:${file}`, { bulk: true })
      : await ingest.ingestNormalizing(runtime.db, normalized, `import:${file}`, { bulk: true });
    addMetrics(metrics, result.metrics);
    for (const [phase, ms] of Object.entries(result.timings ?? {})) phases[phase] = (phases[phase] ?? 0) + ms;
    result.outcomes.forEach((outcome, index) => {
      if (outcome.action === 'REJECTED') rejects.push({ line: lines[index], provider: outcome.provider, externalId: outcome.externalId, error: outcome.error ?? 'rejected' });
      else if (outcome.issues.length > 0) issues.push({ line: lines[index], provider: outcome.provider, externalId: outcome.externalId, issues: outcome.issues });
    });
    processed += result.outcomes.length;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    bar?.update(read, { written: processed, rate: Math.round(processed / seconds), created: metrics.created, linked: metrics.linked, ambiguous: metrics.ambiguous, errors: metrics.errors });
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const records = batch;
    const lines = lineOfIndex;
    batch = [];
    lineOfIndex = [];
    const onSlice = (count: number) => {
      read += count;
      bar?.update(read);
    };
    // Normalizing starts now, while the batch before is still being written.
    const slices = normalizeInBackground(runtime.services.identityIngest, records, onSlice);
    if (records.length >= GROUPED_FROM) {
      // Wide enough to lock the whole graph: its transaction starts as soon as the one before it
      // commits, and looks up each slice as it is normalized (ingestNormalizing).
      await writing;
      writing = write(slices, lines);
    } else {
      const normalized: NormalizedRecord[] = [];
      for await (const slice of slices) for (const record of slice) normalized.push(record);
      await writing;
      writing = write(normalized, lines);
    }
    // Failures surface at the next await of `writing`, not as an unhandled rejection meanwhile.
    writing.catch(() => undefined);
  };

  try {
    for await (const entry of readRecordFile(file, { defaultProvider: options.provider })) {
      if (entry.error || !entry.record) {
        metrics.fetched += 1;
        metrics.errors += 1;
        processed += 1;
        read += 1;
        rejects.push({ line: entry.line, error: entry.error ?? 'unreadable' });
        continue;
      }
      batch.push(entry.record);
      lineOfIndex.push(entry.line);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await writing;
    // Persons the import merged have their segments evaluated again (each stay of theirs as a refresh would leave it).
    await runtime.services.segments.recheckQueued(runtime.db);
    // The import's time ends here: closing the pool and stopping an embedded PostgreSQL after it
    // (its shutdown checkpoint, a few tenths of a second) is no more part of it than starting it.
    finished = process.hrtime.bigint();
  } finally {
    await writing.catch(() => undefined);
    bar?.stop();
    await runtime.close();
  }
  const seconds = Number(finished - started) / 1e9;
  rejects.sort((a, b) => a.line - b.line);
  issues.sort((a, b) => a.line - b.line);
  const writeLines = (target: string, entries: object[]) => fs.writeFileSync(target, entries.map((entry) => JSON.stringify(entry)).join('\n') + (entries.length ? '\n' : ''));
  if (options.rejects) writeLines(options.rejects, rejects);
  if (options.issues) writeLines(options.issues, issues);
  const summary = { file, ...metrics, withIssues: issues.length, seconds: Number(seconds.toFixed(3)), recordsPerSecond: Math.round(metrics.fetched / seconds) };
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ...summary, phasesMs: phases, rejects: options.rejects ? undefined : rejects.slice(0, 100), issues: options.issues ? undefined : issues.slice(0, 100) })}\n`,
    );
    return;
  }
  const lines = [
    `Imported ${file} in ${summary.seconds}s (${summary.recordsPerSecond} records/s)`,
    `  fetched    ${metrics.fetched}`,
    `  created    ${metrics.created}`,
    `  linked     ${metrics.linked}`,
    `  updated    ${metrics.updated}`,
    `  unchanged  ${metrics.unchanged}`,
    `  ambiguous  ${metrics.ambiguous}  (waiting in the merge review queue)`,
    `  merged     ${metrics.merges}`,
    `  quarantined values ${metrics.quarantined}`,
    `  errors     ${metrics.errors}`,
    `  with dropped values ${issues.length}  (kept without the values named below)`,
  ];
  for (const reject of rejects.slice(0, 20)) lines.push(`  rejected line ${reject.line}${reject.externalId ? ` (${reject.provider}/${reject.externalId})` : ''}: ${reject.error}`);
  if (rejects.length > 20) lines.push(`  ... and ${rejects.length - 20} more rejections${options.rejects ? ` in ${options.rejects}` : ' (use --rejects FILE to keep them all)'}`);
  for (const issue of issues.slice(0, 20)) lines.push(`  line ${issue.line} (${issue.provider}/${issue.externalId}): ${issue.issues.join('; ')}`);
  if (issues.length > 20) lines.push(`  ... and ${issues.length - 20} more records with dropped values${options.issues ? ` in ${options.issues}` : ' (use --issues FILE to keep them all)'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * Normalizes the records in slices on the main thread, giving the event loop back in between (so
 * the batch being written makes progress), starting at once whether or not anyone reads the slices
 * yet; they are read in order as they are done.
 */
function normalizeInBackground(service: IdentityIngestService, records: SourceRecordInput[], onSlice: (count: number) => void): AsyncIterable<NormalizedRecord[]> {
  const sliceSize = 200;
  const done: NormalizedRecord[][] = [];
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  void (async () => {
    try {
      for (let start = 0; start < records.length; start += sliceSize) {
        await new Promise((resolve) => setImmediate(resolve));
        done.push(service.normalize(records.slice(start, start + sliceSize), start));
        onSlice(Math.min(sliceSize, records.length - start));
        wake?.();
      }
    } catch (error) {
      failure = error;
    } finally {
      finished = true;
      wake?.();
    }
  })();
  return {
    async *[Symbol.asyncIterator]() {
      for (let next = 0; ; ) {
        if (next < done.length) yield done[next++];
        else if (failure !== undefined) throw failure;
        else if (finished) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const chunk of fs.createReadStream(file)) {
    for (let index = (chunk as Buffer).indexOf(10); index !== -1; index = (chunk as Buffer).indexOf(10, index + 1)) count += 1;
  }
  return /\.csv$/i.test(file) ? Math.max(0, count - 1) : count;
}
