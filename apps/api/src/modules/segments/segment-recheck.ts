// Persons whose segment memberships a merge or an unmerge may have made wrong: the survivor of a
// merge can hold the stays of both persons (a "free plan" segment and a "pro plan" one), until its
// segments are evaluated again for it. Merges queue their persons here, in their own transaction;
// `SegmentsService.recheckQueued` evaluates every dynamic segment for them, right after an
// interactive merge commits and, for merges made by imports, from `spine serve`'s queue flush.
import type { DataSource } from 'typeorm';
import type { Db } from '../../database/sql.js';
import type { Logger } from '../../logger.js';
import { livePersonIds } from '../persons/live-persons.js';
import type { SegmentsService } from './segments.service.js';

export async function queueSegmentRecheck(tx: Db, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await tx.query('INSERT INTO person_segment_recheck (person_id) SELECT DISTINCT unnest($1::uuid[])', [personIds]);
}

/**
 * After an API call that merged or unmerged commits: the segments of its persons (and of those they
 * live on in) are evaluated again now, so that the next read shows no contradictory segments. A
 * failure here does not undo the call: the persons stay queued for the next queue flush.
 */
export async function recheckSegmentsNow(ctx: { db: DataSource; logger: Logger; services: { segments: SegmentsService } }, personIds: readonly string[]): Promise<void> {
  try {
    const live = await livePersonIds(ctx.db, personIds);
    await ctx.services.segments.recheckQueued(ctx.db, { personIds: [...new Set([...personIds, ...live.values()])] });
  } catch (error) {
    ctx.logger.error({ err: error, personIds }, 'segment recheck after a merge failed; the persons stay queued');
  }
}
