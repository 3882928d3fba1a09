// `spine events import`: the same path as /v1/batch, from a file; run twice, stored once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { importEvents } from '../../cli/events-import.js';

describe('spine events import', () => {
  let app: TestApp;
  let file: string;
  beforeAll(async () => {
    app = await createTestApp();
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'events-import-')), 'events.ndjson');
    const lines = [
      ...Array.from({ length: 1200 }, (_, index) => JSON.stringify({ type: 'track', event: 'Imported', userId: `imp-${index % 50}`, messageId: `imp-${index}`, timestamp: '2024-05-01T00:00:00Z' })),
      JSON.stringify({ type: 'page', anonymousId: 'imp-anon', messageId: 'imp-page', timestamp: '2099-01-01T00:00:00Z' }),
      '{"type": "track", "event": ',
      JSON.stringify({ type: 'track', event: 'Nobody' }),
      // Neither messageId nor timestamp: the same on every run (two identical lines are two events).
      JSON.stringify({ type: 'track', event: 'Untimed', userId: 'imp-untimed' }),
      JSON.stringify({ type: 'track', event: 'Untimed', userId: 'imp-untimed' }),
      '',
    ];
    fs.writeFileSync(file, lines.join('\n'));
  });
  afterAll(() => app?.close());

  async function run(): Promise<Record<string, unknown>> {
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = app.databaseUrl;
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await importEvents(file, { json: true, progress: false, batchSize: 500 });
      return JSON.parse(String(write.mock.calls.at(-1)![0]));
    } finally {
      write.mockRestore();
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
    }
  }

  it('stores every valid line once, rejects bad lines with their number, and is idempotent', async () => {
    const first = await run();
    expect(first).toMatchObject({ lines: 1205, accepted: 1203, duplicates: 0, rejected: 2, flagged: 1 });
    expect((first.rejects as { line: number }[]).map((reject) => reject.line)).toEqual([1202, 1203]);
    const second = await run();
    expect(second).toMatchObject({ accepted: 0, duplicates: 1203, rejected: 2 });
    const [{ count }] = await app.db.query(`SELECT count(*)::int AS count FROM event WHERE source = 'import'`);
    expect(count).toBe(1203);
    const [{ untimed }] = await app.db.query(`SELECT count(*)::int AS untimed FROM event WHERE name = 'Untimed'`);
    expect(untimed).toBe(2);
    const [page] = await app.db.query(`SELECT flags FROM event WHERE message_id = 'imp-page'`);
    expect(page.flags).toEqual(['timestamp_future']);
  });
});
