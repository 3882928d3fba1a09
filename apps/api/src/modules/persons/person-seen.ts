// When a person was first and last seen, as their events say. Interactive writes (GraphQL
// trackEvents) update the person row at once. High-volume ingestion (/v1, `spine events import`)
// appends to person_seen_queue instead, a table without locks to wait for, and the queue is folded
// into the person rows every few seconds (jobs/queue-flush.job.ts): a person active in every batch
// is written once per flush instead of once per batch, and concurrent batches no longer queue up
// behind each other's row locks on the persons they share. Merges and unmerges fold the entries of
// their persons first, so they work with times that include everything already stored.
import type { DataSource } from 'typeorm';
import { rows, type Db } from '../../database/sql.js';
import { withTransaction } from '../../database/transaction.js';
import { livePersonIds } from './live-persons.js';

export interface SeenTime {
  personId: string;
  at: Date;
}

/** Seen times folded per person: [personId, first, last] (ms), persons in id order. */
function fold(times: readonly SeenTime[]): { ids: string[]; first: string[]; last: string[] } {
  const range = new Map<string, [number, number]>();
  for (const { personId, at } of times) {
    const t = at.getTime();
    const current = range.get(personId);
    range.set(personId, current ? [Math.min(current[0], t), Math.max(current[1], t)] : [t, t]);
  }
  const ids = [...range.keys()].sort();
  return {
    ids,
    first: ids.map((id) => new Date(range.get(id)![0]).toISOString()),
    last: ids.map((id) => new Date(range.get(id)![1]).toISOString()),
  };
}

/**
 * first_seen_at/last_seen_at of live persons, now; rows locked in id order. A time in the future
 * counts as now. `id = ANY` lets the lock find its rows through the primary key: joined to the
 * unnest alone, the planner could hash every live person (it did on a young table's statistics).
 */
export async function touchPersons(tx: Db, times: readonly SeenTime[]): Promise<void> {
  if (times.length === 0) return;
  const { ids, first, last } = fold(times);
  await tx.query(
    `WITH m AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS m(person_id, first_at, last_at)),
     locked AS (
       SELECT p.id FROM person p JOIN m ON m.person_id = p.id
       WHERE p.id = ANY($1::uuid[]) AND p.merged_into_id IS NULL AND (p.last_seen_at < least(m.last_at, now()) OR p.first_seen_at > m.first_at)
       ORDER BY p.id FOR NO KEY UPDATE OF p
     )
     UPDATE person p SET last_seen_at = greatest(p.last_seen_at, least(m.last_at, now())), first_seen_at = least(p.first_seen_at, m.first_at)
     FROM m WHERE p.id = m.person_id AND p.id IN (SELECT id FROM locked)`,
    [ids, first, last],
  );
}

/** Appends the times to the queue (one row per person of the call; a time in the future as now); folded in by `flushSeenQueue`. */
export async function queueSeen(tx: Db, times: readonly SeenTime[]): Promise<void> {
  if (times.length === 0) return;
  const { ids, first, last } = fold(times);
  await tx.query(
    `INSERT INTO person_seen_queue (person_id, first_at, last_at)
     SELECT person_id, least(first_at, now()), least(last_at, now()) FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS m(person_id, first_at, last_at)`,
    [ids, first, last],
  );
}

interface TakenEntries {
  person_id: string;
  first_at: Date;
  last_at: Date;
  entries: string;
}

/** Removes the queued entries of these persons, folded per person (earliest, latest, how many). */
function takeEntries(tx: Db, personIds: readonly string[]): Promise<TakenEntries[]> {
  return rows<TakenEntries>(
    tx,
    `WITH taken AS (DELETE FROM person_seen_queue WHERE person_id = ANY($1::uuid[]) RETURNING person_id, first_at, last_at)
     SELECT person_id, min(first_at) AS first_at, max(last_at) AS last_at, count(*) AS entries FROM taken GROUP BY person_id`,
    [personIds],
  );
}

/**
 * Takes queue entries (those of `personIds`, or up to `limit` of any) and folds them into the
 * persons, within the caller's transaction: if it rolls back, the entries stay queued. Entries of a
 * person merged away since go to the person it was merged into. Returns the entries taken.
 */
export async function applyQueuedSeen(tx: Db, options: { personIds?: readonly string[]; limit?: number } = {}): Promise<number> {
  let taken: TakenEntries[];
  let live: Map<string, string>;
  if (options.personIds) {
    // A merge's or an unmerge's own persons, which it holds locked already.
    taken = await takeEntries(tx, options.personIds);
    live = new Map(taken.map((row) => [row.person_id, row.person_id]));
  } else {
    // The fold locks the (live) persons of up to `limit` entries first, in id order, skipping those
    // a merge or another fold holds: their entries wait for the next fold (a merge folds them itself).
    // Taking the entries first and the persons after deadlocked against a merge, which holds its
    // persons and then takes their entries.
    const queued = (await rows<{ person_id: string }>(tx, 'SELECT DISTINCT person_id FROM (SELECT person_id FROM person_seen_queue LIMIT $1) q', [options.limit ?? 50_000])).map(
      (row) => row.person_id,
    );
    if (queued.length === 0) return 0;
    const survivors = await livePersonIds(tx, queued);
    const locked = new Set(
      (
        await rows<{ id: string }>(tx, 'SELECT id FROM person WHERE id = ANY($1::uuid[]) AND merged_into_id IS NULL ORDER BY id FOR NO KEY UPDATE SKIP LOCKED', [
          [...new Set(survivors.values())],
        ])
      ).map((row) => row.id),
    );
    // An erased person has no row left: its entries go with it.
    const takeable = queued.filter((id) => !survivors.has(id) || locked.has(survivors.get(id)!));
    if (takeable.length === 0) return 0;
    taken = await takeEntries(tx, takeable);
    live = survivors;
  }
  if (taken.length === 0) return 0;
  const times: SeenTime[] = [];
  for (const row of taken) {
    const personId = live.get(row.person_id);
    // An erased person has no row left: its entries go with it.
    if (!personId) continue;
    times.push({ personId, at: row.first_at }, { personId, at: row.last_at });
  }
  await touchPersons(tx, times);
  return taken.reduce((sum, row) => sum + Number(row.entries), 0);
}

/** Folds the whole queue in, a transaction per `limit` entries. Returns the entries folded. */
export async function flushSeenQueue(db: DataSource, limit = 50_000): Promise<number> {
  let total = 0;
  for (;;) {
    const taken = await withTransaction(db, (tx) => applyQueuedSeen(tx, { limit }));
    total += taken;
    if (taken < limit) return total;
  }
}
