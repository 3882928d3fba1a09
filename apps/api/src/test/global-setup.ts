import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../logger.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spine-test-pg-'));
  const postgres = await startEmbeddedPostgres({ dataDir, logger: createLogger('warn'), unsafeFast: true });
  project.provide('pgAdminUrl', postgres.adminUrl);
  return async () => {
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
