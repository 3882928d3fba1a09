// Everything a Spine process needs before it can do work: configuration, logs, PostgreSQL (the
// embedded one unless DATABASE_URL is set), a migrated database and the services.
import type { DataSource } from 'typeorm';
import { loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { startEmbeddedPostgres, type PostgresHandle } from './database/embedded-postgres.js';
import { openDatabase } from './database/data-source.js';
import { createServices, type Services } from './services.js';

export interface Runtime {
  config: Config;
  logger: Logger;
  db: DataSource;
  services: Services;
  postgres: PostgresHandle | undefined;
  close(): Promise<void>;
}

export async function openRuntime(options: { config?: Config; logger?: Logger; poolSize?: number } = {}): Promise<Runtime> {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger(config.logLevel);
  let postgres: PostgresHandle | undefined;
  let url = config.databaseUrl;
  if (!url) {
    postgres = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, logger });
    url = postgres.url;
  }
  let db: DataSource;
  try {
    db = await openDatabase(url, logger, { poolSize: options.poolSize });
  } catch (error) {
    await postgres?.stop();
    throw error;
  }
  let closed = false;
  return {
    config,
    logger,
    db,
    services: createServices(config),
    postgres,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy().catch((error) => logger.warn({ err: error }, 'closing the database pool failed'));
      await postgres?.stop();
    },
  };
}
