import DataLoader from 'dataloader';
import { rows, type Db } from '../../database/sql.js';
import type { Merge } from './merge.type.js';

export interface MergeRow {
  id: string;
  source_person_id: string;
  target_person_id: string;
  reason: string | null;
  actor: string;
  merged_at: Date;
  undone_at: Date | null;
}

export function toMerge(row: MergeRow): Merge {
  return { id: row.id, sourcePersonId: row.source_person_id, targetPersonId: row.target_person_id, reason: row.reason, actor: row.actor, mergedAt: row.merged_at, undoneAt: row.undone_at };
}

export const MERGE_COLUMNS = 'm.id, m.source_person_id, m.target_person_id, m.reason, m.actor, m.merged_at, m.undone_at';

/** Merges a person took part in (as target or as source), newest first. */
export function createMergeHistoryLoader(db: Db) {
  return new DataLoader<string, Merge[]>(async (personIds) => {
    const found = await rows<MergeRow>(
      db,
      `SELECT ${MERGE_COLUMNS} FROM person_merge m
       WHERE m.target_person_id = ANY($1::uuid[]) OR m.source_person_id = ANY($1::uuid[])
       ORDER BY m.merged_at DESC, m.id`,
      [personIds],
    );
    return personIds.map((id) => found.filter((row) => row.target_person_id === id || row.source_person_id === id).map(toMerge));
  });
}

/** Source records still waiting on each merge candidate. */
export function createPendingRecordsLoader(db: Db) {
  return new DataLoader<string, { provider: string; externalId: string; payload: unknown }[]>(async (candidateIds) => {
    const found = await rows<{ candidate_id: string; provider: string; external_id: string; payload: unknown }>(
      db,
      `SELECT candidate_id, provider, external_id, payload FROM source_record
       WHERE candidate_id = ANY($1::uuid[]) AND status = 'PENDING' ORDER BY provider, external_id`,
      [candidateIds],
    );
    return candidateIds.map((id) => found.filter((row) => row.candidate_id === id).map((row) => ({ provider: row.provider, externalId: row.external_id, payload: row.payload })));
  });
}
