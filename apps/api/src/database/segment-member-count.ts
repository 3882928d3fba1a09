// segment.member_count is the number of open stays (segment_membership rows with no exited_at).
// Refresh and static list changes count it afresh in the segments module; a merge, an unmerge or
// an erasure that closes, reopens or deletes open stays adjusts the segments it changed, with this.
import { type Db } from './sql.js';

/**
 * Adds `delta` to the member count of each segment once per stay in `segmentIds` (a segment listed
 * twice changes by two). Call in the transaction that changed the stays. Incremental, so it costs
 * the number of segments touched, not their size: an import merges hundreds of pairs a batch, and
 * recounting a segment of a million members for each would take minutes.
 *
 * The rows are locked in id order. A refresh of one of these segments that locked it first has
 * counted our changed stays as they were (uncommitted), so the adjustment, made once it commits,
 * lands on its count; a refresh that comes after waits for this transaction and counts afresh.
 */
export async function adjustSegmentMemberCounts(tx: Db, segmentIds: readonly string[], delta: 1 | -1): Promise<void> {
  if (segmentIds.length === 0) return;
  await tx.query(
    `WITH d AS (SELECT id, count(*)::int AS stays FROM unnest($1::uuid[]) AS id GROUP BY id),
     locked AS (SELECT s.id FROM segment s JOIN d ON d.id = s.id ORDER BY s.id FOR UPDATE OF s)
     UPDATE segment s SET member_count = greatest(0, s.member_count + d.stays * $2)
     FROM d WHERE s.id = d.id AND s.id IN (SELECT id FROM locked)`,
    [segmentIds, delta],
  );
}
