// Persons whose segment memberships a merge or an unmerge may have made wrong: the survivor of a
// merge can hold the stays of both persons (a "free plan" segment and a "pro plan" one), until its
// segments are evaluated again for it. Merges queue their persons here, in their own transaction;
// `SegmentsService.recheckQueued` evaluates every dynamic segment for them, right after an
// interactive merge commits and, for merges made by imports, from `spine serve`'s queue flush.
import type { Db } from '../../database/sql.js';

export async function queueSegmentRecheck(tx: Db, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await tx.query('INSERT INTO person_segment_recheck (person_id) SELECT DISTINCT unnest($1::uuid[])', [personIds]);
}
