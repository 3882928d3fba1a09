import type { MergeCandidate, MergeCandidateStatus, MergeEvidence } from './merge.type.js';

export interface MergeCandidateRow {
  id: string;
  status: MergeCandidateStatus;
  person_ids: string[];
  record_keys: string[];
  evidence: MergeEvidence[];
  score: number | null;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  reason: string | null;
}

export const MERGE_CANDIDATE_COLUMNS = 'c.id, c.status, c.person_ids, c.record_keys, c.evidence, c.score, c.created_at, c.decided_at, c.decided_by, c.reason';

export function toMergeCandidate(row: MergeCandidateRow): MergeCandidate {
  return {
    id: row.id,
    status: row.status,
    personIds: row.person_ids,
    recordKeys: row.record_keys,
    evidence: row.evidence,
    score: row.score,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    reason: row.reason,
  };
}
