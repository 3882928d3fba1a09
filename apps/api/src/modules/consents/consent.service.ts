// Every decision is kept (consent_history); the consent row is the current state per purpose.
import type { DataSource } from 'typeorm';
import { badInput, notFound } from '../../graphql/errors.js';
import { one, type Db } from '../../database/sql.js';
import { withTransaction } from '../../database/transaction.js';
import { lockLivePerson } from '../events/live-person.js';
import { liveChainCte } from '../persons/live-persons.js';
import type { Consent, ConsentPurpose } from './consent.type.js';

export interface ConsentDecision {
  purpose: ConsentPurpose;
  granted: boolean;
  source?: string | null;
  expiresAt?: Date | null;
}

/** A preference an event stated (Segment's context.consent), for one purpose. */
export interface ObservedConsent {
  personId: string;
  purpose: ConsentPurpose;
  granted: boolean;
  source: string;
  ip: string | null;
  occurredAt: Date;
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

  /**
   * Records what events said, in the caller's transaction, in one statement. Per person and purpose,
   * observations older than the current decision are late deliveries and change nothing; the rest, in
   * time order, add a history row wherever the preference changes (from the current state, or from the
   * observation before), and the newest becomes the current state, without expiry. Repeating the
   * current preference, as every event of a consent manager does, writes nothing. Observations of a
   * person merged away meanwhile go to the person it was merged into.
   */
  async recordObserved(tx: Db, observations: readonly ObservedConsent[]): Promise<void> {
    if (observations.length === 0) return;
    const payload = observations.map((observation, position) => ({
      person_id: observation.personId,
      purpose: observation.purpose,
      granted: observation.granted,
      source: observation.source,
      ip: observation.ip,
      occurred_at: observation.occurredAt.toISOString(),
      position,
    }));
    await tx.query(
      `WITH RECURSIVE ${liveChainCte('$1')},
       observed AS (
         SELECT live.id AS person_id, o.purpose, o.granted, o.source, o.ip, o.occurred_at, o.position
         FROM jsonb_to_recordset($2::jsonb) AS o(person_id uuid, purpose text, granted boolean, source text, ip text, occurred_at timestamptz, position int)
         JOIN live ON live.requested_id = o.person_id
       ),
       timely AS (
         SELECT o.*, c.granted AND (c.expires_at IS NULL OR c.expires_at > now()) AS current_granted,
                lag(o.granted) OVER (PARTITION BY o.person_id, o.purpose ORDER BY o.occurred_at, o.position) AS previous_granted
         FROM observed o LEFT JOIN consent c ON c.person_id = o.person_id AND c.purpose = o.purpose
         WHERE c.person_id IS NULL OR o.occurred_at >= c.updated_at
       ),
       changes AS (
         SELECT * FROM timely WHERE granted IS DISTINCT FROM coalesce(previous_granted, current_granted)
       ),
       history AS (
         INSERT INTO consent_history (person_id, purpose, granted, source, ip, occurred_at)
         SELECT person_id, purpose, granted, source, ip, occurred_at FROM changes
       )
       -- Rows in one order for every writer (concurrent batches wait instead of deadlocking); a newer
       -- decision a concurrent batch committed meanwhile stays.
       INSERT INTO consent AS c (person_id, purpose, granted, source, ip, updated_at, expires_at)
       SELECT DISTINCT ON (person_id, purpose) person_id, purpose, granted, source, ip, occurred_at, NULL FROM changes
       ORDER BY person_id, purpose, occurred_at DESC, position DESC
       ON CONFLICT (person_id, purpose) DO UPDATE SET granted = excluded.granted, source = excluded.source, ip = excluded.ip,
         updated_at = excluded.updated_at, expires_at = NULL
       WHERE excluded.updated_at >= c.updated_at`,
      [[...new Set(observations.map((observation) => observation.personId))], JSON.stringify(payload)],
    );
  }
}
