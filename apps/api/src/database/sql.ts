// The one way the API talks SQL: a TypeORM DataSource or EntityManager, both of which count
// statements through the query logger.
import type { DataSource, EntityManager } from 'typeorm';

export type Db = DataSource | EntityManager;

export async function rows<T>(db: Db, sql: string, parameters: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, parameters)) as T[];
}

export async function one<T>(db: Db, sql: string, parameters: unknown[] = []): Promise<T | undefined> {
  return ((await db.query(sql, parameters)) as T[])[0];
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
