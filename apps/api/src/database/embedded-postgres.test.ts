import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

describe('the embedded PostgreSQL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spine-embedded-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stop() returns when the server already stopped by itself (Ctrl-C in a terminal reaches it too)', async () => {
    const postgres = await startEmbeddedPostgres({ dataDir, logger: createLogger('silent'), unsafeFast: true });
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
    while (fs.existsSync(pidFile)) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const outcome = await Promise.race([postgres.stop().then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('still waiting after 10 s'), 10_000))]);
    expect(outcome).toBe('stopped');
  });
});
