import DataLoader from 'dataloader';
import { groupInKeyOrder, rows, type Db } from '../../database/sql.js';
import { SEGMENT_COLUMNS, toSegment, type SegmentRow } from './segment.row.js';
import type { SegmentMembership } from './segment.type.js';

/** Every stay of each person in any segment, current and past, newest first. */
export function createSegmentHistoryByPersonLoader(db: Db) {
  return new DataLoader<string, SegmentMembership[]>(async (personIds) => {
    const found = await rows<SegmentRow & { person_id: string; entered_at: Date; exited_at: Date | null }>(
      db,
      `SELECT m.person_id, m.entered_at, m.exited_at, ${SEGMENT_COLUMNS}
       FROM segment_membership m JOIN segment s ON s.id = m.segment_id
       WHERE m.person_id = ANY($1::uuid[])
       ORDER BY m.person_id, m.entered_at DESC, m.id DESC`,
      [personIds],
    );
    return groupInKeyOrder(personIds, found, (row) => row.person_id).map((group) =>
      group.map((row) => ({ segment: toSegment(row), enteredAt: row.entered_at, exitedAt: row.exited_at })),
    );
  });
}
