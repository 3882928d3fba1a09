// The shapes shared by the normalizers, the resolution engine and the stores that feed it.
// The API's database adapter and the in-memory store implement the same IdentityStore, so the
// figures measured in memory are the figures the database produces.

export type IdentityKind = 'EMAIL' | 'PHONE' | 'EXTERNAL_ID' | 'ADDRESS_HASH' | 'ANONYMOUS_ID' | 'DEVICE_ID';

/** Kinds whose values are scoped by the provider that issued them. */
export const PROVIDER_SCOPED_KINDS: ReadonlySet<IdentityKind> = new Set(['EXTERNAL_ID', 'ANONYMOUS_ID', 'DEVICE_ID']);

export interface AddressInput {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

/** One source record from a provider, as the contract's IdentityRecordInput. */
export interface SourceRecordInput {
  provider: string;
  externalId: string;
  email?: string | null;
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  address?: AddressInput | null;
  traits?: Record<string, unknown> | null;
  observedAt?: string | Date | null;
}

/** A normalized identifier. `scope` is the provider for provider-scoped kinds and '' otherwise. */
export interface Identifier {
  kind: IdentityKind;
  scope: string;
  value: string;
  /** The value as received, before normalization. */
  raw: string;
  /** The provider that reported it. */
  provider: string;
  /** identifierKey() of the identifier, filled in by normalizeRecord so that it is built once. */
  key?: IdentifierKey;
}

/** `${kind}|${scope}|${value}`: the unique key of an identifier across the whole graph. */
export type IdentifierKey = string;

/** `${provider}|${externalId}`. */
export type RecordKey = string;

export type IngestAction = 'CREATED' | 'LINKED' | 'UPDATED' | 'UNCHANGED' | 'AMBIGUOUS' | 'REJECTED';

export type IdentifierFlag = 'BLOCKED' | 'QUARANTINED';

export interface MergeEvidence {
  field: string;
  values: string[];
  supports: boolean;
  detail?: string;
}

/** `${kind}|${scope}|${value}` of an identifier. */
export function identifierKey(identifier: Pick<Identifier, 'kind' | 'scope' | 'value' | 'key'>): IdentifierKey {
  return identifier.key ?? `${identifier.kind}|${identifier.scope}|${identifier.value}`;
}

/** `${provider}|${externalId}`. */
export function recordKeyOf(provider: string, externalId: string): RecordKey {
  return `${provider}|${externalId}`;
}

/** `${idA}|${idB}` with the ids sorted: the key of a pair of persons, in either order. */
export function personPairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

// ---------------------------------------------------------------------------------------------
// Resolution: what a store loads for a batch, and the plan it applies afterwards.
// ---------------------------------------------------------------------------------------------

/** One identity row of a person. */
export interface PersonIdentity {
  key: IdentifierKey;
  kind: IdentityKind;
  scope: string;
  value: string;
  provider: string;
}

/** A live (not merged-away) person with all its identities. */
export interface PersonState {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  firstSeenAt: Date;
  identities: PersonIdentity[];
}

/**
 * The names seen with one EMAIL, PHONE or ADDRESS_HASH value, on every record that carried it
 * (ambiguous ones included). E-mails and phones claimed by several unrelated names are hubs; the
 * names at an address tell whether an initial (`J.`) is ambiguous there. The store persists one
 * claim per identifier key (e.g. a jsonb column or a table keyed by identifier key), loads the
 * claims of the batch's keys, and upserts the ones the plan returns (only changed claims).
 */
export interface IdentifierClaim {
  /** Distinct first-name keys (lower case) of the records that carried the value, at most CLAIM_NAME_LIMIT. */
  firstNames: string[];
  /** Distinct last-name keys, at most CLAIM_NAME_LIMIT. */
  lastNames: string[];
  /**
   * ADDRESS_HASH only: household members other than the person holding the hash (an identifier
   * belongs to one person), by first-name key. The store loads these persons with the snapshot and
   * gives their live ids (a member merged away is replaced by the person it was merged into).
   */
  members?: { firstName: string; personId: string }[];
}

/** A source record the store already holds. */
export interface KnownRecord {
  personId: string | null;
  fingerprint: string;
  /** The OPEN candidate the record waits in, if any. */
  candidateId: string | null;
}

/** The depth-1 neighbourhood of a batch, loaded by the store. */
export interface Snapshot {
  /** Every live person holding any identifier key of the batch (EXTERNAL_ID included), with ALL its identities. */
  persons: Map<string, PersonState>;
  /** Identifier key -> person id, for the batch's keys (the engine also indexes the persons' identities). */
  byKey: Map<IdentifierKey, string>;
  /** BLOCKED / QUARANTINED values among the batch's keys. */
  flags: Map<IdentifierKey, IdentifierFlag>;
  /** Known source records of the batch. */
  records: Map<RecordKey, KnownRecord>;
  /** personPairKey(a, b) of pairs a reviewer said are different people. */
  rejectedPairs: Set<string>;
  /** Claims of the batch's EMAIL, PHONE and ADDRESS_HASH keys (members' persons loaded into `persons`). */
  claims: Map<IdentifierKey, IdentifierClaim>;
}

export type IdentityRule = 'EXTERNAL_ID' | 'EMAIL' | 'PHONE' | 'ADDRESS_HASH' | 'NEW_PERSON' | 'MERGE';

export interface PlannedPerson {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  firstSeenAt: Date;
}

/** Move everything of `sourceId` to `targetId` and mark the source merged. Both existed before the batch. */
export interface PlannedMerge {
  sourceId: string;
  targetId: string;
  reason: string;
  evidence: MergeEvidence[];
  /** The record whose identifiers tied the two persons together. */
  recordKey: RecordKey;
}

export interface PlannedIdentity {
  /** Final owner (never a person merged away in the same plan). */
  personId: string;
  key: IdentifierKey;
  identifier: Identifier;
  /** The first e-mail / phone of a person is its primary one. */
  isPrimary: boolean;
  /** Why the identity was attached: the kind that matched the record, or NEW_PERSON. */
  rule: IdentityRule;
  recordKey: RecordKey;
  observedAt: Date;
}

export interface TouchedIdentity {
  key: IdentifierKey;
  personId: string;
  lastSeenAt: Date;
}

/** Fields to set on an existing person (only those present). */
export interface PersonUpdate {
  personId: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  firstSeenAt?: Date;
}

export interface PlannedRecord {
  recordKey: RecordKey;
  provider: string;
  externalId: string;
  personId: string | null;
  fingerprint: string;
  matchedBy: IdentityKind | null;
  action: IngestAction;
  candidateRef: string | null;
  observedAt: Date;
  payload: SourceRecordInput;
}

/**
 * A question for a reviewer: do these records belong to these persons? The store joins the OPEN
 * candidate with exactly the same person ids, or opens one; `ref` names it within the plan.
 */
export interface PlannedCandidate {
  ref: string;
  personIds: string[];
  recordKeys: RecordKey[];
  evidence: MergeEvidence[];
  score: number;
}

export interface PlannedFlag {
  key: IdentifierKey;
  kind: IdentityKind;
  value: string;
  flag: IdentifierFlag;
  reason: string;
}

export interface ClaimUpdate {
  key: IdentifierKey;
  claim: IdentifierClaim;
}

export interface RecordOutcome {
  /** Position of the record in the ingested input. */
  index: number;
  provider: string;
  externalId: string;
  action: IngestAction;
  personId: string | null;
  matchedBy: IdentityKind | null;
  candidateRef: string | null;
  error: string | null;
  /** Identifiers dropped from the record. */
  issues: string[];
}

export interface ResolutionMetrics {
  fetched: number;
  created: number;
  updated: number;
  linked: number;
  unchanged: number;
  ambiguous: number;
  errors: number;
  /** Merge operations, persons born in the batch folded into others included. */
  merges: number;
  /** Values newly quarantined as hubs. */
  quarantined: number;
}

/** The delta between the store's state and the state after the batch. Apply in field order. */
export interface ResolutionPlan {
  newPersons: PlannedPerson[];
  merges: PlannedMerge[];
  newIdentities: PlannedIdentity[];
  touchedIdentities: TouchedIdentity[];
  personUpdates: PersonUpdate[];
  records: PlannedRecord[];
  candidates: PlannedCandidate[];
  flags: PlannedFlag[];
  claims: ClaimUpdate[];
  outcomes: RecordOutcome[];
  metrics: ResolutionMetrics;
}
