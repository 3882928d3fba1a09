// Every decision is kept (consent_history); the consent row is the current state per purpose.
import type { DataSource } from 'typeorm';
import { badInput, notFound } from '../../graphql/errors.js';
import { one } from '../../database/sql.js';
import { withTransaction } from '../../database/transaction.js';
import { lockLivePerson } from '../events/live-person.js';
import type { Consent, ConsentPurpose } from './consent.type.js';

export interface ConsentDecision {
  purpose: ConsentPurpose;
  granted: boolean;
  source?: string | null;
  expiresAt?: Date | null;
}

export class ConsentService {
  async set(db: DataSource, personId: string, decision: ConsentDecision, options: { ip?: string | null; actor?: string } = {}): Promise<Consent> {
    if (decision.source?.includes('\u0000')) throw badInput('source contains U+0000');
    // An expiry already past would record a grant that counts as not granted from the start.
    if (decision.expiresAt && decision.expiresAt.getTime() <= Date.now()) {
      throw badInput(`expiresAt ${decision.expiresAt.toISOString()} is not in the future (leave it out for a decision that does not expire; to withdraw consent, send granted: false)`);
    }
    return withTransaction(db, async (tx) => {
      const live = await lockLivePerson(tx, personId);
      if (!live) throw notFound(`No person with id ${personId}`);
      const row = await one<{ purpose: ConsentPurpose; granted: boolean; source: string | null; updated_at: Date; expires_at: Date | null }>(
        tx,
        `WITH decision AS (
           INSERT INTO consent_history (person_id, purpose, granted, source, ip, occurred_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, now(), $6)
           RETURNING person_id, purpose, granted, source, ip, occurred_at, expires_at
         ), current AS (
           INSERT INTO consent AS c (person_id, purpose, granted, source, ip, updated_at, expires_at)
           SELECT person_id, purpose, granted, source, ip, occurred_at, expires_at FROM decision
           ON CONFLICT (person_id, purpose) DO UPDATE SET granted = excluded.granted, source = excluded.source, ip = excluded.ip,
             updated_at = excluded.updated_at, expires_at = excluded.expires_at
           RETURNING purpose, granted, source, updated_at, expires_at
         )
         SELECT purpose, granted AND (expires_at IS NULL OR expires_at > now()) AS granted, source, updated_at, expires_at FROM current`,
        [live, decision.purpose, decision.granted, decision.source ?? null, options.ip ?? null, decision.expiresAt ?? null],
      );
      return { personId: live, purpose: row!.purpose, granted: row!.granted, source: row!.source, updatedAt: row!.updated_at, expiresAt: row!.expires_at };
    });
  }
}
