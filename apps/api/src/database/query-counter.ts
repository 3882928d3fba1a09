// Counts the SQL statements issued on behalf of one request, so tests can assert that the number
// of statements per GraphQL request stays flat (no N+1) without timing anything.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../logger.js';

export interface QueryCount {
  statements: number;
}

export const queryCounter = new AsyncLocalStorage<QueryCount>();

export function countQueries<T>(fn: () => T): { count: QueryCount; result: T } {
  const count: QueryCount = { statements: 0 };
  const result = queryCounter.run(count, fn);
  return { count, result };
}

/** TypeORM logger: counts every statement and sends SQL to pino at trace level only. */
export class CountingQueryLogger implements TypeOrmLogger {
  constructor(private readonly logger: Logger) {}

  logQuery(query: string, parameters?: unknown[]): void {
    const count = queryCounter.getStore();
    if (count) count.statements += 1;
    if (this.logger.isLevelEnabled('trace')) this.logger.trace({ sql: query, parameters: parameters?.length }, 'sql');
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug({ err: error, sql: query }, 'sql failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, sql: query.slice(0, 500) }, 'slow sql');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}
