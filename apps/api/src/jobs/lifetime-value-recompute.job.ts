// The scheduled recompute of lifetime values and engagement scores that `spine serve` runs.
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import type { LifetimeValueService } from '../modules/value/lifetime-value.service.js';
import { startIntervalJob, type IntervalJob } from './interval-job.js';

// "spine-ltv-job"; must differ from RECOMPUTE_LOCK_KEY, which the recompute takes inside.
const SCHEDULER_LOCK_KEY = 0x5350_4c4a;
const MAX_CHECK_EVERY_MS = 60_000;

/**
 * Recomputes every `intervalMinutes` across all processes sharing the database: a check runs when
 * neither this process nor any other (per the latest RECOMPUTE model) recomputed within the
 * interval. Returns undefined when the interval is 0 (off).
 */
export function startLifetimeValueRecompute(deps: {
  db: DataSource;
  logger: Logger;
  service: LifetimeValueService;
  intervalMinutes: number;
  firstCheckAfterMs?: number;
}): IntervalJob | undefined {
  const { db, logger, service } = deps;
  if (!(deps.intervalMinutes > 0)) return undefined;
  const intervalMs = deps.intervalMinutes * 60_000;
  let lastRunAt = 0;
  return startIntervalJob({
    name: 'recompute-lifetime-values',
    db,
    logger,
    lockKey: SCHEDULER_LOCK_KEY,
    checkEveryMs: Math.min(intervalMs, MAX_CHECK_EVERY_MS),
    firstCheckAfterMs: deps.firstCheckAfterMs ?? 5_000,
    async isDue() {
      // Without purchases no model is stored, so this process's own last run counts too.
      if (Date.now() - lastRunAt < intervalMs) return false;
      const latest = await service.latestModel(db, 'RECOMPUTE');
      return !latest || Date.now() - latest.fittedAt.getTime() >= intervalMs;
    },
    async run() {
      lastRunAt = Date.now();
      const outcome = await service.recompute(db);
      logger.info({ persons: outcome.persons, customers: outcome.customers, removed: outcome.removed, skippedEvents: outcome.skippedEvents, skippedCurrencyEvents: outcome.skippedCurrencyEvents, ms: outcome.durationMs, phases: outcome.phases }, 'lifetime values recomputed');
    },
  });
}
