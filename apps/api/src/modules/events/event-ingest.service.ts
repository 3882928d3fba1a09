// Stores events set-based, one transaction per batch: dedup by messageId, persons resolved through
// the identity engine (identify, and userIds seen for the first time), anonymous ids attached to
// the person they turned out to be, with their earlier events (stitching), identify traits set,
// alias applied. A batch fails whole or lands whole; a replayed batch changes nothing.
import { identifierKey, type SourceRecordInput } from '@spine/identity-core';
import type { DataSource, EntityManager } from 'typeorm';
import { rows } from '../../database/sql.js';
import { withTransaction } from '../../database/transaction.js';
import { categoryPreferencesOf, purposesFromPreferences, type ConsentCategories } from '../consents/consent-categories.js';
import type { ConsentService, ObservedConsent } from '../consents/consent.service.js';
import type { IdentityIngestService } from '../identity/identity-ingest.service.js';
import type { MergeService } from '../review/merge.service.js';
import type { SuppressionService } from '../privacy/suppression.service.js';
import type { EventSource } from '../sources/source.row.js';
import type { TraitService } from '../traits/trait.service.js';
import { newestPerKey } from '../traits/trait.service.js';
import { traitKeyProblem, type TraitWrite } from '../traits/trait-write.js';
import type { IncomingEvent } from './incoming-event.js';
import { isJsonObject } from './json-safety.js';
import { queueSeen, touchPersons } from '../persons/person-seen.js';
import { livePersonIds } from '../persons/live-persons.js';
import { lockLivePersons } from './live-person.js';
import { personsHolding } from '../identity/identifier-holders.js';

/**
 * Anonymous ids are random per device or browser, whatever source reported them, so they share one
 * scope: an anonymousId seen by the website and by the backend is the same visitor.
 */
export const ANONYMOUS_SCOPE = 'anonymous';

export const EventFlag = {
  TRAIT_KEY_DROPPED: 'trait_key_dropped',
  /** context.consent.categoryPreferences named a category SPINE_CONSENT_CATEGORIES does not map (and that is no purpose). */
  CONSENT_CATEGORY_UNMAPPED: 'consent_category_unmapped',
} as const;

export interface IngestOptions {
  /**
   * 'now' (the default) updates the persons' first/last-seen times in the batch's transaction;
   * 'queued' appends them to person_seen_queue, folded in within seconds (persons/person-seen.ts):
   * for high-volume ingestion, where concurrent batches would otherwise wait on each other's locks.
   */
  seen?: 'now' | 'queued';
}

export interface EventIngestResult {
  accepted: number;
  duplicates: number;
  /** Events not stored because their userId or anonymousId belongs to an erased person (suppressed). */
  suppressed: number;
}

interface Attribution {
  personId: string;
  identityId: string | null;
}

const IDENTITY_TRAITS = {
  email: ['email'],
  phone: ['phone'],
  firstName: ['firstName', 'first_name'],
  lastName: ['lastName', 'last_name'],
} as const;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The identity fields of identify traits, as a source record (Segment's reserved traits). */
export function recordFromTraits(provider: string, userId: string, traits: Record<string, unknown>, observedAt: Date): SourceRecordInput {
  const pick = (names: readonly string[]) => names.map((name) => text(traits[name])).find((value) => value !== null) ?? null;
  let firstName = pick(IDENTITY_TRAITS.firstName);
  let lastName = pick(IDENTITY_TRAITS.lastName);
  const fullName = text(traits.name);
  if (!firstName && !lastName && fullName) {
    const [first, ...rest] = fullName.trim().split(/\s+/);
    firstName = first;
    lastName = rest.length ? rest.join(' ') : null;
  }
  const address = traits.address && typeof traits.address === 'object' && !Array.isArray(traits.address) ? (traits.address as Record<string, unknown>) : null;
  return {
    provider,
    externalId: userId,
    email: pick(IDENTITY_TRAITS.email),
    phone: pick(IDENTITY_TRAITS.phone),
    firstName,
    lastName,
    address: address
      ? { line1: text(address.street) ?? text(address.line1), line2: text(address.line2), city: text(address.city), state: text(address.state), postalCode: text(address.postalCode) ?? text(address.postal_code), country: text(address.country) }
      : null,
    observedAt,
  };
}

function hasIdentityFields(record: SourceRecordInput): boolean {
  return Boolean(record.email || record.phone || record.firstName || record.lastName || record.address);
}

export class EventIngestService {
  constructor(
    private readonly identityIngest: IdentityIngestService,
    private readonly traits: TraitService,
    private readonly merges: MergeService,
    private readonly consents: ConsentService,
    private readonly suppression: SuppressionService,
    private readonly options: { autoMerge: boolean; consentCategories: ConsentCategories },
  ) {}

  /** Stores a batch in one transaction (retried whole on deadlocks and races). */
  ingest(db: DataSource, events: readonly IncomingEvent[], source: EventSource, actor: string, options: IngestOptions = {}): Promise<EventIngestResult> {
    return this.ingestGroups(db, [{ source, events }], actor, options);
  }

  /** Several sources' events in one transaction; a messageId repeated anywhere in the call counts once. */
  async ingestGroups(
    db: DataSource,
    groups: readonly { source: EventSource; events: readonly IncomingEvent[] }[],
    actor: string,
    options: IngestOptions = {},
  ): Promise<EventIngestResult> {
    const taken = new Set<string>();
    let repeated = 0;
    const unique = groups.map(({ source, events }) => ({
      source,
      events: events.filter((event) => {
        if (taken.has(event.messageId)) {
          repeated += 1;
          return false;
        }
        taken.add(event.messageId);
        return true;
      }),
    }));
    if (taken.size === 0) return { accepted: 0, duplicates: repeated, suppressed: 0 };
    const result = await withTransaction(db, async (tx) => {
      const total = { accepted: 0, duplicates: 0, suppressed: 0 };
      for (const group of unique) {
        if (group.events.length === 0) continue;
        const part = await this.ingestIn(tx, group.events, group.source, actor, options);
        total.accepted += part.accepted;
        total.duplicates += part.duplicates;
        total.suppressed += part.suppressed;
      }
      return total;
    });
    return { accepted: result.accepted, duplicates: result.duplicates + repeated, suppressed: result.suppressed };
  }

  private async ingestIn(tx: EntityManager, events: IncomingEvent[], source: EventSource, actor: string, options: IngestOptions): Promise<EventIngestResult> {
    const seen = new Set(
      (await rows<{ message_id: string }>(tx, 'SELECT message_id FROM event WHERE message_id = ANY($1::text[])', [events.map((event) => event.messageId)])).map((row) => row.message_id),
    );
    const fresh = events.filter((event) => !seen.has(event.messageId));
    if (fresh.length === 0) return { accepted: 0, duplicates: events.length, suppressed: 0 };

    // A batch that aliases one known person to another merges them: it locks its persons as the
    // merge will (FOR UPDATE), all at once and in order, before it writes anything.
    const merging = this.options.autoMerge ? await this.aliasedPersons(tx, fresh, source.provider) : [];
    const lockMode = merging.length > 0 ? 'UPDATE' : 'KEY SHARE';
    const byUserId = await this.resolveUserIds(tx, fresh, source.provider, actor, { merging, lockMode });
    const anonymousIds = [...new Set(fresh.filter((event) => !event.personId && !(event.userId && byUserId.has(event.userId)) && event.anonymousId).map((event) => event.anonymousId!))];
    const byAnonymousId = await this.lookup(tx, 'ANONYMOUS_ID', ANONYMOUS_SCOPE, anonymousIds);
    const byClaim = await this.resolveAnonymousIdentifies(tx, fresh, source.provider, byAnonymousId);

    const lookedUp = (event: IncomingEvent): Attribution | null => {
      if (event.personId) return { personId: event.personId, identityId: null };
      return (
        (event.userId ? byUserId.get(event.userId) : undefined) ??
        (event.anonymousId ? (byAnonymousId.get(event.anonymousId) ?? byClaim.get(event.anonymousId)) : undefined) ??
        null
      );
    };
    // The persons were looked up without locks: one a concurrent merge has moved away since lives on
    // in its survivor, and every person written to stays locked until this batch commits.
    const live = await lockLivePersons(tx, [...fresh.map((event) => lookedUp(event)?.personId).filter((id): id is string => id !== undefined), ...merging], lockMode);
    const livePerson = (personId: string) => live.get(personId) ?? personId;
    const attributionOf = (event: IncomingEvent): Attribution | null => {
      const attribution = lookedUp(event);
      return attribution && { personId: livePerson(attribution.personId), identityId: attribution.identityId };
    };
    const traitWrites = new Map<string, TraitWrite[]>();
    const consentObservations: ObservedConsent[] = [];
    // Events of an erased person's ids (which resolve to nobody now) are not stored, as Segment's
    // suppression drops them: erasure promised not to take that person's data in again. Counted
    // in the answer, never silent.
    const suppressed = await this.suppressedEvents(tx, fresh.filter((event) => !attributionOf(event)), source.provider);
    const kept = suppressed.size === 0 ? fresh : fresh.filter((event) => !suppressed.has(event.messageId));
    const rowsToInsert = kept
      .map((event) => {
        const attribution = attributionOf(event);
        const flags = [...event.flags];
        if (event.type === 'identify' && event.traits && attribution) {
          for (const key of Object.keys(event.traits)) {
            if (traitKeyProblem(key)) {
              if (!flags.includes(EventFlag.TRAIT_KEY_DROPPED)) flags.push(EventFlag.TRAIT_KEY_DROPPED);
              continue;
            }
            traitWrites.set(event.messageId, [...(traitWrites.get(event.messageId) ?? []), { personId: attribution.personId, key, value: event.traits[key], type: null, source: source.name, setOnce: false, observedAt: event.occurredAt, expiresAt: null }]);
          }
        }
        // An anonymous visitor's preferences stay in the event's context until stitching: consent is kept per person.
        const consent = this.consentOf(categoryPreferencesOf(event.context), attribution?.personId ?? null, { source: source.name, ip: event.context?.ip, occurredAt: event.occurredAt });
        if (consent.unmapped) flags.push(EventFlag.CONSENT_CATEGORY_UNMAPPED);
        consentObservations.push(...consent.observations);
        return {
          message_id: event.messageId,
          person_id: attribution?.personId ?? null,
          identity_id: attribution?.identityId ?? null,
          user_id: event.userId,
          anonymous_id: event.anonymousId,
          type: event.type,
          name: event.name,
          source: source.name,
          properties: event.properties,
          context: event.context,
          session_id: event.sessionId,
          utm_source: event.utmSource,
          utm_medium: event.utmMedium,
          utm_campaign: event.utmCampaign,
          occurred_at: event.occurredAt.toISOString(),
          received_at: event.receivedAt.toISOString(),
          sent_at: event.sentAt?.toISOString() ?? null,
          flags,
        };
      });

    // No ON CONFLICT: the messageIds were checked above in this transaction, and one a concurrent
    // batch stores meanwhile fails this INSERT with a unique violation, which retries the whole
    // batch (withTransaction), where the check then counts it as a duplicate. A speculative insert
    // per row, which ON CONFLICT costs, would be paid by every batch for a race that rarely happens.
    // ORDER BY: one order for every writer, so concurrent batches with common messageIds wait for
    // each other instead of deadlocking.
    await tx.query(
      `INSERT INTO event (message_id, person_id, identity_id, user_id, anonymous_id, type, name, source, properties, context, session_id,
                          utm_source, utm_medium, utm_campaign, occurred_at, received_at, sent_at, flags)
       SELECT message_id, person_id, identity_id, user_id, anonymous_id, type, name, source, coalesce(properties, '{}'::jsonb), context, session_id,
              utm_source, utm_medium, utm_campaign, occurred_at, received_at, sent_at, coalesce(flags, '{}')
       FROM jsonb_to_recordset($1::jsonb) AS e(message_id text, person_id uuid, identity_id uuid, user_id text, anonymous_id text, type text, name text,
            source text, properties jsonb, context jsonb, session_id text, utm_source text, utm_medium text, utm_campaign text,
            occurred_at timestamptz, received_at timestamptz, sent_at timestamptz, flags text[])
       ORDER BY message_id`,
      [JSON.stringify(rowsToInsert)],
    );
    const stored = kept;
    const seenTimes: { personId: string; at: Date }[] = [];
    for (const event of stored) {
      const attribution = attributionOf(event);
      if (attribution) seenTimes.push({ personId: attribution.personId, at: event.occurredAt });
    }

    // Before aliases, which may merge a person away: the merge then carries traits and consents
    // (with their history, which an unmerge moves back) to the person that stays.
    const writes = stored.flatMap((event) => traitWrites.get(event.messageId) ?? []);
    if (writes.length) await this.traits.write(tx, newestPerKey(writes));
    await this.consents.recordObserved(tx, consentObservations);

    // The anonymous visitor turned out to be this person: so are their earlier events.
    const links = new Map<string, string>();
    // To the live persons locked above: a person merged away meanwhile would take the device with it.
    for (const [anonymousId, attribution] of byClaim) links.set(anonymousId, livePerson(attribution.personId));
    for (const event of stored) {
      if (event.type === 'alias' || !event.anonymousId || !event.userId || links.has(event.anonymousId)) continue;
      const attribution = byUserId.get(event.userId);
      if (attribution) links.set(event.anonymousId, livePerson(attribution.personId));
    }
    seenTimes.push(...(await this.attachAnonymousIds(tx, links, source.name)));

    // Seen times too go in before the aliases: a merge then counts them in the state it keeps for an
    // unmerge, which gives each person back the times of its own events of this batch.
    const recordSeen = (times: { personId: string; at: Date }[]) => (options.seen === 'queued' ? queueSeen(tx, times) : touchPersons(tx, times));
    await recordSeen(seenTimes);

    const aliasTimes: { personId: string; at: Date }[] = [];
    for (const event of stored) {
      if (event.type !== 'alias' || !event.userId || !event.previousId) continue;
      aliasTimes.push(...(await this.applyAlias(tx, event, source, actor)));
    }
    await recordSeen(aliasTimes);
    return { accepted: stored.length, duplicates: events.length - fresh.length, suppressed: suppressed.size };
  }

  /** messageIds of these (unattributed) events whose userId or anonymousId belongs to an erased person. */
  private async suppressedEvents(tx: EntityManager, unattributed: IncomingEvent[], provider: string): Promise<Set<string>> {
    const withIds = unattributed.filter((event) => event.userId || event.anonymousId);
    if (withIds.length === 0) return new Set();
    const userKey = (userId: string) => identifierKey({ kind: 'EXTERNAL_ID', scope: provider, value: userId });
    const anonymousKey = (anonymousId: string) => identifierKey({ kind: 'ANONYMOUS_ID', scope: ANONYMOUS_SCOPE, value: anonymousId });
    const keys = new Map<string, { kind: 'EXTERNAL_ID' | 'ANONYMOUS_ID'; key: string }>();
    for (const event of withIds) {
      if (event.userId) keys.set(userKey(event.userId), { kind: 'EXTERNAL_ID', key: userKey(event.userId) });
      if (event.anonymousId) keys.set(anonymousKey(event.anonymousId), { kind: 'ANONYMOUS_ID', key: anonymousKey(event.anonymousId) });
    }
    const hit = await this.suppression.suppressed(tx, [...keys.values()]);
    if (hit.size === 0) return new Set();
    return new Set(withIds.filter((event) => (event.userId && hit.has(userKey(event.userId))) || (event.anonymousId && hit.has(anonymousKey(event.anonymousId)))).map((event) => event.messageId));
  }

  /** userId → person: known ids directly; identify records and first-seen ids through the identity engine. */
  private async resolveUserIds(
    tx: EntityManager,
    events: IncomingEvent[],
    provider: string,
    actor: string,
    locks: { merging: string[]; lockMode: 'KEY SHARE' | 'UPDATE' },
  ): Promise<Map<string, Attribution>> {
    const withUser = events.filter((event) => event.userId && !event.personId);
    const userIds = [...new Set(withUser.map((event) => event.userId!))];
    if (userIds.length === 0) return new Map();
    let known = await this.lookup(tx, 'EXTERNAL_ID', provider, userIds);

    // One record per userId: the identity fields of its identify calls, later values over earlier.
    const records = new Map<string, SourceRecordInput>();
    const identifies = withUser.filter((event) => event.type === 'identify' && event.traits).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    for (const event of identifies) {
      const record = recordFromTraits(provider, event.userId!, event.traits!, event.occurredAt);
      if (!hasIdentityFields(record)) continue;
      const previous = records.get(event.userId!);
      records.set(
        event.userId!,
        previous ? Object.fromEntries(Object.entries(record).map(([field, value]) => [field, value ?? (previous as unknown as Record<string, unknown>)[field]])) as unknown as SourceRecordInput : record,
      );
    }
    // A userId nobody holds creates its person, unless its record already waits for review (AMBIGUOUS).
    const unknown = userIds.filter((userId) => !known.has(userId) && !records.has(userId));
    let pending = new Set<string>();
    if (unknown.length) {
      pending = new Set(
        (await rows<{ external_id: string }>(tx, 'SELECT external_id FROM source_record WHERE provider = $1 AND external_id = ANY($2::text[])', [provider, unknown])).map((row) => row.external_id),
      );
      const firstSeen = new Map<string, Date>();
      for (const event of withUser) {
        if (pending.has(event.userId!) || known.has(event.userId!) || records.has(event.userId!)) continue;
        const at = firstSeen.get(event.userId!);
        if (!at || event.occurredAt < at) firstSeen.set(event.userId!, event.occurredAt);
      }
      for (const [userId, observedAt] of firstSeen) records.set(userId, { provider, externalId: userId, observedAt });
    }
    // A record found here that was not known above was written by a concurrent batch that committed
    // meanwhile: its person (if it linked) is there now, so look again rather than leave its events unattributed.
    if (records.size === 0) return pending.size > 0 ? this.lookup(tx, 'EXTERNAL_ID', provider, userIds) : known;
    const normalized = this.identityIngest.normalize([...records.values()]);
    // The engine opens a transaction of its own; given our EntityManager it becomes a savepoint of
    // this batch's transaction, so that the batch stays all-or-nothing.
    // The batch's known persons are locked before the engine locks those it resolves (FOR NO KEY
    // UPDATE), not after: taken after, a batch holding one of them FOR UPDATE (an alias) while
    // waiting for another the engine holds would close a cycle with this one.
    // So are the persons that already hold the records' identifiers (a new user's email that is an
    // existing person's): the engine locks them too, and locked only by it, after the others, they
    // could close the same cycle. One ordered statement for all of them, as alias batches take theirs.
    const holders = await personsHolding(tx, normalized.flatMap((record) => record.identifiers));
    await lockLivePersons(tx, [...[...known.values()].map((attribution) => attribution.personId), ...holders, ...locks.merging], locks.lockMode);
    await this.identityIngest.ingestNormalized(tx as unknown as DataSource, normalized, actor);
    // Merges made by the engine can move identities: look everything up again.
    known = await this.lookup(tx, 'EXTERNAL_ID', provider, userIds);
    return known;
  }

  /**
   * identify without a userId (a newsletter form, a checkout as guest) whose email or phone belongs
   * to a known person: the visitor is that person, as identify's traits.email resolves through the
   * identity graph. Only an unambiguous claim counts: one live person holds the email and phone
   * given, neither is blocked or quarantined, and the anonymousId is nobody's yet (a shared device is
   * not evidence). An email nobody holds leaves the visitor anonymous until a userId names them.
   */
  private async resolveAnonymousIdentifies(tx: EntityManager, events: IncomingEvent[], provider: string, held: Map<string, Attribution>): Promise<Map<string, Attribution>> {
    const claims = new Map<string, string[]>();
    for (const event of events) {
      if (event.type !== 'identify' || event.userId || event.personId || !event.anonymousId || !event.traits || held.has(event.anonymousId)) continue;
      const record = recordFromTraits(provider, event.anonymousId, event.traits, event.occurredAt);
      const [normalized] = this.identityIngest.normalize([record]);
      const keys = normalized.identifiers.filter((identifier) => identifier.kind === 'EMAIL' || identifier.kind === 'PHONE').map((identifier) => `${identifier.kind}|${identifier.value}`);
      if (keys.length) claims.set(event.anonymousId, [...(claims.get(event.anonymousId) ?? []), ...keys]);
    }
    if (claims.size === 0) return new Map();
    const wanted = [...new Set([...claims.values()].flat())];
    const holders = await rows<{ kind: string; value: string; person_id: string }>(
      tx,
      `SELECT i.kind, i.value, i.person_id FROM identity i
       JOIN unnest($1::text[], $2::text[]) AS k(kind, value) ON i.kind = k.kind AND i.scope = '' AND i.value = k.value
       WHERE NOT EXISTS (SELECT 1 FROM identifier_flag f WHERE f.kind = i.kind AND f.scope = i.scope AND f.value = i.value AND f.status <> 'RELEASED')`,
      [wanted.map((key) => key.slice(0, key.indexOf('|'))), wanted.map((key) => key.slice(key.indexOf('|') + 1))],
    );
    const holderOf = new Map(holders.map((row) => [`${row.kind}|${row.value}`, row.person_id]));
    const resolved = new Map<string, Attribution>();
    for (const [anonymousId, keys] of claims) {
      const persons = new Set(keys.map((key) => holderOf.get(key)).filter((person): person is string => person !== undefined));
      if (persons.size === 1) resolved.set(anonymousId, { personId: [...persons][0], identityId: null });
    }
    return resolved;
  }

  private async lookup(tx: EntityManager, kind: 'EXTERNAL_ID' | 'ANONYMOUS_ID', scope: string, values: string[]): Promise<Map<string, Attribution>> {
    if (values.length === 0) return new Map();
    const found = await rows<{ value: string; person_id: string; id: string }>(
      tx,
      'SELECT value, person_id, id FROM identity WHERE kind = $1 AND scope = $2 AND value = ANY($3::text[])',
      [kind, scope, values],
    );
    return new Map(found.map((row) => [row.value, { personId: row.person_id, identityId: row.id }]));
  }

  /**
   * Gives each anonymous id to its person (an id someone already holds stays theirs: a shared
   * device is not evidence that two people are one) and attributes its unattributed events.
   */
  private async attachAnonymousIds(tx: EntityManager, links: Map<string, string>, sourceName: string, alsoUserIds = false): Promise<{ personId: string; at: Date }[]> {
    if (links.size === 0) return [];
    const values = [...links.keys()].sort();
    // Whoever holds one of these ids already (a shared device) is locked with the persons linked,
    // before the id's row is touched: a merge of that holder under way (it moves the row) commits
    // first and the lock follows it to the survivor. Touching the row first would make that merge
    // wait for this batch while the batch waits for it: a deadlock, resolved only by a retry.
    const held = await rows<{ person_id: string }>(tx, `SELECT person_id FROM identity WHERE kind = 'ANONYMOUS_ID' AND scope = $2 AND value = ANY($1::text[])`, [values, ANONYMOUS_SCOPE]);
    const live = await lockLivePersons(tx, [...links.values(), ...held.map((holder) => holder.person_id)]);
    const liveOf = (personId: string) => live.get(personId) ?? personId;
    // RETURNING: who holds each id now, the person linked or the one who held it already.
    const holders = await rows<{ value: string; person_id: string; id: string }>(
      tx,
      `INSERT INTO identity (person_id, kind, provider, scope, value, raw_value, metadata)
       SELECT l.person_id, 'ANONYMOUS_ID', $3, $3, l.value, l.value, jsonb_build_object('source', $4::text)
       FROM unnest($1::text[], $2::uuid[]) AS l(value, person_id)
       ORDER BY l.value
       ON CONFLICT (kind, scope, value) DO UPDATE SET last_seen_at = now()
       RETURNING value, person_id, id`,
      [values, values.map((value) => liveOf(links.get(value)!)), ANONYMOUS_SCOPE, sourceName],
    );
    const stitched = await rows<{ person_id: string; occurred_at: Date; source: string; preferences: unknown; ip: unknown }>(
      tx,
      `UPDATE event e SET person_id = h.person_id, identity_id = h.id
       FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS h(value, person_id, id)
       WHERE e.person_id IS NULL AND (e.anonymous_id = h.value OR ($4 AND e.user_id = h.value))
       RETURNING e.person_id, e.occurred_at, e.source, e.context #> '{consent,categoryPreferences}' AS preferences, e.context -> 'ip' AS ip`,
      [holders.map((holder) => holder.value), holders.map((holder) => liveOf(holder.person_id)), holders.map((holder) => holder.id), alsoUserIds],
    );
    // What the visitor chose in a consent banner before they were known is now the person's choice
    // (the newest decision per purpose wins, as for any event).
    await this.consents.recordObserved(
      tx,
      stitched.flatMap((row) => this.consentOf(row.preferences, row.person_id, { source: row.source, ip: row.ip, occurredAt: row.occurred_at }).observations),
    );
    return stitched.map((row) => ({ personId: row.person_id, at: row.occurred_at }));
  }

  /**
   * What an event's context.consent.categoryPreferences say for the person it belongs to (nothing
   * for nobody), and whether a category maps to no purpose. One reading for events as they arrive
   * and for those that stitching gives a person later.
   */
  private consentOf(preferences: unknown, personId: string | null, origin: { source: string; ip: unknown; occurredAt: Date }): { observations: ObservedConsent[]; unmapped: boolean } {
    if (!isJsonObject(preferences)) return { observations: [], unmapped: false };
    const { purposes, unmapped } = purposesFromPreferences(preferences, this.options.consentCategories);
    if (!personId) return { observations: [], unmapped };
    const ip = typeof origin.ip === 'string' && origin.ip !== '' ? origin.ip : null;
    return { observations: [...purposes].map(([purpose, granted]) => ({ personId, purpose, granted, source: origin.source, ip, occurredAt: origin.occurredAt })), unmapped };
  }

  /** The known persons the batch's aliases name on both sides (a merge ahead), as far as they exist before the batch. */
  private async aliasedPersons(tx: EntityManager, events: IncomingEvent[], provider: string): Promise<string[]> {
    const aliases = events.filter((event) => event.type === 'alias' && event.userId && event.previousId);
    if (aliases.length === 0) return [];
    const ids = [...new Set(aliases.flatMap((event) => [event.userId!, event.previousId!]))];
    const external = await this.lookup(tx, 'EXTERNAL_ID', provider, ids);
    const anonymous = await this.lookup(tx, 'ANONYMOUS_ID', ANONYMOUS_SCOPE, ids);
    const persons = new Set<string>();
    for (const event of aliases) {
      const target = external.get(event.userId!)?.personId;
      const previous = external.get(event.previousId!)?.personId ?? anonymous.get(event.previousId!)?.personId;
      if (target && previous && target !== previous) persons.add(target).add(previous);
    }
    return [...persons];
  }

  /**
   * Merges the persons source and target live on in (a concurrent batch may have merged either since
   * they were looked up): locked in id order and checked live before the merge, looked up again if not.
   */
  private async mergeLive(tx: EntityManager, sourceId: string, targetId: string, reason: string, actor: string): Promise<void> {
    const live = await lockLivePersons(tx, [sourceId, targetId], 'UPDATE');
    const source = live.get(sourceId);
    const target = live.get(targetId);
    if (source && target) {
      if (source !== target) await this.merges.merge(tx, { sourceId: source, targetId: target, reason, actor });
      return;
    }
    // An id that names no person: nothing to merge. One merged again and again meanwhile: the merge itself says so (a conflict).
    if ((await livePersonIds(tx, [sourceId, targetId])).size === 2) await this.merges.merge(tx, { sourceId, targetId, reason, actor });
  }

  /**
   * alias: previousId (an earlier userId or an anonymousId) is the person userId names. A
   * previousId held by another person merges that person in (with automatic merging on); an
   * unknown one becomes an anonymous id of the person.
   */
  private async applyAlias(tx: EntityManager, event: IncomingEvent, source: EventSource, actor: string): Promise<{ personId: string; at: Date }[]> {
    const target = (await this.lookup(tx, 'EXTERNAL_ID', source.provider, [event.userId!])).get(event.userId!);
    if (!target) return [];
    const previous =
      (await this.lookup(tx, 'EXTERNAL_ID', source.provider, [event.previousId!])).get(event.previousId!) ??
      (await this.lookup(tx, 'ANONYMOUS_ID', ANONYMOUS_SCOPE, [event.previousId!])).get(event.previousId!);
    if (previous && previous.personId !== target.personId) {
      if (this.options.autoMerge) await this.mergeLive(tx, previous.personId, target.personId, `alias: ${event.previousId} is ${event.userId}`, actor);
      return [];
    }
    if (previous) return [];
    return this.attachAnonymousIds(tx, new Map([[event.previousId!, target.personId]]), source.name, true);
  }
}
