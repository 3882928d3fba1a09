// Every few seconds, the work ingestion queued instead of doing in its own transaction: persons'
// first/last-seen times folded into the person rows (modules/persons/person-seen.ts), then the
// segments of persons that merges and unmerges changed evaluated again for them
// (modules/segments/segment-recheck.ts). Any number of API processes may run it at once: each
// entry is taken by one of them (DELETE ... RETURNING), and rows are locked in a fixed order. Not
// an interval job: that one logs every run, and this one runs every few seconds.
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import { flushSeenQueue } from '../modules/persons/person-seen.js';
import type { SegmentsService } from '../modules/segments/segments.service.js';

export const DEFAULT_QUEUE_FLUSH_SECONDS = 5;

export interface QueueFlush {
  /** Does everything queued now (tests, and the CLI); shares a flush already running. */
  flushNow(): Promise<void>;
  /** No further flushes after a last one. */
  stop(): Promise<void>;
}

export function startQueueFlush(deps: { db: DataSource; logger: Logger; segments: SegmentsService; intervalSeconds?: number }): QueueFlush {
  const { db, logger, segments } = deps;
  const intervalMs = (deps.intervalSeconds ?? DEFAULT_QUEUE_FLUSH_SECONDS) * 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  // Each part on its own: a failure of one leaves its entries queued and does not hold up the other.
  const flush = async () => {
    try {
      const entries = await flushSeenQueue(db);
      if (entries > 0) logger.debug({ entries }, 'person seen times folded');
    } catch (error) {
      logger.error({ err: error }, 'folding person seen times failed; the entries stay queued');
    }
    try {
      const rechecked = await segments.recheckQueued(db);
      if (rechecked.persons > 0) logger.info(rechecked, 'segments evaluated again for merged persons');
    } catch (error) {
      logger.error({ err: error }, 'segment recheck of merged persons failed; they stay queued');
    }
  };

  const flushOnce = (): Promise<void> => {
    current ??= flush().finally(() => {
      current = undefined;
    });
    return current;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void flushOnce().finally(schedule), intervalMs);
    timer.unref();
  };
  schedule();

  return {
    flushNow: flushOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      await flushOnce();
    },
  };
}
