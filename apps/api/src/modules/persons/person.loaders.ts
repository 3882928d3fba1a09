import DataLoader from 'dataloader';
import { isUuid } from '../../graphql/pagination.js';
import { rows, type Db } from '../../database/sql.js';
import { PERSON_COLUMNS, type PersonRow } from './person.row.js';

/**
 * Persons by id; an id that was merged away resolves to the person it ended up in, following the
 * merged-into chain (merges can chain A→B→C).
 */
export function createPersonLoader(db: Db) {
  return new DataLoader<string, PersonRow | null>(async (ids) => {
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const found = await rows<PersonRow & { requested_id: string }>(
      db,
      `WITH RECURSIVE chain AS (
         SELECT id AS requested_id, id, merged_into_id, 0 AS depth FROM person WHERE id = ANY($1::uuid[])
         UNION ALL
         SELECT chain.requested_id, p.id, p.merged_into_id, chain.depth + 1
         FROM chain JOIN person p ON p.id = chain.merged_into_id
         WHERE chain.depth < 64
       )
       SELECT chain.requested_id, ${PERSON_COLUMNS}
       FROM chain JOIN person p ON p.id = chain.id
       WHERE chain.merged_into_id IS NULL`,
      [valid],
    );
    const byRequested = new Map(found.map((row) => [row.requested_id, row]));
    return ids.map((id) => byRequested.get(id.toLowerCase()) ?? null);
  });
}
