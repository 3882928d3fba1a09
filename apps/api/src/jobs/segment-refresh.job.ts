// The scheduled refresh of dynamic segments: every check, the process holding the lock refreshes
// the segments not evaluated for `intervalMinutes` (and those that refer to a refreshed one).
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import type { SegmentsService } from '../modules/segments/segments.service.js';
import { startIntervalJob, type IntervalJob } from './interval-job.js';

// "spine-segment-refresh-job"; differs from the other jobs' keys.
const SCHEDULER_LOCK_KEY = 0x5350_5347;
const MAX_CHECK_EVERY_MS = 60_000;
export const DEFAULT_SEGMENT_REFRESH_MINUTES = 15;

/** Returns undefined when the interval is 0 (off). */
export function startSegmentRefresh(deps: {
  db: DataSource;
  logger: Logger;
  service: SegmentsService;
  intervalMinutes?: number;
  firstCheckAfterMs?: number;
}): IntervalJob | undefined {
  const { db, logger, service } = deps;
  const intervalMinutes = deps.intervalMinutes ?? DEFAULT_SEGMENT_REFRESH_MINUTES;
  if (!(intervalMinutes > 0)) return undefined;
  let due: { id: string }[] = [];
  return startIntervalJob({
    name: 'refresh-segments',
    db,
    logger,
    lockKey: SCHEDULER_LOCK_KEY,
    checkEveryMs: Math.min(intervalMinutes * 60_000, MAX_CHECK_EVERY_MS),
    firstCheckAfterMs: deps.firstCheckAfterMs ?? 10_000,
    async isDue() {
      due = await db.query(
        `SELECT id FROM segment WHERE kind = 'DYNAMIC' AND (last_evaluated_at IS NULL OR last_evaluated_at <= now() - $1::float8 * interval '1 minute') LIMIT 1`,
        [intervalMinutes],
      );
      return due.length > 0;
    },
    async run() {
      const outcomes = await service.refreshAll(db, {
        olderThanMinutes: intervalMinutes,
        onError: (segmentId, error) => logger.error({ err: error, segmentId }, 'segment refresh failed'),
      });
      logger.info(
        { segments: outcomes.length, entered: outcomes.reduce((sum, outcome) => sum + outcome.entered, 0), exited: outcomes.reduce((sum, outcome) => sum + outcome.exited, 0) },
        'segments refreshed',
      );
    },
  });
}
