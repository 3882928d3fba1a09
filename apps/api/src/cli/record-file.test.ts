// Provider exports as they come: CSV with a byte-order mark, mixed line endings, quoted fields over
// several lines, blank lines and broken rows; NDJSON with numeric ids. Every row is either a
// record or a rejection with the line it starts on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecordFile, type FileRecord } from './record-file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spine-records-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(name: string, content: string): Promise<FileRecord[]> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const entries: FileRecord[] = [];
  for await (const entry of readRecordFile(file)) entries.push(entry);
  return entries;
}

describe('reading provider exports', () => {
  it('reads a CSV whatever its line endings, and rejects a row whose fields do not match the header, with its line', async () => {
    const entries = await read(
      'mixed.csv',
      '\ufeffprovider,externalId,email,firstName,lastName\r\n' + // header ends in CRLF, the rows in LF (and one in CR)
        'shopify,c1,a1@fastmail.com,Ann,One\n' +
        'shopify,c2,a2@fastmail.com,"Bob\nBrown",Two\n' + // a quoted field over two lines
        '\n' +
        'shopify,c3,a3@fastmail.com,Cy\n' + // a field short
        'shopify,c4,a4@fastmail.com,Di,Four\r' +
        'shopify,c5,a5@fastmail.com,Ed,Five\n',
    );
    expect(entries.map((entry) => [entry.line, entry.record?.externalId ?? entry.error])).toEqual([
      [2, 'c1'],
      [3, 'c2'],
      [6, '4 fields where the header has 5 (check the quoting of this row)'],
      [7, 'c4'],
      [8, 'c5'],
    ]);
    expect(entries[1].record).toMatchObject({ provider: 'shopify', firstName: 'Bob\nBrown', lastName: 'Two' });
  });

  it('takes numeric ids in NDJSON as text, and rejects what is not a JSON object', async () => {
    const entries = await read(
      'numeric.ndjson',
      ['{"provider":"shopify","externalId":6001,"email":"n@fastmail.com"}', '', '[1,2]', '{"provider":"stripe",', '{"provider":"shopify","externalId":12345678901234567891}'].join('\n'),
    );
    expect(entries).toEqual([
      { line: 1, record: { provider: 'shopify', externalId: '6001', email: 'n@fastmail.com' } },
      { line: 3, error: 'not a JSON object' },
      { line: 4, error: expect.stringContaining('invalid JSON') },
      // Rounded by JSON.parse to 12345678901234567000: refused rather than stored as someone else's id.
      { line: 5, error: expect.stringContaining('externalId is a number beyond 9007199254740991') },
    ]);
  });
});
