// Reads source-record exports: NDJSON (one record a line) or CSV (a header row; address columns
// line1, line2, city, state, postalCode, country, or address.line1, ...). A line that cannot be
// read becomes a rejection with its line number, never a silent skip.
import fs from 'node:fs';
import readline from 'node:readline';
import { parse } from 'csv-parse';
import type { SourceRecordInput } from '@spine/identity-core';

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

export async function* readRecordFile(file: string, options: { defaultProvider?: string } = {}): AsyncGenerator<FileRecord> {
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  if (/\.csv$/i.test(file)) {
    const parser = fs.createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }));
    let line = 1;
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      line += 1;
      yield { line, record: fromCsvRow(row, options.defaultProvider) };
    }
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
      const record = parsed as SourceRecordInput;
      if (options.defaultProvider && !record.provider) record.provider = options.defaultProvider;
      yield { line, record };
    } catch (error) {
      yield { line, error: `invalid JSON (${(error as Error).message})` };
    }
  }
}
