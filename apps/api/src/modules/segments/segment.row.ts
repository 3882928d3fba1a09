import type { Segment, SegmentKind } from './segment.type.js';

export interface SegmentRow {
  id: string;
  name: string;
  description: string | null;
  kind: string;
  rules: unknown;
  member_count: number;
  created_at: Date;
  updated_at: Date;
  last_evaluated_at: Date | null;
}

export const SEGMENT_COLUMNS = 's.id, s.name, s.description, s.kind, s.rules, s.member_count, s.created_at, s.updated_at, s.last_evaluated_at';

export function toSegment(row: SegmentRow): Segment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind as SegmentKind,
    rules: row.rules,
    memberCount: row.member_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastEvaluatedAt: row.last_evaluated_at,
  };
}
