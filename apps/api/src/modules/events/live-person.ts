import { one, type Db } from '../../database/sql.js';

/**
 * The live person an id names (following merges: a merged-away id writes to the survivor), locked
 * FOR SHARE so that it cannot be merged away before the caller's transaction commits. Undefined
 * when there is no such person.
 */
export async function lockLivePerson(tx: Db, personId: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const live = await one<{ id: string }>(
      tx,
      `WITH RECURSIVE chain AS (
         SELECT id, merged_into_id, 0 AS depth FROM person WHERE id = $1
         UNION ALL
         SELECT p.id, p.merged_into_id, chain.depth + 1 FROM chain JOIN person p ON p.id = chain.merged_into_id WHERE chain.depth < 64
       )
       SELECT p.id FROM chain JOIN person p ON p.id = chain.id
       WHERE chain.merged_into_id IS NULL AND p.merged_into_id IS NULL
       FOR SHARE OF p`,
      [personId],
    );
    if (live) return live.id;
    // Merged between reading the chain and locking: follow the chain again.
    const exists = await one<{ id: string }>(tx, 'SELECT id FROM person WHERE id = $1', [personId]);
    if (!exists) return undefined;
  }
  return undefined;
}
