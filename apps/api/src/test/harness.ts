// Integration-test harness: a fresh database per test file in the run's embedded PostgreSQL, the
// real server on an ephemeral port, and a GraphQL client that reports statements per request.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../database/data-source.js';
import { createServices } from '../services.js';
import { createServer, SQL_STATEMENTS_HEADER } from '../server.js';
import type { Runtime } from '../runtime.js';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown }; path?: (string | number)[] }[];
  statements: number;
}

export interface TestApp extends Pick<Runtime, 'db' | 'config' | 'logger' | 'services'> {
  url: string;
  databaseUrl: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of its own. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `spine_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`);
  return { url, drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Tests act as an administrator unless they say otherwise (`gql(query, variables, { authorization: '' })` is anonymous). */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export async function createTestApp(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SPINE_ADMIN_TOKEN: TEST_ADMIN_TOKEN, SPINE_RATE_LIMIT_PER_MINUTE: '0', ...env }, { databaseUrl: database.url, ...overrides });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? config.logLevel);
  const db = await openDatabase(database.url, logger, { poolSize: 20 });
  const services = createServices(config);
  const spine = await createServer({ config, db, logger, services });
  const server = http.createServer(spine.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    databaseUrl: database.url,
    db,
    config,
    logger,
    services,
    async gql(query, variables, headers = {}) {
      const { authorization = `Bearer ${TEST_ADMIN_TOKEN}`, ...rest } = headers;
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}), ...rest },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: GraphQLResponse['errors'] };
      return { status: response.status, data: body.data ?? undefined, errors: body.errors, statements: Number(response.headers.get(SQL_STATEMENTS_HEADER) ?? NaN) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await spine.stop();
      await db.destroy();
      await database.drop();
    },
  };
}
