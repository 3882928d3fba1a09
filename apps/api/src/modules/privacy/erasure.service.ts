// Erasure of a person (data subject's right to be forgotten): everything Spine holds on the person
// and on every person merged into it goes, in one transaction; the identifiers are kept only as
// keyed hashes so that they are refused if they come back.
import { normalizeRecord, identifierKey, type IdentityKind, type SourceRecordInput } from '@spine/identity-core';
import type { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../../graphql/errors.js';
import { rows } from '../../database/sql.js';
import { withTransaction } from '../../database/transaction.js';
import { adjustSegmentMemberCounts } from '../../database/segment-member-count.js';
import type { SuppressionService } from './suppression.service.js';
import { livePersonIds } from '../persons/live-persons.js';

export interface ErasureCounts {
  persons: number;
  identities: number;
  records: number;
  events: number;
  traits: number;
  consents: number;
  memberships: number;
  merges: number;
  reviewItems: number;
  suppressed: number;
}

export class ErasureService {
  constructor(
    private readonly suppression: SuppressionService,
    private readonly normalizeOptions: { defaultRegion: string },
  ) {}

  /** `audit` runs inside the erasure's transaction with the live id that was erased. */
  async erase(db: DataSource, personId: string, actor: string, audit?: (tx: EntityManager, liveId: string, counts: ErasureCounts) => Promise<void>): Promise<ErasureCounts> {
    return withTransaction(db, async (tx) => {
      const liveId = (await livePersonIds(tx, [personId])).get(personId);
      if (!liveId) throw notFound(`No person with id ${personId}`);
      // The person and everyone merged into it, directly or through others.
      const cluster = (
        await rows<{ id: string }>(
          tx,
          `WITH RECURSIVE tree AS (SELECT id FROM person WHERE id = $1
             UNION ALL SELECT p.id FROM person p JOIN tree ON p.merged_into_id = tree.id)
           SELECT id FROM tree`,
          [liveId],
        )
      ).map((row) => row.id);
      await tx.query('SELECT id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [cluster]);

      const identities = await rows<{ kind: IdentityKind; scope: string; value: string }>(tx, 'SELECT kind, scope, value FROM identity WHERE person_id = ANY($1::uuid[])', [cluster]);
      const records = await rows<{ payload: SourceRecordInput }>(
        tx,
        `SELECT r.payload FROM source_record r
         WHERE r.person_id = ANY($1::uuid[])
            OR (r.status = 'PENDING' AND r.candidate_id IN (SELECT id FROM merge_candidate WHERE person_ids && $1::uuid[]))`,
        [cluster],
      );
      // Values the person's records carried (held by them or not): their traces in claims go too.
      const carried = new Map<string, { kind: string; scope: string; value: string }>();
      for (const identity of identities) carried.set(identifierKey(identity), identity);
      for (const record of records) {
        for (const identifier of normalizeRecord(record.payload, this.normalizeOptions, 0).identifiers) carried.set(identifierKey(identifier), identifier);
      }
      const carriedList = [...carried.values()];

      const suppressed = await this.suppression.suppress(tx, identities);
      const count = async (sql: string, parameters: unknown[]) => (await rows<unknown>(tx, `${sql} RETURNING 1`, parameters)).length;
      // Review items that name the person go, with the records waiting on them: those records claim
      // the person's identifiers (they would be refused now if they came back).
      const candidates = (await rows<{ id: string }>(tx, 'DELETE FROM merge_candidate WHERE person_ids && $1::uuid[] RETURNING id', [cluster])).map((row) => row.id);
      const reviewItems = candidates.length;
      const waiting = await count(`DELETE FROM source_record WHERE status = 'PENDING' AND candidate_id = ANY($1::uuid[])`, [candidates]);
      await tx.query('DELETE FROM merge_rejection WHERE person_a = ANY($1::uuid[]) OR person_b = ANY($1::uuid[])', [cluster]);
      const merges = await count('DELETE FROM person_merge WHERE source_person_id = ANY($1::uuid[]) OR target_person_id = ANY($1::uuid[])', [cluster]);
      const events = await count('DELETE FROM event WHERE person_id = ANY($1::uuid[])', [cluster]);
      await tx.query('DELETE FROM person_seen_queue WHERE person_id = ANY($1::uuid[])', [cluster]);
      const traits = await count('DELETE FROM trait WHERE person_id = ANY($1::uuid[])', [cluster]);
      const consents = await count('DELETE FROM consent WHERE person_id = ANY($1::uuid[])', [cluster]);
      await tx.query('DELETE FROM consent_history WHERE person_id = ANY($1::uuid[])', [cluster]);
      const stays = await rows<{ segment_id: string; open: boolean }>(tx, 'DELETE FROM segment_membership WHERE person_id = ANY($1::uuid[]) RETURNING segment_id, exited_at IS NULL AS open', [cluster]);
      const memberships = stays.length;
      await adjustSegmentMemberCounts(tx, stays.filter((stay) => stay.open).map((stay) => stay.segment_id), -1);
      await tx.query('DELETE FROM lifetime_value WHERE person_id = ANY($1::uuid[])', [cluster]);
      await tx.query('DELETE FROM engagement_score WHERE person_id = ANY($1::uuid[])', [cluster]);
      const erasedIdentities = await rows<{ id: string }>(tx, 'DELETE FROM identity WHERE person_id = ANY($1::uuid[]) RETURNING id', [cluster]);
      const identityCount = erasedIdentities.length;
      // Events of other persons that one of these identities once attributed (event.identity_id has no
      // foreign key, for ingestion speed: migration 1763870000001) keep no reference to it.
      await tx.query('UPDATE event SET identity_id = NULL WHERE identity_id = ANY($1::uuid[])', [erasedIdentities.map((row) => row.id)]);
      const recordCount = await count('DELETE FROM source_record WHERE person_id = ANY($1::uuid[])', [cluster]);
      await tx.query(
        `DELETE FROM identifier_claim c USING unnest($1::text[], $2::text[], $3::text[]) AS k(kind, scope, value)
         WHERE c.kind = k.kind AND c.scope = k.scope AND c.value = k.value`,
        [carriedList.map((key) => key.kind), carriedList.map((key) => key.scope), carriedList.map((key) => key.value)],
      );
      // Household claims elsewhere may name the person as a member of an address.
      await tx.query(
        `UPDATE identifier_claim SET claims = jsonb_set(claims, '{members}', coalesce((
           SELECT jsonb_agg(m) FROM jsonb_array_elements(claims->'members') AS m WHERE NOT ((m->>'personId')::uuid = ANY($1::uuid[]))), '[]'::jsonb))
         WHERE claims ? 'members' AND EXISTS (SELECT 1 FROM jsonb_array_elements(claims->'members') AS m WHERE (m->>'personId')::uuid = ANY($1::uuid[]))`,
        [cluster],
      );
      await tx.query('DELETE FROM person_note WHERE person_id = ANY($1::uuid[])', [cluster]);
      await tx.query('UPDATE person SET merged_into_id = NULL WHERE id = ANY($1::uuid[])', [cluster]);
      const persons = await count('DELETE FROM person WHERE id = ANY($1::uuid[])', [cluster]);
      const counts: ErasureCounts = { persons, identities: identityCount, records: recordCount + waiting, events, traits, consents, memberships, merges, reviewItems, suppressed };
      await tx.query('INSERT INTO erasure_log (person_id, actor, counts) VALUES ($1, $2, $3)', [liveId, actor, JSON.stringify(counts)]);
      await audit?.(tx, liveId, counts);
      return counts;
    });
  }
}
