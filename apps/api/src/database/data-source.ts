import 'reflect-metadata';
import { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import { CountingQueryLogger } from './query-counter.js';
import { migrations } from './migrations/index.js';

// SQLSTATE admin_shutdown: PostgreSQL ended the session, because it is stopping or an administrator
// ended it (pg_terminate_backend).
const ADMIN_SHUTDOWN = '57P01';

/**
 * Errors of idle pooled connections (a query's own errors reach its caller). Ctrl-C in a terminal
 * signals the whole process group, the embedded PostgreSQL as well as Spine: it ends every session
 * at once while Spine is still closing the pool in order. The pool drops such a connection and opens
 * another when one is needed, so that is news, not a problem.
 */
function poolErrorHandler(logger: Logger) {
  return (error: Error & { code?: string }) => {
    if (error.code === ADMIN_SHUTDOWN) logger.info({ reason: error.message }, 'PostgreSQL ended an idle pooled connection (it is stopping, or an administrator ended the session); the pool opens another when needed');
    else logger.warn({ err: error }, 'an idle pooled PostgreSQL connection failed');
  };
}

export function createDataSource(url: string, logger: Logger, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTransactionMode: 'each',
    entities: [],
    logger: new CountingQueryLogger(logger),
    maxQueryExecutionTime: 2000,
    extra: { max: options.poolSize ?? 10 },
    poolErrorHandler: poolErrorHandler(logger),
  });
}

/** Connects and brings the schema up to date. */
export async function openDatabase(url: string, logger: Logger, options: { poolSize?: number } = {}): Promise<DataSource> {
  const dataSource = createDataSource(url, logger, options);
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length > 0) logger.info({ migrations: applied.map((migration) => migration.name) }, 'migrations applied');
  return dataSource;
}
