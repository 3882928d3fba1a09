import DataLoader from 'dataloader';
import { groupInKeyOrder, rows, type Db } from '../../database/sql.js';
import { SEGMENT_COLUMNS, toSegment, type SegmentRow } from './segment.row.js';
import type { Segment } from './segment.type.js';

/** The segments each person is currently a member of. */
export function createSegmentsByPersonLoader(db: Db) {
  return new DataLoader<string, Segment[]>(async (personIds) => {
    const found = await rows<SegmentRow & { person_id: string }>(
      db,
      `SELECT m.person_id, ${SEGMENT_COLUMNS}
       FROM segment_membership m JOIN segment s ON s.id = m.segment_id
       WHERE m.person_id = ANY($1::uuid[]) AND m.exited_at IS NULL
       ORDER BY m.person_id, s.name`,
      [personIds],
    );
    return groupInKeyOrder(personIds, found, (row) => row.person_id).map((group) => group.map(toSegment));
  });
}
