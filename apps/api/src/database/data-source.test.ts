import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../test/harness.js';
import { openDatabase } from './data-source.js';

describe('the database pool', () => {
  const logs: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase(database.url, logger, { poolSize: 2 });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('takes PostgreSQL ending its idle connections (as a stopping server does) as news, not a warning, and carries on', async () => {
    const [{ pid }] = await db.query('SELECT pg_backend_pid() AS pid');
    logs.length = 0;
    // What the embedded server does to every session when Ctrl-C reaches it as well as Spine.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    for (let waited = 0; waited < 5000 && !logs.some((entry) => entry.msg.includes('idle pooled')); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logs.filter((entry) => entry.level >= 40)).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ level: 30, msg: expect.stringContaining('PostgreSQL ended an idle pooled connection') }));
    expect(await db.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});
