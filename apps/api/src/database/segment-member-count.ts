// segment.member_count is the number of open stays (segment_membership rows with no exited_at).
// Refresh and static list changes maintain it in the segments module; a merge, an unmerge or an
// erasure that closes, reopens or deletes stays recounts the segments it changed, with this.
import { type Db } from './sql.js';

/** Sets each given segment's member_count to its number of open stays. Call in the transaction that changed them. */
export async function recountSegmentMembers(tx: Db, segmentIds: readonly string[]): Promise<void> {
  const ids = [...new Set(segmentIds)];
  if (ids.length === 0) return;
  // Locked first, in a statement of its own, as refresh does: the count then reads the stays of
  // any refresh of these segments that was running when we asked, not a snapshot from before it.
  await tx.query('SELECT id FROM segment WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
  await tx.query(
    `UPDATE segment s SET member_count = (SELECT count(*) FROM segment_membership m WHERE m.segment_id = s.id AND m.exited_at IS NULL)
     WHERE s.id = ANY($1::uuid[])`,
    [ids],
  );
}
