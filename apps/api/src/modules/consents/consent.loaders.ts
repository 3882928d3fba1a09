import DataLoader from 'dataloader';
import { groupInKeyOrder, rows, type Db } from '../../database/sql.js';
import type { Consent, ConsentChange, ConsentPurpose } from './consent.type.js';

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
      group.map((row) => ({ personId: row.person_id, purpose: row.purpose, granted: row.granted, source: row.source, updatedAt: row.updated_at, expiresAt: row.expires_at })),
    );
  });
}

/** Every recorded decision of a person on a purpose, newest first; key `${personId}|${purpose}`. */
export function createConsentHistoryLoader(db: Db) {
  return new DataLoader<string, ConsentChange[]>(async (keys) => {
    const split = keys.map((key) => key.split('|') as [string, string]);
    const found = await rows<{ person_id: string; purpose: string; granted: boolean; source: string | null; ip: string | null; occurred_at: Date; expires_at: Date | null; recorded_at: Date }>(
      db,
      `SELECT h.person_id, h.purpose, h.granted, h.source, h.ip, h.occurred_at, h.expires_at, h.recorded_at
       FROM consent_history h JOIN unnest($1::uuid[], $2::text[]) AS k(person_id, purpose) ON h.person_id = k.person_id AND h.purpose = k.purpose
       ORDER BY h.occurred_at DESC, h.recorded_at DESC, h.id`,
      [split.map((key) => key[0]), split.map((key) => key[1])],
    );
    return groupInKeyOrder(keys, found, (row) => `${row.person_id}|${row.purpose}`).map((group) =>
      group.map((row) => ({ granted: row.granted, source: row.source, ip: row.ip, occurredAt: row.occurred_at, expiresAt: row.expires_at, recordedAt: row.recorded_at })),
    );
  });
}
