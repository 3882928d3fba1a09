import 'reflect-metadata';
import { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import { CountingQueryLogger } from './query-counter.js';
import { migrations } from './migrations/index.js';

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
