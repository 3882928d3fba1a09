// Persons that were merged away keep their ids; these ids resolve to the person they ended up in,
// following the merged-into chain (merges can chain A→B→C).
import { rows, type Db } from '../../database/sql.js';

/**
 * SQL for a CTE `live(requested_id, id)`: each id of the uuid[] parameter `parameter` (e.g. `$1`)
 * with the live person it resolves to. Unknown ids have no row. Bounded at 64 hops.
 */
export function liveChainCte(parameter: string): string {
  return `chain AS (
      SELECT id AS requested_id, id, merged_into_id, 0 AS depth FROM person WHERE id = ANY(${parameter}::uuid[])
      UNION ALL
      SELECT chain.requested_id, p.id, p.merged_into_id, chain.depth + 1
      FROM chain JOIN person p ON p.id = chain.merged_into_id
      WHERE chain.depth < 64
    ),
    live AS (SELECT requested_id, id FROM chain WHERE merged_into_id IS NULL)`;
}

/** requested id → live person id, for the ids that name a person. */
export async function livePersonIds(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await rows<{ requested_id: string; id: string }>(db, `WITH RECURSIVE ${liveChainCte('$1')} SELECT requested_id, id FROM live`, [ids]);
  return new Map(found.map((row) => [row.requested_id, row.id]));
}
