import type { Runtime } from '../runtime.js';

/** Seeds the demo data set when the database has no persons yet (or always, with force). */
export async function seedDemoIfEmpty(runtime: Pick<Runtime, 'db' | 'logger' | 'services' | 'config'>, options: { force?: boolean } = {}): Promise<void> {
  const [{ count }] = (await runtime.db.query('SELECT count(*) AS count FROM person')) as { count: string }[];
  if (Number(count) > 0 && !options.force) {
    runtime.logger.info({ persons: Number(count) }, 'database already has data: demo seed skipped');
    return;
  }
  runtime.logger.warn('demo seed: not available yet');
}
