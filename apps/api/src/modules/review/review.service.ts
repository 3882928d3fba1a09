// Deciding a merge review item. MERGE folds every person of the candidate into the oldest one and
// links the records that waited on the decision; REJECT remembers every pair as different people
// and gives each waiting record a person of its own.
import { normalizeRecord, personPairKey, type SourceRecordInput } from '@spine/identity-core';
import type { DataSource, EntityManager } from 'typeorm';
import { conflict, notFound } from '../../graphql/errors.js';
import { one, rows } from '../../database/sql.js';
import { withTransaction } from '../../database/transaction.js';
import { MERGE_CANDIDATE_COLUMNS, toMergeCandidate, type MergeCandidateRow } from './merge-candidate.row.js';
import type { MergeService } from './merge.service.js';
import { liveChainCte } from '../persons/live-persons.js';
import { MergeDecision, type MergeCandidate } from './merge.type.js';

export class ReviewService {
  constructor(
    private readonly merges: MergeService,
    private readonly normalizeOptions: { defaultRegion: string },
  ) {}

  /** `audit` runs inside the decision's transaction, so a decision is never committed unaudited. */
  async decide(
    db: DataSource,
    request: { id: string; decision: MergeDecision; reason: string | null; actor: string },
    audit?: (tx: EntityManager, candidate: MergeCandidate) => Promise<void>,
  ): Promise<MergeCandidate> {
    return withTransaction(db, async (tx) => {
      const candidate = await one<MergeCandidateRow>(tx, `SELECT ${MERGE_CANDIDATE_COLUMNS} FROM merge_candidate c WHERE c.id = $1 FOR UPDATE`, [request.id]);
      if (!candidate) throw notFound(`No merge candidate with id ${request.id}`);
      if (candidate.status !== 'OPEN') throw conflict(`This candidate was already decided (${candidate.status}) by ${candidate.decided_by ?? 'someone'}`);
      const live = await this.livePersons(tx, candidate.person_ids);
      if (request.decision === MergeDecision.MERGE) {
        const [target, ...sources] = live;
        for (const source of sources) {
          await this.merges.merge(tx, { sourceId: source.id, targetId: target.id, reason: request.reason ?? 'merge review', actor: request.actor, evidence: candidate.evidence, candidateId: candidate.id });
        }
        await this.settleRecords(tx, candidate, target?.id ?? null, request.actor);
      } else {
        for (let a = 0; a < live.length; a += 1) {
          for (let b = a + 1; b < live.length; b += 1) await this.rememberRejection(tx, live[a].id, live[b].id, candidate.id);
        }
        const created = await this.settleRecords(tx, candidate, null, request.actor);
        for (const personId of created) for (const other of live) await this.rememberRejection(tx, personId, other.id, candidate.id);
      }
      const decided = (await one<MergeCandidateRow>(
        tx,
        `UPDATE merge_candidate c SET status = $2, decided_at = now(), decided_by = $3, reason = $4, updated_at = now()
         WHERE c.id = $1 RETURNING ${MERGE_CANDIDATE_COLUMNS}`,
        [candidate.id, request.decision === MergeDecision.MERGE ? 'MERGED' : 'REJECTED', request.actor, request.reason],
      ))!;
      const result = toMergeCandidate(decided);
      await audit?.(tx, result);
      return result;
    });
  }

  /** The candidate's persons as they are now (merged-away ids followed), oldest first. */
  private async livePersons(tx: EntityManager, ids: string[]): Promise<{ id: string }[]> {
    return rows<{ id: string }>(
      tx,
      `WITH RECURSIVE ${liveChainCte('$1')}
       SELECT DISTINCT p.id, p.first_seen_at FROM live JOIN person p ON p.id = live.id ORDER BY p.first_seen_at, p.id`,
      [ids],
    );
  }

  private async rememberRejection(tx: EntityManager, a: string, b: string, candidateId: string): Promise<void> {
    if (a === b) return;
    const [first, second] = personPairKey(a, b).split('|');
    await tx.query('INSERT INTO merge_rejection (person_a, person_b, candidate_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [first, second, candidateId]);
  }

  /**
   * Records that waited on the candidate: linked to `personId`, or (when null) each given a new
   * person. They take the identifiers nobody else holds; the others stay with their holders.
   * Returns the ids of persons created.
   */
  private async settleRecords(tx: EntityManager, candidate: MergeCandidateRow, personId: string | null, actor: string): Promise<string[]> {
    const pending = await rows<{ provider: string; external_id: string; payload: SourceRecordInput; observed_at: Date }>(
      tx,
      `SELECT provider, external_id, payload, observed_at FROM source_record WHERE candidate_id = $1 AND status = 'PENDING' ORDER BY observed_at FOR UPDATE`,
      [candidate.id],
    );
    const created: string[] = [];
    for (const record of pending) {
      const normalized = normalizeRecord(record.payload, this.normalizeOptions, 0);
      let owner = personId;
      if (!owner) {
        owner = (await one<{ id: string }>(
          tx,
          `INSERT INTO person (first_name, last_name, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $3) RETURNING id`,
          [normalized.firstName, normalized.lastName, record.observed_at],
        ))!.id;
        created.push(owner);
      }
      await tx.query(`UPDATE source_record SET person_id = $3, status = 'LINKED', matched_by = 'REVIEW', candidate_id = NULL, last_seen_at = now() WHERE provider = $1 AND external_id = $2`, [
        record.provider,
        record.external_id,
        owner,
      ]);
      const identifiers = normalized.identifiers;
      await tx.query(
        `INSERT INTO identity (person_id, kind, provider, scope, value, raw_value, is_primary, first_seen_at, last_seen_at, metadata)
         SELECT $1, i.kind, i.provider, i.scope, i.value, i.raw,
                i.kind IN ('EMAIL', 'PHONE') AND NOT EXISTS (SELECT 1 FROM identity p WHERE p.person_id = $1 AND p.kind = i.kind AND p.is_primary)
                  AND row_number() OVER (PARTITION BY i.kind ORDER BY i.ordinal) = 1,
                $2, $2, jsonb_build_object('linkedBy', $3::text)
         FROM jsonb_to_recordset($4::jsonb) AS i(ordinal int, kind text, provider text, scope text, value text, raw text)
         WHERE NOT EXISTS (SELECT 1 FROM identity e WHERE e.kind = i.kind AND e.scope = i.scope AND e.value = i.value)
           AND NOT EXISTS (SELECT 1 FROM identifier_flag f WHERE f.kind = i.kind AND f.scope = i.scope AND f.value = i.value AND f.status <> 'RELEASED')`,
        [owner, record.observed_at, actor, JSON.stringify(identifiers.map((identifier, ordinal) => ({ ordinal, ...identifier })))],
      );
      await tx.query(
        `INSERT INTO identity_link (identity_id, record_provider, record_external_id, rule)
         SELECT e.id, $2, $3, 'REVIEW' FROM jsonb_to_recordset($4::jsonb) AS i(kind text, scope text, value text)
         JOIN identity e ON e.kind = i.kind AND e.scope = i.scope AND e.value = i.value AND e.person_id = $1
         -- Not again when the record is already the identity's origin.
         WHERE (e.origin_record_provider, e.origin_record_external_id) IS DISTINCT FROM ($2::text, $3::text)
            OR e.origin_linked_at < (SELECT first_seen_at FROM source_record WHERE provider = $2::text AND external_id = $3::text)
         ON CONFLICT DO NOTHING`,
        [owner, record.provider, record.external_id, JSON.stringify(identifiers)],
      );
      await tx.query(
        `UPDATE person p SET
           email = coalesce(p.email, (SELECT value FROM identity WHERE person_id = p.id AND kind = 'EMAIL' AND is_primary)),
           phone = coalesce(p.phone, (SELECT value FROM identity WHERE person_id = p.id AND kind = 'PHONE' AND is_primary)),
           first_name = coalesce(p.first_name, $2), last_name = coalesce(p.last_name, $3),
           last_seen_at = greatest(p.last_seen_at, $4), updated_at = now()
         WHERE p.id = $1`,
        [owner, normalized.firstName, normalized.lastName, record.observed_at],
      );
    }
    return created;
  }
}
