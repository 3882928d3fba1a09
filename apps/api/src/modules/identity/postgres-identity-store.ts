// The identity engine's store on PostgreSQL: loads a batch's neighbourhood with a handful of
// set-based statements and applies the engine's plan with bulk statements, inside the caller's
// transaction. Concurrent batches that share identifiers serialize on advisory locks taken in a
// fixed order, so they cannot create two persons for one identifier, nor deadlock each other.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  identifierKey,
  personPairKey,
  type IdentifierClaim,
  type IdentifierFlag,
  type IdentifierKey,
  type IdentityKind,
  type IdentityStore,
  type KnownRecord,
  type NormalizedRecord,
  type PersonState,
  type PlannedIdentity,
  type ResolutionPlan,
  type Snapshot,
} from '@spine/identity-core';
import { rows } from '../../database/sql.js';
import { copyRows, type CopyValue } from '../../database/copy.js';
import type { MergeService } from '../review/merge.service.js';
import { livePersonIds } from '../persons/live-persons.js';
import { personsHolding } from './identifier-holders.js';

/** Advisory-lock space: identifier keys hash into this many buckets (bounded lock count per batch). */
const LOCK_BUCKETS = 4096;
/** Namespace for Spine's advisory locks (the first int of the two-int form). */
const LOCK_NAMESPACE = 0x5350_494e; // "SPIN"
/** Lock id of the whole identity graph in that namespace (buckets are 0 .. LOCK_BUCKETS - 1). */
const WHOLE_GRAPH = -1;
/** Keys per statement when looking a batch up ahead, slice by slice (prefetch). */
const PREFETCH_KEYS = 4096;
/** Batches touching more buckets than this lock the whole graph instead. */
const WHOLE_GRAPH_BUCKETS = LOCK_BUCKETS / 4;

/**
 * FNV-1a over the key's UTF-16 code units: spread is all a bucket needs, and a batch hashes
 * thousands of keys (a SHA-1 per key cost a third of a second per medium import). Every process
 * that ingests must agree on it: change it only with all of them stopped.
 */
export function lockBucket(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % LOCK_BUCKETS;
}

/** An identifier key's parts, as the store sends and reads them. */
type KeyParts = { kind: IdentityKind; scope: string; value: string };

function splitKey(key: IdentifierKey): KeyParts {
  const first = key.indexOf('|');
  const second = key.indexOf('|', first + 1);
  return { kind: key.slice(0, first) as IdentityKind, scope: key.slice(first + 1, second), value: key.slice(second + 1) };
}

/** A row of findKnown: a claim, a holder, a flag or a stored record under one of the keys looked up. */
interface KnownRow {
  what: 'claim' | 'holder' | 'flag' | 'record';
  kind: IdentityKind;
  scope: string;
  value: string;
  person_id: string | null;
  claims: IdentifierClaim | null;
  detail: string | null;
  candidate_id: string | null;
}

export interface AppliedPlan {
  /** Plan candidate ref -> merge_candidate id. */
  candidateIds: Map<string, string>;
}

export class PostgresIdentityStore implements IdentityStore {
  private batch: NormalizedRecord[] = [];
  private snapshot: Snapshot | undefined;
  /** Ids of the identities of the snapshot's persons and of those this plan creates, by key. */
  private readonly identityIds = new Map<IdentifierKey, string>();
  readonly applied: AppliedPlan = { candidateIds: new Map() };
  /** Milliseconds per group of writes, summed over the plans applied. */
  readonly timings: Record<string, number> = {};
  /** COPY statements written without the per-row foreign-key triggers (copyReferencingPersons). */
  uncheckedCopies = 0;
  private mark(label: string, since: number): number {
    const now = performance.now();
    this.timings[label] = (this.timings[label] ?? 0) + Math.round(now - since);
    return now;
  }

  /**
   * Persons this transaction holds: locked by loadSnapshot (FOR NO KEY UPDATE, so no one deletes
   * them before it commits) or written by it. Rows referencing only these need no foreign-key check.
   */
  private readonly heldPersons = new Set<string>();
  /** Set by lockWholeGraph: loadSnapshot takes no lock of its own, and prefetch may look ahead. */
  private holdsWholeGraph = false;
  /** Keys looked up ahead by prefetch, and the lookups (awaited by loadSnapshot). */
  private readonly prefetchedKeys = new Map<IdentifierKey, KeyParts>();
  private readonly prefetched: Promise<KnownRow[]>[] = [];
  private readonly unsentKeys: KeyParts[] = [];
  private prefetchedRecords = 0;
  /** Whether this role may switch off row triggers (session_replication_role), asked once. */
  private mayDisableRowTriggers: Promise<boolean> | undefined;

  /** Kinds of the primary identities of each of the snapshot's persons. */
  private readonly primaryKinds = new Map<string, Set<string>>();
  /** Keys of the values the snapshot found a stored claim for. */
  private readonly storedClaimKeys = new Set<IdentifierKey>();

  /**
   * `bulk` (spine import): rows that are new for certain (their keys are locked and were looked up)
   * are written with COPY instead of INSERT statements; the result is the same.
   */
  constructor(
    private readonly tx: EntityManager,
    private readonly merges: MergeService,
    private readonly actor: string,
    private readonly options: { bulk?: boolean } = {},
  ) {}

  /**
   * Takes the whole identity graph's lock at once, for a batch known to be wide before it is
   * normalized (spine import): loadSnapshot then takes no lock of its own, and prefetch may look
   * up slices of the batch as they are normalized.
   */
  async lockWholeGraph(): Promise<void> {
    await this.tx.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, WHOLE_GRAPH]);
    this.holdsWholeGraph = true;
  }

  /**
   * Starts looking up what the store knows under these records' keys and returns at once: the
   * lookup runs in PostgreSQL while the caller normalizes the next slice. loadSnapshot awaits it.
   * Needs lockWholeGraph (what is read must not change before the batch is written).
   */
  prefetch(records: readonly NormalizedRecord[]): void {
    if (!this.holdsWholeGraph) throw new Error('prefetch needs the whole graph locked (lockWholeGraph)');
    for (const record of records) {
      for (const identifier of record.identifiers) {
        const key = identifierKey(identifier);
        if (this.prefetchedKeys.has(key)) continue;
        this.prefetchedKeys.set(key, identifier);
        this.unsentKeys.push(identifier);
      }
    }
    this.prefetchedRecords += records.length;
    // A statement per few thousand keys: each has a cost of its own (planning, a round trip).
    if (this.unsentKeys.length >= PREFETCH_KEYS) this.sendPrefetch();
  }

  private sendPrefetch(): void {
    if (this.unsentKeys.length === 0) return;
    const lookup = this.findKnown(this.unsentKeys.splice(0));
    // Awaited by loadSnapshot; a failure meanwhile is not an unhandled rejection.
    lookup.catch(() => undefined);
    this.prefetched.push(lookup);
  }

  /**
   * Everything the store knows under these keys, in one statement (the keys are sent once): what
   * the engine remembers about shared values (emails, phones, address hashes: names seen with them
   * and, for addresses, the household members who live there), who holds each key, flagged values,
   * and the records already stored (a record's key is its own EXTERNAL_ID identifier's scope and value).
   */
  private findKnown(keyList: readonly KeyParts[]): Promise<KnownRow[]> {
    return rows<KnownRow>(
      this.tx,
      `WITH k AS MATERIALIZED (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS k(kind, scope, value))
       SELECT 'claim' AS what, c.kind, c.scope, c.value, NULL::uuid AS person_id, c.claims, NULL::text AS detail, NULL::uuid AS candidate_id
       FROM k JOIN identifier_claim c ON c.kind = k.kind AND c.scope = k.scope AND c.value = k.value WHERE k.kind IN ('EMAIL', 'PHONE', 'ADDRESS_HASH')
       UNION ALL
       SELECT 'holder', i.kind, i.scope, i.value, i.person_id, NULL, NULL, NULL
       FROM k JOIN identity i ON i.kind = k.kind AND i.scope = k.scope AND i.value = k.value
       UNION ALL
       SELECT 'flag', f.kind, f.scope, f.value, NULL, NULL, f.status, NULL
       FROM k JOIN identifier_flag f ON f.kind = k.kind AND f.scope = k.scope AND f.value = k.value WHERE f.status <> 'RELEASED'
       UNION ALL
       SELECT 'record', 'EXTERNAL_ID', r.provider, r.external_id, r.person_id, NULL, r.fingerprint, r.candidate_id
       FROM k JOIN source_record r ON r.provider = k.scope AND r.external_id = k.value WHERE k.kind = 'EXTERNAL_ID'`,
      [keyList.map((key) => key.kind), keyList.map((key) => key.scope), keyList.map((key) => key.value)],
    );
  }

  async loadSnapshot(batch: NormalizedRecord[]): Promise<Snapshot> {
    this.batch = batch;
    // The batch's keys: those prefetched when the batch is every record prefetched (the caller
    // passes a subset of them, so an equal count is the same records).
    let keys = this.prefetchedKeys;
    if (this.prefetchedRecords === 0 || batch.length !== this.prefetchedRecords) {
      keys = new Map();
      for (const record of batch) for (const identifier of record.identifiers) keys.set(identifierKey(identifier), identifier);
    }
    const keyList = [...keys.values()];

    if (!this.holdsWholeGraph) {
      // Hashed only until the batch is known to be wide (an import's batch is after a thousand keys or so).
      const bucketSet = new Set<number>();
      for (const key of keys.keys()) {
        bucketSet.add(lockBucket(key));
        if (bucketSet.size > WHOLE_GRAPH_BUCKETS) break;
      }
      const buckets = [...bucketSet].sort((a, b) => a - b);
      if (buckets.length > WHOLE_GRAPH_BUCKETS) {
        // A batch this wide would conflict with nearly every other one anyway: one exclusive lock on
        // the whole graph instead of thousands of bucket locks.
        await this.lockWholeGraph();
      } else {
        // Narrow batches share the whole-graph lock (taken first, so nobody waits for it while holding
        // a bucket), then take their buckets in ascending order.
        await this.tx.query(
          `SELECT CASE WHEN b = $2 THEN pg_advisory_xact_lock_shared($1, b) ELSE pg_advisory_xact_lock($1, b) END
           FROM unnest($3::int[]) WITH ORDINALITY AS t(b, n) ORDER BY n`,
          [LOCK_NAMESPACE, WHOLE_GRAPH, [WHOLE_GRAPH, ...buckets]],
        );
      }
    }

    this.sendPrefetch();
    let found: KnownRow[];
    if (this.prefetchedRecords === 0) found = await this.findKnown(keyList);
    else {
      // Keys of the batch not prefetched yet are looked up now; rows of keys outside the batch
      // (records the caller left out after prefetching them) are dropped.
      const missing = keys === this.prefetchedKeys ? [] : keyList.filter((key) => !this.prefetchedKeys.has(identifierKey(key)));
      const parts = await Promise.all([...this.prefetched, ...(missing.length > 0 ? [this.findKnown(missing)] : [])]);
      found = parts.flat();
      if (keys !== this.prefetchedKeys) found = found.filter((row) => keys.has(identifierKey(row)));
    }
    const storedClaims: { kind: string; scope: string; value: string; claims: IdentifierClaim }[] = [];
    const firstHolders: string[] = [];
    const flags = new Map<IdentifierKey, IdentifierFlag>();
    const records = new Map<string, KnownRecord>();
    for (const row of found) {
      if (row.what === 'claim') storedClaims.push({ kind: row.kind, scope: row.scope, value: row.value, claims: row.claims! });
      else if (row.what === 'holder') firstHolders.push(row.person_id!);
      else if (row.what === 'flag') flags.set(identifierKey(row as never), row.detail as IdentifierFlag);
      else records.set(`${row.scope}|${row.value}`, { personId: row.person_id, fingerprint: row.detail!, candidateId: row.candidate_id });
    }

    const memberIds = [...new Set(storedClaims.flatMap((claim) => claim.claims.members?.map((member) => member.personId) ?? []))];
    // Members merged away since live on in the person they were merged into.
    const liveMember = await livePersonIds(this.tx, memberIds);
    const claims = new Map<IdentifierKey, IdentifierClaim>();
    for (const stored of storedClaims) {
      const claim = stored.claims.members
        ? { ...stored.claims, members: stored.claims.members.filter((member) => liveMember.has(member.personId)).map((member) => ({ firstName: member.firstName, personId: liveMember.get(member.personId)! })) }
        : stored.claims;
      claims.set(identifierKey(stored as never), claim);
      this.storedClaimKeys.add(identifierKey(stored as never));
    }

    // Holders of the batch's identifiers (and household members), locked; a holder merged away meanwhile means its
    // identities moved, so look again. FOR NO KEY UPDATE: merges and other resolutions (which take it
    // too, or FOR UPDATE) wait, but batches storing events for these persons (FOR KEY SHARE) do not,
    // which would deadlock a /v1 batch resolving one user against another resolving a second while
    // each stores events of the other's. The plan's merges take FOR UPDATE themselves (mergeMany).
    let persons: { id: string; first_name: string | null; last_name: string | null; email: string | null; phone: string | null; first_seen_at: Date }[] = [];
    for (let attempt = 0; ; attempt += 1) {
      const holders = attempt === 0 ? firstHolders : await personsHolding(this.tx, keyList);
      const ids = [...new Set([...holders, ...liveMember.values()])].sort();
      const locked = await rows<(typeof persons)[number] & { merged_into_id: string | null }>(
        this.tx,
        'SELECT id, first_name, last_name, email, phone, first_seen_at, merged_into_id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE',
        [ids],
      );
      if (locked.every((person) => person.merged_into_id === null) || attempt >= 5) {
        persons = locked.filter((person) => person.merged_into_id === null);
        break;
      }
    }
    const personIds = persons.map((person) => person.id);
    for (const id of personIds) this.heldPersons.add(id);
    const identities = await rows<{ id: string; person_id: string; kind: IdentityKind; scope: string; value: string; provider: string; is_primary: boolean }>(
      this.tx,
      'SELECT id, person_id, kind, scope, value, provider, is_primary FROM identity WHERE person_id = ANY($1::uuid[])',
      [personIds],
    );
    const snapshotPersons = new Map<string, PersonState>(
      persons.map((person) => [
        person.id,
        { id: person.id, firstName: person.first_name, lastName: person.last_name, email: person.email, phone: person.phone, firstSeenAt: person.first_seen_at, identities: [] },
      ]),
    );
    const byKey = new Map<IdentifierKey, string>();
    for (const identity of identities) {
      const key = identifierKey(identity);
      this.identityIds.set(key, identity.id);
      if (identity.is_primary) this.primaryKinds.set(identity.person_id, (this.primaryKinds.get(identity.person_id) ?? new Set()).add(identity.kind));
      snapshotPersons.get(identity.person_id)?.identities.push({ key, kind: identity.kind, scope: identity.scope, value: identity.value, provider: identity.provider });
      if (keys.has(key)) byKey.set(key, identity.person_id);
    }

    const rejectedPairs = new Set<string>();
    if (personIds.length > 1) {
      for (const pair of await rows<{ person_a: string; person_b: string }>(
        this.tx,
        'SELECT person_a, person_b FROM merge_rejection WHERE person_a = ANY($1::uuid[]) AND person_b = ANY($1::uuid[])',
        [personIds],
      )) {
        rejectedPairs.add(personPairKey(pair.person_a, pair.person_b));
      }
    }
    this.snapshot = { persons: snapshotPersons, byKey, flags, records, rejectedPairs, claims };
    return this.snapshot;
  }

  async applyPlan(plan: ResolutionPlan): Promise<void> {
    const tx = this.tx;
    let t = performance.now();
    // When each person was last seen: the newest of its records in this plan.
    const seen = new Map<string, Date>();
    for (const record of plan.records) {
      if (record.personId && (!seen.has(record.personId) || seen.get(record.personId)! < record.observedAt)) seen.set(record.personId, record.observedAt);
    }
    // Persons born in this plan are written once, already last seen when their newest record was
    // observed (an UPDATE right after the INSERT would write every row and its indexes twice).
    const born = new Set<string>();
    for (const person of plan.newPersons) born.add(person.id);
    if (this.options.bulk) {
      await copyRows(tx, 'person', ['id', 'first_name', 'last_name', 'email', 'phone', 'first_seen_at', 'last_seen_at'], plan.newPersons, (person) => {
        const lastSeen = seen.get(person.id);
        return [person.id, person.firstName, person.lastName, person.email, person.phone, person.firstSeenAt, lastSeen && lastSeen > person.firstSeenAt ? lastSeen : person.firstSeenAt];
      });
      for (const person of plan.newPersons) this.heldPersons.add(person.id);
    } else if (plan.newPersons.length > 0) {
      await tx.query(
        `INSERT INTO person (id, first_name, last_name, email, phone, first_seen_at, last_seen_at)
         SELECT p.id, p.first_name, p.last_name, p.email, p.phone, p.first_seen_at, greatest(p.first_seen_at, p.last_seen_at)
         FROM jsonb_to_recordset($1::jsonb) AS p(id uuid, first_name text, last_name text, email text, phone text, first_seen_at timestamptz, last_seen_at timestamptz)`,
        [
          JSON.stringify(
            plan.newPersons.map((person) => ({
              id: person.id,
              first_name: person.firstName,
              last_name: person.lastName,
              email: person.email,
              phone: person.phone,
              first_seen_at: person.firstSeenAt,
              last_seen_at: seen.get(person.id) ?? person.firstSeenAt,
            })),
          ),
        ],
      );
    }

    t = this.mark('persons', t);
    await this.merges.mergeMany(
      tx,
      plan.merges.map((merge) => ({ sourceId: merge.sourceId, targetId: merge.targetId, reason: merge.reason, actor: this.actor, evidence: merge.evidence })),
    );

    t = this.mark('merges', t);
    await this.applyCandidates(plan);
    t = this.mark('candidates', t);

    // Records the snapshot did not know are new: their keys are locked (each record's external id
    // is one of its identifiers), so a plain INSERT does, without the upsert's speculative insertion.
    const known = this.snapshot?.records ?? new Map<string, KnownRecord>();
    const newRecords = plan.records.filter((record) => !known.has(record.recordKey));
    const knownRecords = plan.records.filter((record) => known.has(record.recordKey));
    const recordRows = (records: typeof plan.records) =>
      JSON.stringify(
        records.map((record) => ({
          provider: record.provider,
          external_id: record.externalId,
          person_id: record.personId,
          matched_by: record.matchedBy,
          fingerprint: record.fingerprint,
          payload: record.payload,
          candidate_id: this.candidateId(record.candidateRef),
          observed_at: record.observedAt,
        })),
      );
    if (this.options.bulk) {
      await this.copyReferencingPersons(
        'source_record',
        ['provider', 'external_id', 'person_id', 'status', 'matched_by', 'fingerprint', 'payload', 'candidate_id', 'observed_at'],
        newRecords,
        (record) => [
          record.provider,
          record.externalId,
          record.personId,
          record.personId === null ? 'PENDING' : 'LINKED',
          record.matchedBy,
          record.fingerprint,
          record.payload,
          this.candidateId(record.candidateRef),
          record.observedAt,
        ],
        (record) => record.personId,
      );
    } else if (newRecords.length > 0) {
      await tx.query(
        `INSERT INTO source_record (provider, external_id, person_id, status, matched_by, fingerprint, payload, candidate_id, observed_at)
         SELECT k.provider, k.external_id, k.person_id, CASE WHEN k.person_id IS NULL THEN 'PENDING' ELSE 'LINKED' END,
                k.matched_by, k.fingerprint, k.payload, k.candidate_id, k.observed_at
         FROM jsonb_to_recordset($1::jsonb) AS k(provider text, external_id text, person_id uuid, matched_by text, fingerprint text, payload jsonb, candidate_id uuid, observed_at timestamptz)`,
        [recordRows(newRecords)],
      );
    }
    if (knownRecords.length > 0) {
      await tx.query(
        `INSERT INTO source_record AS r (provider, external_id, person_id, status, matched_by, fingerprint, payload, candidate_id, observed_at)
         SELECT k.provider, k.external_id, k.person_id, CASE WHEN k.person_id IS NULL THEN 'PENDING' ELSE 'LINKED' END,
                k.matched_by, k.fingerprint, k.payload, k.candidate_id, k.observed_at
         FROM jsonb_to_recordset($1::jsonb) AS k(provider text, external_id text, person_id uuid, matched_by text, fingerprint text, payload jsonb, candidate_id uuid, observed_at timestamptz)
         ON CONFLICT (provider, external_id) DO UPDATE SET
           person_id = excluded.person_id, status = excluded.status, matched_by = excluded.matched_by, fingerprint = excluded.fingerprint,
           payload = excluded.payload, candidate_id = excluded.candidate_id, observed_at = greatest(r.observed_at, excluded.observed_at), last_seen_at = now()`,
        [recordRows(knownRecords)],
      );
    }

    t = this.mark('records', t);
    // Identities born in this plan are written once, already last seen when the newest record of
    // the plan that carries them was observed; only older identities need the touch UPDATE below.
    // Provenance: every identity is written with its origin, the record that brought it and the
    // rule that attached it (the identifier that matched the record, or NEW_PERSON), unless that
    // record went elsewhere (a merge or a review). Records that later carry the same value are
    // matched through it: their own identities say so.
    const touchedAt = new Map(plan.touchedIdentities.map((touched) => [touched.key, touched.lastSeenAt]));
    const newKeys = new Set<IdentifierKey>();
    if (this.options.bulk && plan.newIdentities.length > 0) {
      const recordOf = new Map(plan.records.map((record) => [record.recordKey, record]));
      // The transaction's now(), as the INSERT below would stamp it.
      const linkedAt = (await rows<{ now: Date }>(tx, 'SELECT now() AS now'))[0].now;
      const primary = this.primariesAfter(plan);
      await this.copyReferencingPersons(
        'identity',
        ['id', 'person_id', 'kind', 'provider', 'scope', 'value', 'raw_value', 'is_primary', 'first_seen_at', 'last_seen_at', 'origin_record_provider', 'origin_record_external_id', 'origin_rule', 'origin_linked_at'],
        plan.newIdentities,
        (identity) => {
          newKeys.add(identity.key);
          const origin = recordOf.get(identity.recordKey);
          const linked = origin?.personId === identity.personId;
          const lastSeen = touchedAt.get(identity.key);
          return [
            this.newIdentityId(identity.key),
            identity.personId,
            identity.identifier.kind,
            identity.identifier.provider,
            identity.identifier.scope,
            identity.identifier.value,
            identity.identifier.raw,
            primary.has(identity),
            identity.observedAt,
            lastSeen && lastSeen > identity.observedAt ? lastSeen : identity.observedAt,
            linked ? origin.provider : null,
            linked ? origin.externalId : null,
            linked ? identity.rule : null,
            linked ? linkedAt : null,
          ];
        },
        (identity) => identity.personId,
      );
    } else if (plan.newIdentities.length > 0) {
      const recordOf = new Map(plan.records.map((record) => [record.recordKey, record]));
      await tx.query(
        `INSERT INTO identity (id, person_id, kind, provider, scope, value, raw_value, is_primary, first_seen_at, last_seen_at,
                               origin_record_provider, origin_record_external_id, origin_rule, origin_linked_at)
         SELECT n.id, n.person_id, n.kind, n.provider, n.scope, n.value, n.raw_value,
                n.is_primary AND row_number() OVER (PARTITION BY n.person_id, n.kind ORDER BY n.is_primary DESC, n.ordinal) = 1
                  AND NOT EXISTS (SELECT 1 FROM identity p WHERE p.person_id = n.person_id AND p.kind = n.kind AND p.is_primary),
                n.observed_at, greatest(n.observed_at, n.last_seen_at),
                n.origin_provider, n.origin_external_id, n.origin_rule, CASE WHEN n.origin_rule IS NOT NULL THEN now() END
         FROM jsonb_to_recordset($1::jsonb) AS n(ordinal int, id uuid, person_id uuid, kind text, provider text, scope text, value text, raw_value text,
                                                 is_primary boolean, observed_at timestamptz, last_seen_at timestamptz,
                                                 origin_provider text, origin_external_id text, origin_rule text)`,
        [
          JSON.stringify(
            plan.newIdentities.map((identity, ordinal) => {
              newKeys.add(identity.key);
              const origin = recordOf.get(identity.recordKey);
              const linked = origin?.personId === identity.personId;
              return {
                ordinal,
                id: this.newIdentityId(identity.key),
                person_id: identity.personId,
                kind: identity.identifier.kind,
                provider: identity.identifier.provider,
                scope: identity.identifier.scope,
                value: identity.identifier.value,
                raw_value: identity.identifier.raw,
                is_primary: identity.isPrimary,
                observed_at: identity.observedAt,
                last_seen_at: touchedAt.get(identity.key) ?? identity.observedAt,
                origin_provider: linked ? origin.provider : null,
                origin_external_id: linked ? origin.externalId : null,
                origin_rule: linked ? identity.rule : null,
              };
            }),
          ),
        ],
      );
    }

    t = this.mark('identities', t);
    const touched = plan.touchedIdentities.filter((touch) => !newKeys.has(touch.key) && this.identityIds.has(touch.key));
    if (touched.length > 0) {
      await tx.query(
        `UPDATE identity i SET last_seen_at = greatest(i.last_seen_at, t.last_seen_at)
         FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, last_seen_at timestamptz)
         WHERE i.id = t.id AND i.last_seen_at < t.last_seen_at`,
        [JSON.stringify(touched.map((touch) => ({ id: this.identityIds.get(touch.key), last_seen_at: touch.lastSeenAt })))],
      );
    }

    t = this.mark('touched', t);
    for (const id of born) seen.delete(id);
    if (plan.personUpdates.length > 0 || seen.size > 0) {
      const updates = new Map<string, Record<string, unknown>>();
      for (const [personId, at] of seen) updates.set(personId, { id: personId, last_seen_at: at });
      for (const update of plan.personUpdates) {
        updates.set(update.personId, {
          ...(updates.get(update.personId) ?? { id: update.personId }),
          first_name: update.firstName,
          last_name: update.lastName,
          email: update.email,
          phone: update.phone,
          first_seen_at: update.firstSeenAt,
        });
      }
      await tx.query(
        `UPDATE person p SET
           first_name = coalesce(u.first_name, p.first_name), last_name = coalesce(u.last_name, p.last_name),
           email = coalesce(u.email, p.email), phone = coalesce(u.phone, p.phone),
           first_seen_at = least(p.first_seen_at, coalesce(u.first_seen_at, p.first_seen_at)),
           last_seen_at = greatest(p.last_seen_at, coalesce(u.last_seen_at, p.last_seen_at), coalesce(u.first_seen_at, p.first_seen_at)),
           updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, first_name text, last_name text, email text, phone text, first_seen_at timestamptz, last_seen_at timestamptz)
         WHERE p.id = u.id
           -- A person seen again with nothing new is left alone (a row version and index entries saved).
           AND (u.first_name IS DISTINCT FROM p.first_name AND u.first_name IS NOT NULL OR u.last_name IS DISTINCT FROM p.last_name AND u.last_name IS NOT NULL
                OR u.email IS DISTINCT FROM p.email AND u.email IS NOT NULL OR u.phone IS DISTINCT FROM p.phone AND u.phone IS NOT NULL
                OR u.first_seen_at < p.first_seen_at OR u.first_seen_at > p.last_seen_at OR u.last_seen_at > p.last_seen_at)`,
        [JSON.stringify([...updates.values()])],
      );
    }

    t = this.mark('personUpdates', t);
    if (plan.flags.length > 0) {
      await tx.query(
        `INSERT INTO identifier_flag (kind, scope, value, status, reason)
         SELECT f.kind, f.scope, f.value, f.status, f.reason FROM jsonb_to_recordset($1::jsonb) AS f(kind text, scope text, value text, status text, reason text)
         ON CONFLICT (kind, scope, value) DO UPDATE SET status = excluded.status, reason = excluded.reason, updated_at = now()
         WHERE identifier_flag.status <> 'RELEASED'`,
        [JSON.stringify(plan.flags.map((flag) => ({ ...splitKey(flag.key), status: flag.flag, reason: flag.reason })))],
      );
    }
    // Claims on values the snapshot found none for are new (the values are locked).
    const newClaims = this.options.bulk ? plan.claims.filter((update) => !this.storedClaimKeys.has(update.key)) : [];
    const changedClaims = newClaims.length === 0 ? plan.claims : plan.claims.filter((update) => this.storedClaimKeys.has(update.key));
    await copyRows(tx, 'identifier_claim', ['kind', 'scope', 'value', 'claims'], newClaims, (update) => {
      const { kind, scope, value } = splitKey(update.key);
      return [kind, scope, value, update.claim];
    });
    if (changedClaims.length > 0) {
      await tx.query(
        `INSERT INTO identifier_claim (kind, scope, value, claims)
         SELECT c.kind, c.scope, c.value, c.claims FROM jsonb_to_recordset($1::jsonb) AS c(kind text, scope text, value text, claims jsonb)
         ON CONFLICT (kind, scope, value) DO UPDATE SET claims = excluded.claims, updated_at = now()`,
        [JSON.stringify(changedClaims.map((update) => ({ ...splitKey(update.key), claims: update.claim })))],
      );
    }
    this.mark('flagsAndClaims', t);
  }

  /**
   * Which of the plan's new identities become primary, as the INSERT below decides it: per person
   * and kind, the first one the engine proposes as primary, unless the person already has a primary
   * of that kind (its own or, after this plan's merges, one a merged-away person brought).
   */
  private primariesAfter(plan: ResolutionPlan): Set<PlannedIdentity> {
    const kindsOf = new Map([...this.primaryKinds].map(([personId, kinds]) => [personId, new Set(kinds)]));
    // Merges keep the source's primaries of kinds the target lacks; chains settle in a few passes.
    for (let changed = true; changed; ) {
      changed = false;
      for (const merge of plan.merges) {
        const moved = kindsOf.get(merge.sourceId);
        if (!moved) continue;
        if (!kindsOf.has(merge.targetId)) kindsOf.set(merge.targetId, new Set());
        const target = kindsOf.get(merge.targetId)!;
        for (const kind of moved) {
          if (target.has(kind)) continue;
          target.add(kind);
          changed = true;
        }
      }
    }
    const primary = new Set<PlannedIdentity>();
    for (const identity of plan.newIdentities) {
      if (!identity.isPrimary) continue;
      if (!kindsOf.has(identity.personId)) kindsOf.set(identity.personId, new Set());
      const kinds = kindsOf.get(identity.personId)!;
      if (kinds.has(identity.identifier.kind)) continue;
      kinds.add(identity.identifier.kind);
      primary.add(identity);
    }
    return primary;
  }

  private newIdentityId(key: IdentifierKey): string {
    const id = randomUUID();
    this.identityIds.set(key, id);
    return id;
  }

  /** A plan ref, or the id of a candidate the record already waits in. */
  candidateId(ref: string | null): string | null {
    if (ref === null) return null;
    return this.applied.candidateIds.get(ref) ?? (/^[0-9a-f-]{36}$/i.test(ref) ? ref : null);
  }

  /**
   * COPY of new rows whose only foreign key is a person, without PostgreSQL's per-row check of it
   * (a trigger per row: a third of the time PostgreSQL takes to write an import's records and
   * identities). The check is made here instead, once per COPY and without a statement: every
   * person referenced must be one this transaction holds (heldPersons). Rows referencing any other
   * person, and roles that may not set session_replication_role (not superuser, nor granted it), get
   * the checked COPY. Unique, check and not-null constraints are not triggers: they hold either way.
   */
  private async copyReferencingPersons<T>(table: string, columns: readonly string[], items: readonly T[], toValues: (item: T) => CopyValue[], personOf: (item: T) => string | null): Promise<void> {
    const held = items.every((item) => {
      const personId = personOf(item);
      return personId === null || this.heldPersons.has(personId);
    });
    if (items.length === 0 || !held || !(await this.rowTriggersCanBeDisabled())) {
      await copyRows(this.tx, table, columns, items, toValues);
      return;
    }
    // SET LOCAL: a failure rolls the whole transaction back, and the setting with it.
    await this.tx.query('SET LOCAL session_replication_role = replica');
    await copyRows(this.tx, table, columns, items, toValues);
    await this.tx.query('SET LOCAL session_replication_role = DEFAULT');
    this.uncheckedCopies += 1;
  }

  private rowTriggersCanBeDisabled(): Promise<boolean> {
    this.mayDisableRowTriggers ??= (async () => {
      const [role] = await rows<{ superuser: boolean; version: number }>(
        this.tx,
        "SELECT current_setting('is_superuser') = 'on' AS superuser, current_setting('server_version_num')::int AS version",
      );
      if (role.superuser) return true;
      // PostgreSQL 15 and later can grant the setting to other roles (GRANT SET ON PARAMETER).
      if (role.version < 150000) return false;
      const [granted] = await rows<{ granted: boolean }>(this.tx, "SELECT has_parameter_privilege('session_replication_role', 'SET') AS granted");
      return granted.granted;
    })();
    return this.mayDisableRowTriggers;
  }

  /** Joins the OPEN candidate with the same persons, or opens one. */
  private async applyCandidates(plan: ResolutionPlan): Promise<void> {
    if (plan.candidates.length === 0) return;
    const sets = plan.candidates.map((candidate) => [...candidate.personIds].sort());
    const existing = await rows<{ id: string; person_ids: string[] }>(
      this.tx,
      `SELECT id, person_ids FROM merge_candidate WHERE status = 'OPEN' AND person_ids && $1::uuid[] FOR UPDATE`,
      [[...new Set(sets.flat())]],
    );
    const openBySet = new Map(existing.map((row) => [[...row.person_ids].sort().join(','), row.id]));
    const inserts: Record<string, unknown>[] = [];
    const joins: Record<string, unknown>[] = [];
    plan.candidates.forEach((candidate, index) => {
      const setKey = sets[index].join(',');
      const openId = sets[index].length > 0 ? openBySet.get(setKey) : undefined;
      const row = { record_keys: candidate.recordKeys, evidence: candidate.evidence, score: Math.min(1, Math.max(0, candidate.score)) };
      if (openId) {
        this.applied.candidateIds.set(candidate.ref, openId);
        joins.push({ id: openId, ...row });
      } else {
        const id = randomUUID();
        this.applied.candidateIds.set(candidate.ref, id);
        if (sets[index].length > 0) openBySet.set(setKey, id);
        inserts.push({ id, person_ids: sets[index], ...row });
      }
    });
    if (inserts.length > 0) {
      await this.tx.query(
        `INSERT INTO merge_candidate (id, person_ids, record_keys, evidence, score)
         SELECT c.id, ARRAY(SELECT jsonb_array_elements_text(c.person_ids))::uuid[], ARRAY(SELECT jsonb_array_elements_text(c.record_keys)), c.evidence, c.score
         FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, person_ids jsonb, record_keys jsonb, evidence jsonb, score double precision)`,
        [JSON.stringify(inserts)],
      );
    }
    if (joins.length > 0) {
      await this.tx.query(
        `UPDATE merge_candidate m SET
           record_keys = ARRAY(SELECT DISTINCT unnest(m.record_keys || ARRAY(SELECT jsonb_array_elements_text(c.record_keys)))),
           evidence = m.evidence || c.evidence, score = greatest(m.score, c.score), updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, record_keys jsonb, evidence jsonb, score double precision)
         WHERE m.id = c.id`,
        [JSON.stringify(joins)],
      );
    }
  }
}
