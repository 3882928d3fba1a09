// A periodic job on PostgreSQL for any number of API processes: every check, one process at a
// time (a session advisory lock) asks whether the job is due and runs it. pg-boss would do this
// and more, but its v12 needs Node ≥ 22.12 (we run 20) and brings its own schema and pool; one
// recurring job needs neither.
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';

export interface IntervalJobOptions {
  name: string;
  db: DataSource;
  logger: Logger;
  /** pg_try_advisory_lock key: unique per job, and different from any lock the job itself takes. */
  lockKey: number;
  /** Time between checks. */
  checkEveryMs: number;
  /** Time before the first check (lets the server finish starting). */
  firstCheckAfterMs?: number;
  /** Asked while holding the lock: should the job run now? */
  isDue(): Promise<boolean>;
  run(): Promise<void>;
}

export interface IntervalJob {
  /** Runs one check now (for tests and on-demand triggers); resolves true when the job ran. */
  checkNow(): Promise<boolean>;
  /** No further checks; waits for a running one to finish. */
  stop(): Promise<void>;
}

export function startIntervalJob(options: IntervalJobOptions): IntervalJob {
  const { db, logger, name } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<boolean> | undefined;

  const check = async (): Promise<boolean> => {
    const runner = db.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [options.lockKey])) as { locked: boolean }[];
      if (!locked) return false;
      try {
        if (stopped || !(await options.isDue())) return false;
        const started = Date.now();
        logger.info({ job: name }, 'job started');
        await options.run();
        logger.info({ job: name, ms: Date.now() - started }, 'job finished');
        return true;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [options.lockKey]);
      }
    } catch (error) {
      logger.error({ err: error, job: name }, 'job failed');
      return false;
    } finally {
      await runner.release();
    }
  };

  const checkOnce = (): Promise<boolean> => {
    // One check at a time in this process; a second caller shares the running one.
    current ??= check().finally(() => {
      current = undefined;
    });
    return current;
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void checkOnce().finally(() => schedule(options.checkEveryMs));
    }, delay);
    timer.unref();
  };
  schedule(options.firstCheckAfterMs ?? options.checkEveryMs);

  return {
    checkNow: checkOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
