import type { DataSource, EntityManager } from 'typeorm';

// Serialization failures, deadlocks and unique violations from racing writers are retried:
// the transaction is rolled back whole, so a retry starts clean.
const RETRYABLE = new Set(['40001', '40P01', '23505']);

export async function withTransaction<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>, options: { retries?: number } = {}): Promise<T> {
  const retries = options.retries ?? 5;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + Math.random() * 20));
    }
  }
}
