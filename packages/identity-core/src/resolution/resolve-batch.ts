// The resolution engine. Record by record, in input order, it decides whether a record is a new
// person, belongs to one person, ties several persons together (a merge) or needs a reviewer
// (AMBIGUOUS), working on a copy-on-write view of the store's snapshot; then it turns the decisions
// into the delta a store applies with a few bulk statements. The rules are listed in the README.
import { randomUUID } from 'node:crypto';
import { assessMatch, type MatchAssessment } from '../evidence/match-assessment.js';
import { firstNameMatch, isInitial, lastNamesCompatible, nameKey } from '../normalize/name.js';
import type { NormalizedRecord } from '../normalize/normalize-record.js';
import {
  identifierKey,
  personPairKey,
  type Identifier,
  type IdentifierClaim,
  type IdentifierFlag,
  type IdentifierKey,
  type IdentityKind,
  type IdentityRule,
  type IngestAction,
  type KnownRecord,
  type MergeEvidence,
  type PersonState,
  type PersonUpdate,
  type PlannedCandidate,
  type PlannedFlag,
  type PlannedIdentity,
  type PlannedMerge,
  type PlannedRecord,
  type RecordKey,
  type RecordOutcome,
  type ResolutionMetrics,
  type ResolutionPlan,
  type Snapshot,
  type TouchedIdentity,
} from '../types.js';
import { CLAIM_NAME_LIMIT, type ResolutionOptions } from './resolution-options.js';

const STRONG_KINDS: ReadonlySet<IdentityKind> = new Set(['EXTERNAL_ID', 'EMAIL', 'PHONE', 'ANONYMOUS_ID', 'DEVICE_ID']);
const KIND_RANK: Record<IdentityKind, number> = { EXTERNAL_ID: 0, EMAIL: 1, PHONE: 2, ANONYMOUS_ID: 3, DEVICE_ID: 4, ADDRESS_HASH: 5 };
const CLAIMED_KINDS: ReadonlySet<IdentityKind> = new Set(['EMAIL', 'PHONE', 'ADDRESS_HASH']);
/** A household shares its address hash by design: only e-mails and phones can be hubs. */
const HUB_KINDS: ReadonlySet<IdentityKind> = new Set(['EMAIL', 'PHONE']);
const DRAFT_PREFIX = 'draft:';

interface WorkingPerson extends PersonState {
  born: boolean;
  /** False while `identities` is still the snapshot's array (copied on the first write). */
  ownIdentities: boolean;
  /** Ids of the persons merged into this one during the batch. */
  aliases: string[];
}

interface Match {
  person: WorkingPerson;
  kinds: IdentityKind[];
  assessment: MatchAssessment;
  /** Every identifier tying the record to the person is shared by people of different first names. */
  sharedOnly: boolean;
}

interface Entry {
  record: NormalizedRecord;
  action: IngestAction;
  personId: string | null;
  matchedBy: IdentityKind | null;
  candidateRef: string | null;
  issues: string[];
}

interface CandidateDraft {
  personIds: string[];
  recordKeys: RecordKey[];
  evidence: MergeEvidence[];
  score: number;
}

function strongest(kinds: Iterable<IdentityKind>): IdentityKind | null {
  let best: IdentityKind | null = null;
  for (const kind of kinds) if (best === null || KIND_RANK[kind] < KIND_RANK[best]) best = kind;
  return best;
}

/** A claim this batch may change; always the same object shape (the engine's hot paths like that). */
function copyClaim(claim: IdentifierClaim | undefined): IdentifierClaim {
  return {
    firstNames: claim ? claim.firstNames.slice() : [],
    lastNames: claim ? claim.lastNames.slice() : [],
    members: claim?.members ? claim.members.slice() : undefined,
  };
}

/** Greedy count of mutually incompatible names: Bob, Robert and R. count once. */
function distinctFirstNames(names: readonly string[]): number {
  const representatives: string[] = [];
  for (const name of names) {
    if (representatives.every((other) => firstNameMatch(name, other) === 'none')) representatives.push(name);
  }
  return representatives.length;
}

/**
 * Resolves one batch of normalized records against the snapshot the store loaded for it, in input
 * order (later records see what earlier ones created), and returns the delta to apply. Pure: the
 * snapshot is not modified.
 */
export function resolveBatch(batch: readonly NormalizedRecord[], snapshot: Snapshot, options: ResolutionOptions = {}): ResolutionPlan {
  return new BatchResolver(snapshot, options).resolve(batch);
}

/**
 * resolveBatch, awaiting `pause()` after every `slice` records: a caller whose other work needs
 * the thread meanwhile (writing the previous plan to a database) gets it in between. The same plan.
 */
export async function resolveBatchInSlices(
  batch: readonly NormalizedRecord[],
  snapshot: Snapshot,
  options: ResolutionOptions,
  pause: () => Promise<void>,
  slice = 500,
): Promise<ResolutionPlan> {
  const resolver = new BatchResolver(snapshot, options);
  for (let start = 0; start < batch.length; start += slice) {
    if (start > 0) await pause();
    resolver.resolveSome(batch, start, Math.min(batch.length, start + slice));
  }
  return resolver.plan(batch.length);
}

class BatchResolver {
  private readonly persons = new Map<string, WorkingPerson>();
  private readonly redirect = new Map<string, string>();
  /** Owners changed or added in this batch, over snapshot.byKey. */
  private readonly localOwners = new Map<IdentifierKey, string>();
  private readonly flags: Map<IdentifierKey, IdentifierFlag>;
  private readonly claims = new Map<IdentifierKey, IdentifierClaim>();
  private readonly batchRecords = new Map<RecordKey, KnownRecord>();
  private readonly bornIds: string[] = [];
  private readonly dirtyExisting = new Set<string>();
  private readonly entries: Entry[] = [];
  private readonly newIdentities: PlannedIdentity[] = [];
  private readonly touched = new Map<IdentifierKey, TouchedIdentity>();
  private readonly merges: PlannedMerge[] = [];
  private readonly drafts = new Map<string, CandidateDraft>();
  private readonly flagsOut: PlannedFlag[] = [];
  private mergeCount = 0;
  private readonly autoMerge: boolean;
  private readonly linkByAddress: boolean;
  private readonly hubThreshold: number;
  private readonly singleIdProviders: readonly string[] | undefined;
  private readonly newId: () => string;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly options: ResolutionOptions,
  ) {
    this.autoMerge = options.autoMerge ?? true;
    this.linkByAddress = options.linkByAddress ?? true;
    this.hubThreshold = options.hubThreshold ?? 3;
    this.singleIdProviders = options.singleIdProviders;
    this.newId = options.newId ?? randomUUID;
    this.flags = new Map(snapshot.flags);
  }

  resolve(batch: readonly NormalizedRecord[]): ResolutionPlan {
    this.resolveSome(batch, 0, batch.length);
    return this.plan(batch.length);
  }

  /** Resolves batch[start..end), after the records before start (in input order). */
  resolveSome(batch: readonly NormalizedRecord[], start: number, end: number): void {
    for (let index = start; index < end; index += 1) this.entries.push(this.resolveRecord(batch[index]));
  }

  plan(batchSize: number): ResolutionPlan {
    return this.buildPlan(batchSize);
  }

  // ---------------------------------------------------------------------------------------------
  // Working copy of the snapshot
  // ---------------------------------------------------------------------------------------------

  private find(id: string): string {
    let current = id;
    for (let next = this.redirect.get(current); next !== undefined; next = this.redirect.get(current)) current = next;
    return current;
  }

  private person(id: string): WorkingPerson | undefined {
    const finalId = this.find(id);
    const working = this.persons.get(finalId);
    if (working) return working;
    const original = this.snapshot.persons.get(finalId);
    if (!original) return undefined;
    const copy: WorkingPerson = {
      id: original.id,
      firstName: original.firstName,
      lastName: original.lastName,
      email: original.email,
      phone: original.phone,
      firstSeenAt: original.firstSeenAt,
      identities: original.identities,
      ownIdentities: false,
      born: false,
      aliases: [],
    };
    this.persons.set(finalId, copy);
    return copy;
  }

  /**
   * The address hash belongs to one person of the household (the first one seen); the others are
   * remembered in the claim's `members`. A record whose first name conflicts with the holder's is
   * matched with the member of that name instead, if there is one.
   */
  private householdMember(key: IdentifierKey, holderId: string, record: NormalizedRecord): string {
    if (record.firstName === null) return holderId;
    const holder = this.person(holderId);
    if (!holder || firstNameMatch(record.firstName, holder.firstName) !== 'none') return holderId;
    const members = this.claim(key)?.members;
    if (!members) return holderId;
    for (const member of members) {
      const strength = firstNameMatch(record.firstName, member.firstName);
      if (strength !== 'exact' && strength !== 'nickname') continue;
      const id = this.find(member.personId);
      if (id !== holderId && this.person(id)) return id;
    }
    return holderId;
  }

  /** Notes the person of a record whose address hash another household member holds. */
  private rememberHouseholdMember(record: NormalizedRecord, personId: string): void {
    const address = record.identifiers.find((identifier) => identifier.kind === 'ADDRESS_HASH');
    if (!address) return;
    const key = identifierKey(address);
    const holder = this.owner(key);
    if (holder === undefined || holder === personId || this.flags.has(key)) return;
    const person = this.person(personId);
    const firstName = nameKey(person?.firstName ?? record.firstName);
    if (firstName === null || firstName.length === 1) return;
    const current = this.claim(key);
    const members = current?.members ?? [];
    if (members.length >= CLAIM_NAME_LIMIT || members.some((member) => member.firstName === firstName || this.find(member.personId) === personId)) return;
    let claim = this.claims.get(key);
    if (!claim) {
      claim = copyClaim(current);
      this.claims.set(key, claim);
    }
    claim.members = [...(claim.members ?? []), { firstName, personId }];
  }

  /** An e-mail or phone seen with two or more incompatible first names (a family mailbox, a landline). */
  private isSharedValue(key: IdentifierKey): boolean {
    const claim = this.claim(key);
    return claim !== undefined && claim.firstNames.length > 1 && distinctFirstNames(claim.firstNames) > 1;
  }

  /** How the record relates to a person; evidence (strings) only when a reviewer or a merge needs it. */
  private assess(record: NormalizedRecord, person: WorkingPerson, withEvidence: boolean): MatchAssessment {
    return assessMatch(record, person, { singleIdProviders: this.singleIdProviders }, (key) => this.owner(key) === person.id, withEvidence);
  }

  private ownIdentities(person: WorkingPerson): PersonState['identities'] {
    if (!person.ownIdentities) {
      person.identities = person.identities.slice();
      person.ownIdentities = true;
    }
    return person.identities;
  }

  /** The person holding an identifier key now (merges of this batch followed). */
  private owner(key: IdentifierKey): string | undefined {
    const id = this.localOwners.get(key) ?? this.snapshot.byKey.get(key);
    return id === undefined ? undefined : this.find(id);
  }

  private knownRecord(key: RecordKey): KnownRecord | undefined {
    return this.batchRecords.get(key) ?? this.snapshot.records.get(key);
  }

  private claim(key: IdentifierKey): IdentifierClaim | undefined {
    return this.claims.get(key) ?? this.snapshot.claims.get(key);
  }

  // ---------------------------------------------------------------------------------------------
  // One record
  // ---------------------------------------------------------------------------------------------

  private resolveRecord(record: NormalizedRecord): Entry {
    const entry: Entry = { record, action: 'REJECTED', personId: null, matchedBy: null, candidateRef: null, issues: record.issues.slice() };
    if (record.error !== undefined) return entry;
    const known = this.knownRecord(record.recordKey);
    if (known && known.fingerprint === record.fingerprint) {
      entry.action = 'UNCHANGED';
      entry.personId = known.personId === null ? null : this.find(known.personId);
      entry.candidateRef = known.candidateId;
      return entry;
    }

    const usable: Identifier[] = [];
    for (const identifier of record.identifiers) {
      if (this.flags.get(identifierKey(identifier)) === 'BLOCKED') entry.issues.push(`${identifier.kind.toLowerCase()}: '${identifier.raw}' is blocked`);
      else usable.push(identifier);
    }
    this.updateClaims(record, usable);
    const matchable = usable.filter((identifier) => this.flags.get(identifierKey(identifier)) !== 'QUARANTINED');

    const matches: Match[] = [];
    for (const identifier of matchable) {
      const key = identifierKey(identifier);
      let id = this.owner(key);
      if (id === undefined) continue;
      if (identifier.kind === 'ADDRESS_HASH') id = this.householdMember(key, id, record);
      const shared = HUB_KINDS.has(identifier.kind) && this.isSharedValue(key);
      const existing = matches.find((match) => match.person.id === id);
      if (existing) {
        existing.kinds.push(identifier.kind);
        existing.sharedOnly &&= shared;
        continue;
      }
      const person = this.person(id);
      if (person) matches.push({ person, kinds: [identifier.kind], assessment: this.assess(record, person, false), sharedOnly: shared });
    }

    const outcome = this.decide(record, matchable, matches);
    if (outcome.personId !== null) this.rememberHouseholdMember(record, outcome.personId);
    const updating = known !== undefined;
    if (updating && (outcome.action === 'CREATED' || outcome.action === 'LINKED')) outcome.action = 'UPDATED';
    this.batchRecords.set(record.recordKey, { personId: outcome.personId, fingerprint: record.fingerprint, candidateId: outcome.candidateRef });
    entry.action = outcome.action;
    entry.personId = outcome.personId;
    entry.matchedBy = outcome.matchedBy;
    entry.candidateRef = outcome.candidateRef;
    return entry;
  }

  private decide(
    record: NormalizedRecord,
    matchable: Identifier[],
    matches: Match[],
  ): Pick<Entry, 'action' | 'personId' | 'matchedBy' | 'candidateRef'> {
    let strong = matches.filter((match) => match.kinds.some((kind) => STRONG_KINDS.has(kind)));
    if (strong.length === 0) {
      // Only the address hash (dwelling + last name) ties the record to someone.
      const weak = matches.filter((match) => match.assessment.firstName !== 'none');
      if (weak.length === 0) return this.create(record, matchable);
      const sure = weak.filter(
        (match) => this.linkByAddress && this.addressNameAgrees(match, record) && !match.assessment.providerLimitExceeded,
      );
      if (sure.length === 1 && weak.length === 1) return this.link(sure[0].person, record, matchable, 'ADDRESS_HASH');
      return this.ambiguous(record, weak, 'ADDRESS_HASH', 'only the address ties the record to this person');
    }

    // A person found through the address hash with the same first name (or a nickname of it) is
    // the same person as the strong match; with an initial or no first name it is left alone.
    const sameNameAtAddress = this.linkByAddress
      ? matches.filter((match) => !strong.includes(match) && this.addressNameAgrees(match, record))
      : [];
    if (sameNameAtAddress.length > 0) strong = [...strong, ...sameNameAtAddress];

    const owner = strong.find((match) => match.kinds.includes('EXTERNAL_ID') || match.kinds.includes('ANONYMOUS_ID') || match.kinds.includes('DEVICE_ID'));
    const matchedBy = strongest(strong.flatMap((match) => match.kinds));
    const against = (match: Match) =>
      match !== owner && (match.assessment.firstName === 'none' || match.assessment.lastName === 'conflict' || match.assessment.providerLimitExceeded);

    if (strong.length === 1) {
      const [match] = strong;
      if (against(match)) return this.ambiguous(record, strong, matchedBy, 'the record contradicts the person it matched');
      if (match.sharedOnly && record.firstName === null && !match.kinds.includes('ADDRESS_HASH')) {
        return this.ambiguous(record, strong, matchedBy, 'a value shared by a household, and no name to tell who it is');
      }
      return this.link(match.person, record, matchable, matchedBy!);
    }

    const blocker = this.autoMerge ? this.mergeBlocker(record, strong, against) : 'strict mode: several persons matched';
    if (blocker === null) {
      const target = this.mergeAll(strong, record);
      return this.link(target, record, matchable, matchedBy!);
    }
    if (owner) {
      // The record already belongs to `owner`: keep it there and ask a reviewer about the rest.
      const linked = this.link(owner.person, record, matchable, 'EXTERNAL_ID');
      const ref = this.openCandidate(record, strong, blocker);
      return { ...linked, candidateRef: ref };
    }
    return this.ambiguous(record, strong, matchedBy, blocker);
  }

  /**
   * Whether the first names agree enough for a tie through the address hash (same dwelling, same
   * last name): the same name or a nickname; an initial only when a single first name known at
   * that address fits it (with both James and Jennifer living there, `J.` stays ambiguous).
   */
  private addressNameAgrees(match: Match, record: NormalizedRecord): boolean {
    const strength = match.assessment.firstName;
    if (strength === 'exact' || strength === 'nickname') return true;
    if (strength !== 'initial') return false;
    const address = record.identifiers.find((identifier) => identifier.kind === 'ADDRESS_HASH');
    const claim = address ? this.claim(identifierKey(address)) : undefined;
    const initial = [record.firstName, match.person.firstName].find((name) => name !== null && isInitial(name));
    if (!claim || !initial) return true;
    const fitting = claim.firstNames.filter((name) => name.length > 1 && firstNameMatch(initial, name) === 'initial');
    return distinctFirstNames(fitting) <= 1;
  }

  /** Why the persons a record ties together must not be merged automatically, or null. */
  private mergeBlocker(record: NormalizedRecord, matches: Match[], against: (match: Match) => boolean): string | null {
    if (matches.some(against)) return 'the record contradicts one of the persons it matched';
    for (let i = 0; i < matches.length; i += 1) {
      for (let j = i + 1; j < matches.length; j += 1) {
        const a = matches[i].person;
        const b = matches[j].person;
        if (firstNameMatch(a.firstName, b.firstName) === 'none') return 'the persons have different first names';
        if (lastNamesCompatible(a.lastName, b.lastName) === 'conflict') return 'the persons have different last names';
        if (this.isRejectedPair(a, b)) return 'a reviewer said these are different people';
      }
    }
    const singleIdProviders = this.singleIdProviders ?? ['app'];
    for (const provider of singleIdProviders) {
      const ids = new Set<string>();
      if (record.provider === provider) ids.add(record.externalId);
      for (const match of matches) {
        for (const identity of match.person.identities) if (identity.kind === 'EXTERNAL_ID' && identity.scope === provider) ids.add(identity.value);
      }
      if (ids.size > 1) return `the persons hold different ${provider} ids (at most one per person)`;
    }
    return null;
  }

  private isRejectedPair(a: WorkingPerson, b: WorkingPerson): boolean {
    if (this.snapshot.rejectedPairs.size === 0) return false;
    for (const x of [a.id, ...a.aliases]) for (const y of [b.id, ...b.aliases]) if (this.snapshot.rejectedPairs.has(personPairKey(x, y))) return true;
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Hubs
  // ---------------------------------------------------------------------------------------------

  private updateClaims(record: NormalizedRecord, identifiers: Identifier[]): void {
    const first = nameKey(record.firstName);
    const last = nameKey(record.lastName);
    if (first === null && last === null) return;
    for (const identifier of identifiers) {
      if (!CLAIMED_KINDS.has(identifier.kind)) continue;
      const key = identifierKey(identifier);
      const current = this.claim(key);
      const addFirst = first !== null && !(current?.firstNames.includes(first) ?? false) && (current?.firstNames.length ?? 0) < CLAIM_NAME_LIMIT;
      const addLast = last !== null && !(current?.lastNames.includes(last) ?? false) && (current?.lastNames.length ?? 0) < CLAIM_NAME_LIMIT;
      if (!addFirst && !addLast) continue;
      // Claims of this batch are changed in place; the snapshot's are copied first.
      let claim = this.claims.get(key);
      if (!claim) {
        claim = copyClaim(current);
        this.claims.set(key, claim);
      }
      if (addFirst) claim.firstNames.push(first!);
      if (addLast) claim.lastNames.push(last!);
      if (!HUB_KINDS.has(identifier.kind) || this.flags.has(key)) continue;
      const firstNames = addFirst ? distinctFirstNames(claim.firstNames) : 0;
      if (firstNames >= this.hubThreshold || claim.lastNames.length >= this.hubThreshold) {
        this.flags.set(key, 'QUARANTINED');
        this.flagsOut.push({
          key,
          kind: identifier.kind,
          value: identifier.value,
          flag: 'QUARANTINED',
          reason:
            firstNames >= this.hubThreshold
              ? `shared by ${firstNames} people with different first names (${claim.firstNames.join(', ')})`
              : `shared by people with ${claim.lastNames.length} different last names (${claim.lastNames.join(', ')})`,
        });
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Actions
  // ---------------------------------------------------------------------------------------------

  private create(record: NormalizedRecord, identifiers: Identifier[]): Pick<Entry, 'action' | 'personId' | 'matchedBy' | 'candidateRef'> {
    const person: WorkingPerson = {
      id: this.newId(),
      firstName: record.firstName,
      lastName: record.lastName,
      email: null,
      phone: null,
      firstSeenAt: record.observedAt,
      identities: [],
      ownIdentities: true,
      born: true,
      aliases: [],
    };
    this.persons.set(person.id, person);
    this.bornIds.push(person.id);
    this.attach(person, record, identifiers, 'NEW_PERSON');
    return { action: 'CREATED', personId: person.id, matchedBy: null, candidateRef: null };
  }

  private link(person: WorkingPerson, record: NormalizedRecord, identifiers: Identifier[], matchedBy: IdentityKind): Pick<Entry, 'action' | 'personId' | 'matchedBy' | 'candidateRef'> {
    const rule: IdentityRule = matchedBy === 'ANONYMOUS_ID' || matchedBy === 'DEVICE_ID' ? 'EXTERNAL_ID' : matchedBy;
    this.attach(person, record, identifiers, rule);
    if (person.firstName === null && record.firstName !== null) this.setField(person, 'firstName', record.firstName);
    else if (person.firstName !== null && record.firstName !== null && isInitial(person.firstName) && !isInitial(record.firstName) && firstNameMatch(person.firstName, record.firstName) === 'initial') {
      this.setField(person, 'firstName', record.firstName);
    }
    if (person.lastName === null && record.lastName !== null) this.setField(person, 'lastName', record.lastName);
    if (record.observedAt < person.firstSeenAt) this.setField(person, 'firstSeenAt', record.observedAt);
    return { action: 'LINKED', personId: person.id, matchedBy, candidateRef: null };
  }

  /** Gives the person the record's identifiers nobody holds yet; refreshes those it holds. */
  private attach(person: WorkingPerson, record: NormalizedRecord, identifiers: Identifier[], rule: IdentityRule): void {
    for (const identifier of identifiers) {
      const key = identifierKey(identifier);
      const owner = this.owner(key);
      if (owner !== undefined) {
        if (owner === person.id) {
          const previous = this.touched.get(key);
          if (!previous || previous.lastSeenAt < record.observedAt) this.touched.set(key, { key, personId: person.id, lastSeenAt: record.observedAt });
        }
        continue;
      }
      if (this.flags.has(key)) continue;
      this.localOwners.set(key, person.id);
      this.ownIdentities(person).push({ key, kind: identifier.kind, scope: identifier.scope, value: identifier.value, provider: identifier.provider });
      let isPrimary = false;
      if (identifier.kind === 'EMAIL' && person.email === null) {
        this.setField(person, 'email', identifier.value);
        isPrimary = true;
      } else if (identifier.kind === 'PHONE' && person.phone === null) {
        this.setField(person, 'phone', identifier.value);
        isPrimary = true;
      }
      this.newIdentities.push({ personId: person.id, key, identifier, isPrimary, rule, recordKey: record.recordKey, observedAt: record.observedAt });
    }
  }

  private setField<K extends 'firstName' | 'lastName' | 'email' | 'phone' | 'firstSeenAt'>(person: WorkingPerson, field: K, value: WorkingPerson[K]): void {
    person[field] = value;
    if (!person.born) this.dirtyExisting.add(person.id);
  }

  /** Folds every matched person into the oldest existing one (or the first born in the batch). */
  private mergeAll(matches: Match[], record: NormalizedRecord): WorkingPerson {
    const persons = matches.map((match) => match.person);
    const target = persons.reduce((best, person) => {
      if (best.born !== person.born) return best.born ? person : best;
      if (person.firstSeenAt.getTime() !== best.firstSeenAt.getTime()) return person.firstSeenAt < best.firstSeenAt ? person : best;
      return person.id < best.id ? person : best;
    });
    for (const match of matches) {
      if (match.person === target) continue;
      const evidence = [...this.assess(record, target, true).evidence, ...this.assess(record, match.person, true).evidence];
      this.mergeInto(match.person, target, record, evidence);
    }
    return target;
  }

  private mergeInto(source: WorkingPerson, target: WorkingPerson, record: NormalizedRecord, evidence: MergeEvidence[]): void {
    for (const identity of source.identities) {
      // Keys are unique across persons: the source's identities are new to the target.
      this.localOwners.set(identity.key, target.id);
      this.ownIdentities(target).push(identity);
    }
    for (const field of ['firstName', 'lastName', 'email', 'phone'] as const) {
      if (target[field] === null && source[field] !== null) this.setField(target, field, source[field]);
    }
    if (target.firstName !== null && source.firstName !== null && isInitial(target.firstName) && !isInitial(source.firstName)) this.setField(target, 'firstName', source.firstName);
    if (source.firstSeenAt < target.firstSeenAt) this.setField(target, 'firstSeenAt', source.firstSeenAt);
    target.aliases.push(source.id, ...source.aliases);
    this.persons.delete(source.id);
    this.redirect.set(source.id, target.id);
    this.mergeCount += 1;
    if (!source.born) {
      const kinds = [...new Set(evidence.filter((item) => item.supports && ['externalId', 'email', 'phone'].includes(item.field)).map((item) => item.field))];
      this.merges.push({ sourceId: source.id, targetId: target.id, reason: `record ${record.recordKey} shares ${kinds.join(' and ') || 'identifiers'} with both persons`, evidence, recordKey: record.recordKey });
    }
  }

  private ambiguous(record: NormalizedRecord, matches: Match[], matchedBy: IdentityKind | null, reason: string): Pick<Entry, 'action' | 'personId' | 'matchedBy' | 'candidateRef'> {
    const ref = this.openCandidate(record, matches, reason);
    return { action: 'AMBIGUOUS', personId: null, matchedBy, candidateRef: ref };
  }

  private openCandidate(record: NormalizedRecord, matches: Match[], reason: string): string {
    const ref = `${DRAFT_PREFIX}${this.drafts.size}`;
    const evidence: MergeEvidence[] = [{ field: 'decision', values: [record.recordKey], supports: false, detail: reason }];
    for (const match of matches) {
      for (const item of this.assess(record, match.person, true).evidence) evidence.push({ ...item, detail: `${item.detail ?? item.field} (person ${match.person.id})` });
    }
    this.drafts.set(ref, {
      personIds: matches.map((match) => match.person.id),
      recordKeys: [record.recordKey],
      evidence,
      score: Math.max(...matches.map((match) => match.assessment.score)),
    });
    return ref;
  }

  // ---------------------------------------------------------------------------------------------
  // The plan
  // ---------------------------------------------------------------------------------------------

  private buildPlan(fetched: number): ResolutionPlan {
    // Candidates: drafts about the same final set of persons become one.
    const candidates = new Map<string, PlannedCandidate>();
    const draftRefs = new Map<string, string>();
    for (const [draftRef, draft] of this.drafts) {
      const personIds = [...new Set(draft.personIds.map((id) => this.find(id)))].sort();
      const ref = personIds.join('+');
      draftRefs.set(draftRef, ref);
      const existing = candidates.get(ref);
      if (existing) {
        for (const key of draft.recordKeys) if (!existing.recordKeys.includes(key)) existing.recordKeys.push(key);
        existing.evidence.push(...draft.evidence);
        existing.score = Math.max(existing.score, draft.score);
      } else {
        candidates.set(ref, { ref, personIds, recordKeys: draft.recordKeys.slice(), evidence: draft.evidence.slice(), score: draft.score });
      }
    }
    const finalRef = (ref: string | null) => (ref !== null && ref.startsWith(DRAFT_PREFIX) ? (draftRefs.get(ref) ?? null) : ref);
    const finalPerson = (id: string | null) => (id === null ? null : this.find(id));

    const newPersons = this.bornIds
      .filter((id) => !this.redirect.has(id))
      .map((id) => {
        const person = this.persons.get(id)!;
        return { id, firstName: person.firstName, lastName: person.lastName, email: person.email, phone: person.phone, firstSeenAt: person.firstSeenAt };
      });

    // The planned identities and touches are this resolver's own objects: final ids are set in place.
    const newIdentities = this.newIdentities;
    for (const identity of newIdentities) {
      if (!this.redirect.has(identity.personId)) continue;
      identity.personId = this.find(identity.personId);
      if (!identity.isPrimary) continue;
      // A person folded into another keeps its e-mail/phone as primary only if the target took it.
      const person = this.persons.get(identity.personId);
      const primaryValue = identity.identifier.kind === 'EMAIL' ? person?.email : identity.identifier.kind === 'PHONE' ? person?.phone : undefined;
      identity.isPrimary = primaryValue === identity.identifier.value;
    }
    const touchedIdentities = [...this.touched.values()];
    for (const touch of touchedIdentities) touch.personId = this.find(touch.personId);

    const personUpdates: PersonUpdate[] = [];
    for (const id of this.dirtyExisting) {
      if (this.redirect.has(id)) continue;
      const person = this.persons.get(id)!;
      const original = this.snapshot.persons.get(id)!;
      const update: PersonUpdate = { personId: id };
      let changed = false;
      for (const field of ['firstName', 'lastName', 'email', 'phone'] as const) {
        const value = person[field];
        if (value !== null && value !== original[field]) {
          update[field] = value;
          changed = true;
        }
      }
      if (person.firstSeenAt.getTime() !== original.firstSeenAt.getTime()) {
        update.firstSeenAt = person.firstSeenAt;
        changed = true;
      }
      if (changed) personUpdates.push(update);
    }

    const records = new Map<RecordKey, PlannedRecord>();
    const outcomes: RecordOutcome[] = [];
    const metrics: ResolutionMetrics = { fetched, created: 0, updated: 0, linked: 0, unchanged: 0, ambiguous: 0, errors: 0, merges: this.mergeCount, quarantined: this.flagsOut.length };
    for (const entry of this.entries) {
      const { record } = entry;
      const personId = finalPerson(entry.personId);
      const candidateRef = finalRef(entry.candidateRef);
      outcomes.push({
        index: record.index,
        provider: record.provider,
        externalId: record.externalId,
        action: entry.action,
        personId,
        matchedBy: entry.matchedBy,
        candidateRef,
        error: record.error ?? null,
        issues: entry.issues,
      });
      switch (entry.action) {
        case 'CREATED': metrics.created += 1; break;
        case 'UPDATED': metrics.updated += 1; break;
        case 'LINKED': metrics.linked += 1; break;
        case 'UNCHANGED': metrics.unchanged += 1; break;
        case 'AMBIGUOUS': metrics.ambiguous += 1; break;
        case 'REJECTED': metrics.errors += 1; break;
      }
      if (entry.action === 'REJECTED' || entry.action === 'UNCHANGED') continue;
      records.delete(record.recordKey);
      records.set(record.recordKey, {
        recordKey: record.recordKey,
        provider: record.provider,
        externalId: record.externalId,
        personId,
        fingerprint: record.fingerprint,
        matchedBy: entry.matchedBy,
        action: entry.action,
        candidateRef,
        observedAt: record.observedAt,
        payload: record.payload,
      });
    }

    return {
      newPersons,
      merges: this.merges,
      newIdentities,
      touchedIdentities,
      personUpdates,
      records: [...records.values()],
      candidates: [...candidates.values()],
      flags: this.flagsOut,
      claims: [...this.claims].map(([key, claim]) => ({ key, claim })),
      outcomes,
      metrics,
    };
  }
}
