import { one, rows, type Db } from '../../database/sql.js';
import { livePersonIds } from '../persons/live-persons.js';

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

/**
 * Each person id -> the live person it names, all of them locked FOR KEY SHARE (in id order, so
 * that batches never wait for each other in a cycle) until the caller's transaction commits. A
 * merge locks its persons FOR UPDATE: one that began before waits to commit first, and the lock
 * then sees the person merged and follows it to the survivor; one that begins after waits for the
 * caller, and moves what it wrote. Either way nothing written stays on a person merged away.
 * Ids of no person at all are left out.
 *
 * `UPDATE` (a batch that will merge some of these persons): the merge's own locks, taken here with
 * all the others in one ordered pass, instead of later, after the batch's writes hold locks that
 * other batches wait for (the deadlock of alias merges under concurrent traffic).
 */
export async function lockLivePersons(tx: Db, personIds: readonly string[], mode: 'KEY SHARE' | 'UPDATE' = 'KEY SHARE'): Promise<Map<string, string>> {
  const liveOf = new Map<string, string>();
  let named = new Map<string, string[]>([...new Set(personIds)].map((id) => [id, [id]]));
  for (let round = 0; named.size > 0 && round < 8; round += 1) {
    const locked = await rows<{ id: string; merged_into_id: string | null }>(
      tx,
      `SELECT id, merged_into_id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR ${mode === 'UPDATE' ? 'UPDATE' : 'KEY SHARE'}`,
      [[...named.keys()].sort()],
    );
    const merged: string[] = [];
    for (const row of locked) {
      if (row.merged_into_id === null) for (const id of named.get(row.id)!) liveOf.set(id, row.id);
      else merged.push(row.id);
    }
    if (merged.length === 0) break;
    // Merged meanwhile: lock the survivors (the chain's end now) in the next round.
    const survivors = await livePersonIds(tx, merged);
    const next = new Map<string, string[]>();
    for (const id of merged) {
      const survivor = survivors.get(id);
      if (!survivor) continue;
      next.set(survivor, [...(next.get(survivor) ?? []), ...named.get(id)!]);
    }
    named = next;
  }
  return liveOf;
}
