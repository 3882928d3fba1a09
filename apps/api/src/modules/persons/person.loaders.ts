import DataLoader from 'dataloader';
import { isUuid } from '../../graphql/pagination.js';
import { rows, type Db } from '../../database/sql.js';
import { PERSON_COLUMNS, type PersonRow } from './person.row.js';
import { liveChainCte } from './live-persons.js';

/**
 * Persons by id; an id that was merged away resolves to the person it ended up in, following the
 * merged-into chain (merges can chain A→B→C).
 */
export function createPersonLoader(db: Db) {
  return new DataLoader<string, PersonRow | null>(async (ids) => {
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const found = await rows<PersonRow & { requested_id: string }>(
      db,
      `WITH RECURSIVE ${liveChainCte('$1')}
       SELECT live.requested_id, ${PERSON_COLUMNS} FROM live JOIN person p ON p.id = live.id`,
      [valid],
    );
    const byRequested = new Map(found.map((row) => [row.requested_id, row]));
    return ids.map((id) => byRequested.get(id.toLowerCase()) ?? null);
  });
}
