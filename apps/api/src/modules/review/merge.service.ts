// Merging two persons moves everything the source has onto the target in one transaction and
// records exactly what moved, so that unmerge can give the source back what it brought, plus
// whatever arrived for its identifiers since.
import type { EntityManager } from 'typeorm';
import { conflict, notFound } from '../../graphql/errors.js';
import { one, rows } from '../../database/sql.js';
import type { MergeEvidence } from './merge.type.js';
import { MERGE_COLUMNS, type MergeRow } from './merge.loaders.js';
import { applyQueuedSeen } from '../persons/person-seen.js';
import { queueSegmentRecheck } from '../segments/segment-recheck.js';
import { livePersonIds } from '../persons/live-persons.js';
import { adjustSegmentMemberCounts } from '../../database/segment-member-count.js';

interface TraitSnapshot {
  key: string;
  value: unknown;
  type: string;
  source: string | null;
  set_once: boolean;
  observed_at: string;
  updated_at: string;
  expires_at: string | null;
}

interface ConsentSnapshot {
  purpose: string;
  granted: boolean;
  source: string | null;
  ip: string | null;
  updated_at: string;
  expires_at: string | null;
}

interface PersonFields {
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

/** What a merge moved, stored with the merge (person_merge.moved). */
export interface MovedState {
  identityIds: string[];
  sourcePrimaryIdentityIds: string[];
  eventIds: string[];
  sourceTraits: TraitSnapshot[];
  targetTraitsBefore: TraitSnapshot[];
  targetTraitsAfter: TraitSnapshot[];
  sourceConsents: ConsentSnapshot[];
  targetConsentsBefore: ConsentSnapshot[];
  targetConsentsAfter: ConsentSnapshot[];
  consentHistoryIds: string[];
  movedMembershipIds: string[];
  closedMembershipIds: string[];
  recordKeys: [string, string][];
  sourceLifetimeValue: Record<string, unknown> | null;
  sourceEngagement: Record<string, unknown> | null;
  targetBefore: PersonFields;
  targetAfter: PersonFields;
}

export interface MergeRequest {
  sourceId: string;
  targetId: string;
  reason?: string | null;
  actor: string;
  evidence?: MergeEvidence[];
  candidateId?: string | null;
}

const TRAIT_SNAPSHOT = `key, value, type, source, set_once, to_json(observed_at) #>> '{}' AS observed_at, to_json(updated_at) #>> '{}' AS updated_at, to_json(expires_at) #>> '{}' AS expires_at`;
const CONSENT_SNAPSHOT = `purpose, granted, source, ip, to_json(updated_at) #>> '{}' AS updated_at, to_json(expires_at) #>> '{}' AS expires_at`;
const PERSON_FIELDS = `email, phone, first_name, last_name, to_json(first_seen_at) #>> '{}' AS first_seen_at, to_json(last_seen_at) #>> '{}' AS last_seen_at`;

const isExpired = (trait: TraitSnapshot, now: number) => trait.expires_at !== null && Date.parse(trait.expires_at) <= now;

/**
 * Trait precedence on merge: an expired value counts as absent, so it never beats a live one; otherwise
 * (both live, or both expired) a set-once trait keeps its first observation, and else the newest observation wins.
 */
function traitWinner(target: TraitSnapshot, source: TraitSnapshot, now: number): TraitSnapshot {
  const targetExpired = isExpired(target, now);
  if (targetExpired !== isExpired(source, now)) return targetExpired ? source : target;
  if (target.set_once || source.set_once) {
    const first = Date.parse(source.observed_at) < Date.parse(target.observed_at) ? source : target;
    return { ...first, set_once: true };
  }
  return Date.parse(source.observed_at) > Date.parse(target.observed_at) ? source : target;
}

/** Key-order-insensitive JSON equality (the saved state went through jsonb, which reorders keys). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  return value;
}
const sameJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function emptyMovedState(): Omit<MovedState, 'identityIds' | 'sourcePrimaryIdentityIds' | 'recordKeys' | 'targetBefore' | 'targetAfter'> {
  return {
    eventIds: [],
    sourceTraits: [],
    targetTraitsBefore: [],
    targetTraitsAfter: [],
    sourceConsents: [],
    targetConsentsBefore: [],
    targetConsentsAfter: [],
    consentHistoryIds: [],
    movedMembershipIds: [],
    closedMembershipIds: [],
    sourceLifetimeValue: null,
    sourceEngagement: null,
  };
}

const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);
const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

export class MergeService {
  /**
   * Called inside the transaction when a merge or unmerge moved purchases between persons (their
   * lifetime values are then recomputed; wired in services.ts, so that merging knows nothing of value models).
   */
  onPurchasesMoved?: (tx: EntityManager, personIds: string[]) => Promise<void>;

  /**
   * Several merges in one go, as identity resolution plans them for a batch. Merges of persons
   * that own nothing but identities and source records (the usual case during an import), and
   * that take part in no other merge of the list, are applied with a handful of set-based
   * statements; the others go through merge() one by one, in order. Same audit, same unmerge.
   */
  async mergeMany(tx: EntityManager, requests: MergeRequest[]): Promise<void> {
    if (requests.length === 0) return;
    // Every person of the list, FOR UPDATE in id order, before what follows looks at what they own:
    // a batch still storing events for one of them is waited for, and its events then moved too.
    await tx.query('SELECT id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [[...new Set(requests.flatMap((request) => [request.sourceId, request.targetId]))]]);
    const sources = new Set(requests.map((request) => request.sourceId));
    const targets = new Set(requests.map((request) => request.targetId));
    const independent = requests.filter((request) => !sources.has(request.targetId) && !targets.has(request.sourceId) && request.sourceId !== request.targetId);
    const sourceCount = new Map<string, number>();
    for (const request of independent) sourceCount.set(request.sourceId, (sourceCount.get(request.sourceId) ?? 0) + 1);
    const candidates = independent.filter((request) => sourceCount.get(request.sourceId) === 1);
    let bulk: MergeRequest[] = [];
    if (candidates.length > 1) {
      const light = await rows<{ id: string }>(
        tx,
        `SELECT p.id FROM unnest($1::uuid[]) AS p(id)
         WHERE NOT EXISTS (SELECT 1 FROM event WHERE person_id = p.id) AND NOT EXISTS (SELECT 1 FROM trait WHERE person_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM consent WHERE person_id = p.id) AND NOT EXISTS (SELECT 1 FROM consent_history WHERE person_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM segment_membership WHERE person_id = p.id) AND NOT EXISTS (SELECT 1 FROM lifetime_value WHERE person_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM engagement_score WHERE person_id = p.id)`,
        [candidates.map((request) => request.sourceId)],
      );
      const lightIds = new Set(light.map((row) => row.id));
      bulk = candidates.filter((request) => lightIds.has(request.sourceId));
    }
    if (bulk.length > 0) await this.mergeIdentityOnly(tx, bulk);
    const done = new Set(bulk);
    for (const request of requests) if (!done.has(request)) await this.merge(tx, request);
  }

  private async mergeIdentityOnly(tx: EntityManager, requests: MergeRequest[]): Promise<void> {
    const personIds = [...new Set(requests.flatMap((request) => [request.sourceId, request.targetId]))];
    const persons = await rows<PersonFields & { id: string; merged_into_id: string | null }>(
      tx,
      `SELECT id, merged_into_id, ${PERSON_FIELDS} FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [personIds],
    );
    const byId = new Map(persons.map((person) => [person.id, person]));
    for (const request of requests) {
      for (const id of [request.sourceId, request.targetId]) {
        const person = byId.get(id);
        if (!person) throw notFound(`No person with id ${id}`);
        if (person.merged_into_id) throw conflict(`Person ${id} was already merged into ${person.merged_into_id}`);
      }
    }
    const identities = await rows<{ id: string; person_id: string; kind: string; is_primary: boolean }>(
      tx,
      'SELECT id, person_id, kind, is_primary FROM identity WHERE person_id = ANY($1::uuid[])',
      [personIds],
    );
    const primaryKinds = new Map<string, Set<string>>();
    for (const identity of identities) {
      if (!identity.is_primary) continue;
      if (!primaryKinds.has(identity.person_id)) primaryKinds.set(identity.person_id, new Set());
      primaryKinds.get(identity.person_id)!.add(identity.kind);
    }
    const moveIds: string[] = [];
    const moveTargets: string[] = [];
    const moveKeepPrimary: boolean[] = [];
    const states = new Map<MergeRequest, MovedState>();
    const current = new Map<string, PersonFields>();
    const fieldsOf = (id: string): PersonFields => {
      const person = current.get(id) ?? byId.get(id)!;
      return { email: person.email, phone: person.phone, first_name: person.first_name, last_name: person.last_name, first_seen_at: person.first_seen_at, last_seen_at: person.last_seen_at };
    };
    for (const request of requests) {
      const own = identities.filter((identity) => identity.person_id === request.sourceId);
      const targetPrimary = primaryKinds.get(request.targetId) ?? new Set<string>();
      for (const identity of own) {
        moveIds.push(identity.id);
        moveTargets.push(request.targetId);
        const keep = identity.is_primary && !targetPrimary.has(identity.kind);
        moveKeepPrimary.push(keep);
        if (keep) targetPrimary.add(identity.kind);
      }
      primaryKinds.set(request.targetId, targetPrimary);
      const source = fieldsOf(request.sourceId);
      const before = fieldsOf(request.targetId);
      const after: PersonFields = {
        email: before.email ?? source.email,
        phone: before.phone ?? source.phone,
        first_name: before.first_name ?? source.first_name,
        last_name: before.last_name ?? source.last_name,
        first_seen_at: earlier(before.first_seen_at, source.first_seen_at),
        last_seen_at: later(before.last_seen_at, source.last_seen_at),
      };
      current.set(request.targetId, after);
      states.set(request, {
        ...emptyMovedState(),
        identityIds: own.map((identity) => identity.id),
        sourcePrimaryIdentityIds: own.filter((identity) => identity.is_primary).map((identity) => identity.id),
        recordKeys: [],
        targetBefore: before,
        targetAfter: after,
      });
    }
    await tx.query(
      `UPDATE identity i SET person_id = m.target, is_primary = m.keep_primary
       FROM unnest($1::uuid[], $2::uuid[], $3::boolean[]) AS m(id, target, keep_primary) WHERE i.id = m.id`,
      [moveIds, moveTargets, moveKeepPrimary],
    );
    const records = await rows<{ source: string; provider: string; external_id: string }>(
      tx,
      `UPDATE source_record r SET person_id = m.target FROM unnest($1::uuid[], $2::uuid[]) AS m(source, target)
       WHERE r.person_id = m.source RETURNING m.source, r.provider, r.external_id`,
      [requests.map((request) => request.sourceId), requests.map((request) => request.targetId)],
    );
    for (const request of requests) {
      states.get(request)!.recordKeys = records.filter((record) => record.source === request.sourceId).map((record) => [record.provider, record.external_id]);
    }
    const finalTargets = [...current.entries()];
    await tx.query(
      `UPDATE person p SET email = u.email, phone = u.phone, first_name = u.first_name, last_name = u.last_name,
         first_seen_at = u.first_seen_at, last_seen_at = u.last_seen_at, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, email text, phone text, first_name text, last_name text, first_seen_at timestamptz, last_seen_at timestamptz)
       WHERE p.id = u.id`,
      [JSON.stringify(finalTargets.map(([id, fields]) => ({ id, ...fields })))],
    );
    await tx.query(
      `UPDATE person p SET merged_into_id = m.target, updated_at = now() FROM unnest($1::uuid[], $2::uuid[]) AS m(source, target) WHERE p.id = m.source`,
      [requests.map((request) => request.sourceId), requests.map((request) => request.targetId)],
    );
    await tx.query(
      `INSERT INTO person_merge (source_person_id, target_person_id, reason, actor, evidence, candidate_id, moved)
       SELECT m.source_person_id, m.target_person_id, m.reason, m.actor, m.evidence, m.candidate_id, m.moved
       FROM jsonb_to_recordset($1::jsonb) AS m(source_person_id uuid, target_person_id uuid, reason text, actor text, evidence jsonb, candidate_id uuid, moved jsonb)`,
      [
        JSON.stringify(
          requests.map((request) => ({
            source_person_id: request.sourceId,
            target_person_id: request.targetId,
            reason: request.reason ?? null,
            actor: request.actor,
            evidence: request.evidence ?? [],
            candidate_id: request.candidateId ?? null,
            moved: states.get(request),
          })),
        ),
      ],
    );
    // The targets' identities and fields changed (a primary email, a phone): so may their segments.
    await queueSegmentRecheck(tx, requests.map((request) => request.targetId));
  }

  /** Merges source into target. Must run inside a transaction (the caller's). */
  async merge(tx: EntityManager, request: MergeRequest): Promise<MergeRow> {
    const { sourceId, targetId } = request;
    if (sourceId === targetId) throw conflict('A person cannot be merged into itself');
    const locked = await rows<{ id: string; merged_into_id: string | null }>(
      tx,
      'SELECT id, merged_into_id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [[sourceId, targetId]],
    );
    for (const id of [sourceId, targetId]) {
      const row = locked.find((candidate) => candidate.id === id);
      if (!row) throw notFound(`No person with id ${id}`);
      if (row.merged_into_id) throw conflict(`Person ${id} was already merged into ${row.merged_into_id}; merge the surviving person instead`);
    }
    // Seen times still queued for either (high-volume ingestion) are folded in first: the merge, and
    // its undo, work with everything already stored.
    await applyQueuedSeen(tx, { personIds: [sourceId, targetId] });

    // Most merges during an import involve persons that have only identities: skip what is empty.
    const has = (await one<Record<'events' | 'traits' | 'consents' | 'history' | 'memberships' | 'value' | 'engagement', boolean>>(
      tx,
      `SELECT EXISTS (SELECT 1 FROM event WHERE person_id = $1) AS events,
              EXISTS (SELECT 1 FROM trait WHERE person_id = $1) AS traits,
              EXISTS (SELECT 1 FROM consent WHERE person_id = $1) AS consents,
              EXISTS (SELECT 1 FROM consent_history WHERE person_id = $1) AS history,
              EXISTS (SELECT 1 FROM segment_membership WHERE person_id = $1) AS memberships,
              EXISTS (SELECT 1 FROM lifetime_value WHERE person_id = $1) AS value,
              EXISTS (SELECT 1 FROM engagement_score WHERE person_id = $1) AS engagement`,
      [sourceId],
    ))!;
    const identities = await rows<{ id: string; kind: string; is_primary: boolean }>(tx, 'SELECT id, kind, is_primary FROM identity WHERE person_id = $1', [sourceId]);
    const targetPrimaryKinds = new Set(
      (await rows<{ kind: string }>(tx, 'SELECT kind FROM identity WHERE person_id = $1 AND is_primary', [targetId])).map((row) => row.kind),
    );
    const sourcePrimary = identities.filter((identity) => identity.is_primary).map((identity) => identity.id);
    const demote = identities.filter((identity) => identity.is_primary && targetPrimaryKinds.has(identity.kind)).map((identity) => identity.id);
    if (demote.length > 0) await tx.query('UPDATE identity SET is_primary = false WHERE id = ANY($1::uuid[])', [demote]);
    await tx.query('UPDATE identity SET person_id = $2 WHERE person_id = $1', [sourceId, targetId]);

    const events = has.events ? await rows<{ id: string }>(tx, 'UPDATE event SET person_id = $2 WHERE person_id = $1 RETURNING id', [sourceId, targetId]) : [];

    // Traits: move the source's, resolving keys both have by precedence.
    const sourceTraits = has.traits ? await rows<TraitSnapshot>(tx, `SELECT ${TRAIT_SNAPSHOT} FROM trait WHERE person_id = $1`, [sourceId]) : [];
    const targetTraitsBefore = has.traits
      ? await rows<TraitSnapshot>(tx, `SELECT ${TRAIT_SNAPSHOT} FROM trait WHERE person_id = $1 AND key = ANY($2::text[])`, [targetId, sourceTraits.map((trait) => trait.key)])
      : [];
    const targetByKey = new Map(targetTraitsBefore.map((trait) => [trait.key, trait]));
    const now = Date.now();
    const targetTraitsAfter = sourceTraits.map((trait) => (targetByKey.has(trait.key) ? traitWinner(targetByKey.get(trait.key)!, trait, now) : trait));
    if (has.traits) await tx.query('DELETE FROM trait WHERE person_id = $1', [sourceId]);
    await this.writeTraits(tx, targetId, targetTraitsAfter);

    // Consents: the newest decision per purpose wins; the history moves whole.
    const sourceConsents = has.consents ? await rows<ConsentSnapshot>(tx, `SELECT ${CONSENT_SNAPSHOT} FROM consent WHERE person_id = $1`, [sourceId]) : [];
    const targetConsentsBefore = has.consents
      ? await rows<ConsentSnapshot>(tx, `SELECT ${CONSENT_SNAPSHOT} FROM consent WHERE person_id = $1 AND purpose = ANY($2::text[])`, [targetId, sourceConsents.map((consent) => consent.purpose)])
      : [];
    const targetConsentByPurpose = new Map(targetConsentsBefore.map((consent) => [consent.purpose, consent]));
    const targetConsentsAfter = sourceConsents.map((consent) => {
      const existing = targetConsentByPurpose.get(consent.purpose);
      return existing && Date.parse(existing.updated_at) >= Date.parse(consent.updated_at) ? existing : consent;
    });
    if (has.consents) await tx.query('DELETE FROM consent WHERE person_id = $1', [sourceId]);
    await this.writeConsents(tx, targetId, targetConsentsAfter);
    const history = has.history ? await rows<{ id: string }>(tx, 'UPDATE consent_history SET person_id = $2 WHERE person_id = $1 RETURNING id', [sourceId, targetId]) : [];

    // Memberships: where both are current members, the source's membership ends (those segments
    // have one member fewer); others move (as many members as before).
    // A stay opened by a refresh that committed after this transaction began starts after now():
    // it ends when it started, as refresh closes stays.
    const closed = !has.memberships ? [] : await rows<{ id: string; segment_id: string }>(
      tx,
      `UPDATE segment_membership m SET exited_at = greatest(now(), m.entered_at)
       WHERE m.person_id = $1 AND m.exited_at IS NULL
         AND EXISTS (SELECT 1 FROM segment_membership t WHERE t.person_id = $2 AND t.segment_id = m.segment_id AND t.exited_at IS NULL)
       RETURNING m.id, m.segment_id`,
      [sourceId, targetId],
    );
    await adjustSegmentMemberCounts(tx, closed.map((row) => row.segment_id), -1);
    const moved = !has.memberships ? [] : await rows<{ id: string }>(tx, 'UPDATE segment_membership SET person_id = $2 WHERE person_id = $1 AND NOT (id = ANY($3::bigint[])) RETURNING id', [
      sourceId,
      targetId,
      closed.map((row) => row.id),
    ]);

    const records = await rows<{ provider: string; external_id: string }>(tx, 'UPDATE source_record SET person_id = $2 WHERE person_id = $1 RETURNING provider, external_id', [sourceId, targetId]);

    const sourceLifetimeValue = has.value ? ((await one<Record<string, unknown>>(tx, 'DELETE FROM lifetime_value WHERE person_id = $1 RETURNING *', [sourceId])) ?? null) : null;
    const sourceEngagement = has.engagement ? ((await one<Record<string, unknown>>(tx, 'DELETE FROM engagement_score WHERE person_id = $1 RETURNING *', [sourceId])) ?? null) : null;

    const targetBefore = (await one<PersonFields>(tx, `SELECT ${PERSON_FIELDS} FROM person WHERE id = $1`, [targetId]))!;
    const targetAfter = (await one<PersonFields>(
      tx,
      `UPDATE person t SET
         email = coalesce(t.email, s.email), phone = coalesce(t.phone, s.phone),
         first_name = coalesce(t.first_name, s.first_name), last_name = coalesce(t.last_name, s.last_name),
         first_seen_at = least(t.first_seen_at, s.first_seen_at), last_seen_at = greatest(t.last_seen_at, s.last_seen_at),
         updated_at = now()
       FROM person s WHERE t.id = $1 AND s.id = $2
       RETURNING t.email, t.phone, t.first_name, t.last_name,
         to_json(t.first_seen_at) #>> '{}' AS first_seen_at, to_json(t.last_seen_at) #>> '{}' AS last_seen_at`,
      [targetId, sourceId],
    ))!;
    await tx.query('UPDATE person SET merged_into_id = $2, updated_at = now() WHERE id = $1', [sourceId, targetId]);

    const state: MovedState = {
      identityIds: identities.map((identity) => identity.id),
      sourcePrimaryIdentityIds: sourcePrimary,
      eventIds: events.map((event) => event.id),
      sourceTraits,
      targetTraitsBefore,
      targetTraitsAfter,
      sourceConsents,
      targetConsentsBefore,
      targetConsentsAfter,
      consentHistoryIds: history.map((row) => row.id),
      movedMembershipIds: moved.map((row) => String(row.id)),
      closedMembershipIds: closed.map((row) => String(row.id)),
      recordKeys: records.map((record) => [record.provider, record.external_id]),
      sourceLifetimeValue,
      sourceEngagement,
      targetBefore,
      targetAfter,
    };
    const merged = (await one<MergeRow>(
      tx,
      `INSERT INTO person_merge AS m (source_person_id, target_person_id, reason, actor, evidence, candidate_id, moved)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${MERGE_COLUMNS}`,
      [sourceId, targetId, request.reason ?? null, request.actor, JSON.stringify(request.evidence ?? []), request.candidateId ?? null, JSON.stringify(state)],
    ))!;
    // The survivor holds both persons' stays now, some perhaps contradictory: its segments are evaluated again.
    await queueSegmentRecheck(tx, [targetId]);
    if (events.length > 0) await this.onPurchasesMoved?.(tx, [targetId]);
    return merged;
  }

  /** Undoes a merge: the source person comes back with what it brought, and events that arrived for its identifiers since. */
  async unmerge(tx: EntityManager, mergeId: string, actor: string): Promise<string> {
    const merge = await one<{ source_person_id: string; target_person_id: string; moved: MovedState; undone_at: Date | null; merged_at: Date }>(
      tx,
      'SELECT source_person_id, target_person_id, moved, undone_at, merged_at FROM person_merge WHERE id = $1 FOR UPDATE',
      [mergeId],
    );
    if (!merge) throw notFound(`No merge with id ${mergeId}`);
    if (merge.undone_at) throw conflict('This merge was already undone');
    const { source_person_id: sourceId, moved: state } = merge;
    // Where the source's things live now: the target, or whoever the target was merged into since.
    const holder = (await livePersonIds(tx, [merge.target_person_id])).get(merge.target_person_id)!;
    await tx.query('SELECT id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [[sourceId, holder]]);
    await applyQueuedSeen(tx, { personIds: [holder] });

    await tx.query('UPDATE person SET merged_into_id = NULL, updated_at = now() WHERE id = $1', [sourceId]);
    await tx.query('UPDATE identity SET person_id = $1, is_primary = (id = ANY($3::uuid[])) WHERE id = ANY($2::uuid[])', [sourceId, state.identityIds, state.sourcePrimaryIdentityIds]);
    // Its own events go back, and so do those that reached its identifiers after the merge.
    const movedBack = await one<{ events: number }>(
      tx,
      `WITH moved AS (UPDATE event SET person_id = $1 WHERE person_id = $2 AND (id = ANY($3::uuid[]) OR identity_id = ANY($4::uuid[])) RETURNING 1)
       SELECT count(*)::int AS events FROM moved`,
      [sourceId, holder, state.eventIds, state.identityIds],
    );

    // Traits: the source gets its own back; on the holder, keys the merge wrote and nobody changed since go back to what they were.
    await this.writeTraits(tx, sourceId, state.sourceTraits);
    const holderTraits = await rows<TraitSnapshot>(tx, `SELECT ${TRAIT_SNAPSHOT} FROM trait WHERE person_id = $1`, [holder]);
    const holderByKey = new Map(holderTraits.map((trait) => [trait.key, trait]));
    const beforeByKey = new Map(state.targetTraitsBefore.map((trait) => [trait.key, trait]));
    for (const written of state.targetTraitsAfter) {
      const current = holderByKey.get(written.key);
      if (!current || !sameJson(current, written)) continue;
      const before = beforeByKey.get(written.key);
      if (before) await this.writeTraits(tx, holder, [before]);
      else await tx.query('DELETE FROM trait WHERE person_id = $1 AND key = $2', [holder, written.key]);
    }

    await this.writeConsents(tx, sourceId, state.sourceConsents);
    const holderConsents = await rows<ConsentSnapshot>(tx, `SELECT ${CONSENT_SNAPSHOT} FROM consent WHERE person_id = $1`, [holder]);
    const holderByPurpose = new Map(holderConsents.map((consent) => [consent.purpose, consent]));
    const consentBefore = new Map(state.targetConsentsBefore.map((consent) => [consent.purpose, consent]));
    for (const written of state.targetConsentsAfter) {
      const current = holderByPurpose.get(written.purpose);
      if (!current || !sameJson(current, written)) continue;
      const before = consentBefore.get(written.purpose);
      if (before) await this.writeConsents(tx, holder, [before]);
      else await tx.query('DELETE FROM consent WHERE person_id = $1 AND purpose = $2', [holder, written.purpose]);
    }
    await tx.query('UPDATE consent_history SET person_id = $1 WHERE id = ANY($2::uuid[])', [sourceId, state.consentHistoryIds]);

    await tx.query('UPDATE segment_membership SET person_id = $1 WHERE id = ANY($2::bigint[])', [sourceId, state.movedMembershipIds]);
    const reopened = await rows<{ segment_id: string }>(tx, 'UPDATE segment_membership SET exited_at = NULL WHERE id = ANY($1::bigint[]) RETURNING segment_id', [state.closedMembershipIds]);
    await adjustSegmentMemberCounts(tx, reopened.map((row) => row.segment_id), 1);
    await tx.query(
      `UPDATE source_record r SET person_id = $1 FROM unnest($2::text[], $3::text[]) AS k(provider, external_id)
       WHERE r.provider = k.provider AND r.external_id = k.external_id`,
      [sourceId, state.recordKeys.map((key) => key[0]), state.recordKeys.map((key) => key[1])],
    );
    if (state.sourceLifetimeValue) {
      await tx.query(
        `INSERT INTO lifetime_value SELECT * FROM jsonb_populate_record(NULL::lifetime_value, $1::jsonb) ON CONFLICT (person_id) DO NOTHING`,
        [JSON.stringify(state.sourceLifetimeValue)],
      );
    }
    if (state.sourceEngagement) {
      await tx.query(
        `INSERT INTO engagement_score SELECT * FROM jsonb_populate_record(NULL::engagement_score, $1::jsonb) ON CONFLICT (person_id) DO NOTHING`,
        [JSON.stringify(state.sourceEngagement)],
      );
    }
    // The holder's own fields go back to what they were, unless they changed since the merge.
    const holderNow = (await one<PersonFields>(tx, `SELECT ${PERSON_FIELDS} FROM person WHERE id = $1`, [holder]))!;
    if (holder === merge.target_person_id && sameJson(holderNow, state.targetAfter)) {
      const before = state.targetBefore;
      await tx.query('UPDATE person SET email = $2, phone = $3, first_name = $4, last_name = $5, first_seen_at = $6, last_seen_at = $7, updated_at = now() WHERE id = $1', [
        holder,
        before.email,
        before.phone,
        before.first_name,
        before.last_name,
        before.first_seen_at,
        before.last_seen_at,
      ]);
    }
    // When each was first and last seen is what it did, not what the other did: the target goes
    // back to its own times before the merge (even when other fields changed since), and both
    // take in what they were seen doing after the merge (events received since, including those
    // that just went back to the source; records written since).
    const seenBase: [string, string | null, string | null][] = [[sourceId, null, null]];
    if (holder === merge.target_person_id) seenBase.push([holder, state.targetBefore.first_seen_at, state.targetBefore.last_seen_at]);
    await tx.query(
      `WITH base AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS b(person_id, first_at, last_at)),
       since AS (
         SELECT person_id, min(at) AS first_at, max(at) AS last_at FROM (
           SELECT person_id, least(occurred_at, now()) AS at FROM event WHERE person_id = ANY($1::uuid[]) AND received_at > $4
           UNION ALL
           SELECT person_id, observed_at FROM source_record WHERE person_id = ANY($1::uuid[]) AND last_seen_at > $4
         ) activity GROUP BY person_id
       )
       UPDATE person p SET
         first_seen_at = least(coalesce(b.first_at, p.first_seen_at), s.first_at),
         last_seen_at = greatest(coalesce(b.last_at, p.last_seen_at), s.last_at)
       FROM base b LEFT JOIN since s ON s.person_id = b.person_id
       WHERE p.id = b.person_id`,
      [seenBase.map((row) => row[0]), seenBase.map((row) => row[1]), seenBase.map((row) => row[2]), merge.merged_at],
    );
    await tx.query('UPDATE person_merge SET undone_at = now(), undone_by = $2 WHERE id = $1', [mergeId, actor]);
    await queueSegmentRecheck(tx, [sourceId, holder]);
    if (state.sourceLifetimeValue || movedBack!.events > 0) await this.onPurchasesMoved?.(tx, [sourceId, holder]);
    return sourceId;
  }

  private async writeTraits(tx: EntityManager, personId: string, traits: TraitSnapshot[]): Promise<void> {
    if (traits.length === 0) return;
    await tx.query(
      `INSERT INTO trait (person_id, key, value, type, source, set_once, observed_at, updated_at, expires_at)
       SELECT $1, t.key, t.value, t.type, t.source, t.set_once, t.observed_at, t.updated_at, t.expires_at
       FROM jsonb_to_recordset($2::jsonb) AS t(key text, value jsonb, type text, source text, set_once boolean, observed_at timestamptz, updated_at timestamptz, expires_at timestamptz)
       ON CONFLICT (person_id, key) DO UPDATE SET value = excluded.value, type = excluded.type, source = excluded.source, set_once = excluded.set_once,
         observed_at = excluded.observed_at, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
      [personId, JSON.stringify(traits)],
    );
  }

  private async writeConsents(tx: EntityManager, personId: string, consents: ConsentSnapshot[]): Promise<void> {
    if (consents.length === 0) return;
    await tx.query(
      `INSERT INTO consent (person_id, purpose, granted, source, ip, updated_at, expires_at)
       SELECT $1, c.purpose, c.granted, c.source, c.ip, c.updated_at, c.expires_at
       FROM jsonb_to_recordset($2::jsonb) AS c(purpose text, granted boolean, source text, ip text, updated_at timestamptz, expires_at timestamptz)
       ON CONFLICT (person_id, purpose) DO UPDATE SET granted = excluded.granted, source = excluded.source, ip = excluded.ip,
         updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
      [personId, JSON.stringify(consents)],
    );
  }
}
