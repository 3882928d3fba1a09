import DataLoader from 'dataloader';
import { groupInKeyOrder, rows, type Db } from '../../database/sql.js';
import type { Consent, ConsentPurpose } from './consent.type.js';

interface ConsentRow {
  person_id: string;
  purpose: ConsentPurpose;
  granted: boolean;
  source: string | null;
  updated_at: Date;
  expires_at: Date | null;
}

/** The current consent state per purpose; a grant past its expiry is served as not granted. */
export function createConsentsByPersonLoader(db: Db) {
  return new DataLoader<string, Consent[]>(async (personIds) => {
    const found = await rows<ConsentRow>(
      db,
      `SELECT person_id, purpose, granted AND (expires_at IS NULL OR expires_at > now()) AS granted, source, updated_at, expires_at
       FROM consent WHERE person_id = ANY($1::uuid[]) ORDER BY person_id, purpose`,
      [personIds],
    );
    return groupInKeyOrder(personIds, found, (row) => row.person_id).map((group) =>
      group.map((row) => ({ purpose: row.purpose, granted: row.granted, source: row.source, updatedAt: row.updated_at, expiresAt: row.expires_at })),
    );
  });
}
