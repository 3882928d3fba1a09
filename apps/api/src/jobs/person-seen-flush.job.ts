// Folds the persons' queued first/last-seen times (modules/persons/person-seen.ts) into the person
// rows every few seconds. Any number of API processes may run it at once: each entry is taken by
// one of them (DELETE ... RETURNING) and persons are locked in id order. Not an interval job: that
// one logs every run, and this one runs every few seconds.
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import { flushSeenQueue } from '../modules/persons/person-seen.js';

export const DEFAULT_SEEN_FLUSH_SECONDS = 5;

export interface PersonSeenFlush {
  /** Folds everything queued now (tests, and the CLI); shares a flush already running. */
  flushNow(): Promise<number>;
  /** No further flushes after a last one. */
  stop(): Promise<void>;
}

export function startPersonSeenFlush(deps: { db: DataSource; logger: Logger; intervalSeconds?: number }): PersonSeenFlush {
  const { db, logger } = deps;
  const intervalMs = (deps.intervalSeconds ?? DEFAULT_SEEN_FLUSH_SECONDS) * 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;

  const flushOnce = (): Promise<number> => {
    current ??= flushSeenQueue(db)
      .then((entries) => {
        if (entries > 0) logger.debug({ entries }, 'person seen times folded');
        return entries;
      })
      .catch((error: unknown) => {
        // The entries stay queued (the transaction rolled back): the next flush takes them.
        logger.error({ err: error }, 'folding person seen times failed');
        return 0;
      })
      .finally(() => {
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
