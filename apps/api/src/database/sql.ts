// The one way the API talks SQL: a TypeORM DataSource or EntityManager, both of which count
// statements through the query logger.
import type { DataSource, EntityManager } from 'typeorm';

export type Db = DataSource | EntityManager;

/**
 * TypeORM answers UPDATE/DELETE ... RETURNING on PostgreSQL with [rows, affectedCount] and
 * SELECT/INSERT with rows: this gives rows either way.
 */
function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

export async function rows<T>(db: Db, sql: string, parameters: unknown[] = []): Promise<T[]> {
  return returnedRows<T>(await db.query(sql, parameters));
}

export async function one<T>(db: Db, sql: string, parameters: unknown[] = []): Promise<T | undefined> {
  return returnedRows<T>(await db.query(sql, parameters))[0];
}

/** Groups rows by a key, in the order of `keys`, as DataLoader batch functions must return. */
export function groupInKeyOrder<K, R>(keys: readonly K[], items: R[], keyOf: (item: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** A LIKE pattern matching strings that start with `text`; its %, _ and \\ are taken literally ("50%_off" means exactly that). */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
