// Reads source-record exports: NDJSON (one record a line) or CSV (a header row; address columns
// line1, line2, city, state, postalCode, country, or address.line1, ...). A line that cannot be
// read becomes a rejection with its line number, never a silent skip.
import fs from 'node:fs';
import readline from 'node:readline';
import { parse } from 'csv-parse';
import type { SourceRecordInput } from '@spine/identity-core';
import { idFromNumber } from '../modules/events/json-safety.js';

export interface FileRecord {
  line: number;
  record?: SourceRecordInput;
  error?: string;
}

const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'] as const;

function fromCsvRow(row: Record<string, string>, defaultProvider: string | undefined): SourceRecordInput {
  const value = (name: string) => {
    const found = row[name] ?? row[`address.${name}`];
    return found === undefined || found === '' ? null : found;
  };
  const address = Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, value(field)]));
  const hasAddress = Object.values(address).some((part) => part !== null);
  return {
    provider: value('provider') ?? defaultProvider ?? '',
    externalId: value('externalId') ?? value('external_id') ?? value('id') ?? '',
    email: value('email'),
    phone: value('phone'),
    firstName: value('firstName') ?? value('first_name'),
    lastName: value('lastName') ?? value('last_name'),
    address: hasAddress ? address : null,
    observedAt: value('observedAt') ?? value('observed_at'),
  };
}

/** The line of each record (its first line), whatever line endings the file mixes. */
async function* readCsv(file: string, defaultProvider: string | undefined): AsyncGenerator<FileRecord> {
  // Rows as arrays, so that a row whose field count differs from the header's (a stray quote, a
  // cut line) is rejected instead of being padded or glued to the next one.
  const parser = fs.createReadStream(file).pipe(
    parse({ bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true, record_delimiter: ['\r\n', '\n', '\r'] }),
  );
  let header: string[] | undefined;
  let previousEnd = 0;
  let previousEmpty = 0;
  for await (const { record: fields, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    if (!header) {
      header = fields;
      continue;
    }
    if (fields.length !== header.length) {
      yield { line, error: `${fields.length} fields where the header has ${header.length} (check the quoting of this row)` };
      continue;
    }
    yield { line, record: fromCsvRow(Object.fromEntries(header.map((name, index) => [name, fields[index]])), defaultProvider) };
  }
}

/**
 * Exports write numeric ids as numbers (Shopify, Stripe's legacy ids): they are ids all the same.
 * One JSON cannot carry exactly (beyond 2^53, or with a fraction) refuses the line (idFromNumber).
 */
function idsAsText(record: SourceRecordInput): SourceRecordInput | string {
  for (const field of ['externalId', 'provider'] as const) {
    const value = (record as unknown as Record<string, unknown>)[field];
    if (typeof value !== 'number') continue;
    const id = idFromNumber(field, value);
    if ('error' in id) return id.error;
    (record as unknown as Record<string, unknown>)[field] = id.value;
  }
  return record;
}

export async function* readRecordFile(file: string, options: { defaultProvider?: string } = {}): AsyncGenerator<FileRecord> {
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  if (/\.csv$/i.test(file)) {
    yield* readCsv(file, options.defaultProvider);
    return;
  }
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (!text.trim()) continue;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        yield { line, error: 'not a JSON object' };
        continue;
      }
      const record = idsAsText(parsed as SourceRecordInput);
      if (typeof record === 'string') {
        yield { line, error: record };
        continue;
      }
      if (options.defaultProvider && !record.provider) record.provider = options.defaultProvider;
      yield { line, record };
    } catch (error) {
      yield { line, error: `invalid JSON (${(error as Error).message})` };
    }
  }
}
