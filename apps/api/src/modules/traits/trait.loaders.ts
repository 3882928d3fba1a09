import DataLoader from 'dataloader';
import { groupInKeyOrder, rows, type Db } from '../../database/sql.js';
import type { Trait, TraitType } from './trait.type.js';

export interface TraitRow {
  person_id: string;
  key: string;
  value: unknown;
  type: TraitType;
  source: string | null;
  updated_at: Date;
  expires_at: Date | null;
}

export function toTrait(row: TraitRow): Trait {
  return { key: row.key, value: row.value, type: row.type, source: row.source, updatedAt: row.updated_at, expiresAt: row.expires_at };
}

/** Each person's live traits (expired ones are neither served nor used), by key. */
export function createTraitsByPersonLoader(db: Db) {
  return new DataLoader<string, Trait[]>(async (personIds) => {
    const found = await rows<TraitRow>(
      db,
      `SELECT person_id, key, value, type, source, updated_at, expires_at FROM trait
       WHERE person_id = ANY($1::uuid[]) AND (expires_at IS NULL OR expires_at > now())
       ORDER BY person_id, key`,
      [personIds],
    );
    return groupInKeyOrder(personIds, found, (row) => row.person_id).map((group) => group.map(toTrait));
  });
}
