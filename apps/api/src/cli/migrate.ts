import { openRuntime } from '../runtime.js';

export async function migrate(options: { revert?: boolean }): Promise<void> {
  const runtime = await openRuntime();
  try {
    if (options.revert) {
      await runtime.db.undoLastMigration({ transaction: 'each' });
      runtime.logger.info('reverted the last migration');
    } else {
      runtime.logger.info('database schema is up to date');
    }
  } finally {
    await runtime.close();
  }
}
