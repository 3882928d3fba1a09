import type { NormalizedRecord } from '../normalize/normalize-record.js';
import {
  identifierKey,
  personPairKey,
  type IdentifierClaim,
  type IdentifierFlag,
  type IdentifierKey,
  type KnownRecord,
  type MergeEvidence,
  type PersonState,
  type PlannedRecord,
  type RecordKey,
  type ResolutionPlan,
  type Snapshot,
} from '../types.js';
import type { IdentityStore } from './identity-store.js';

export interface StoredCandidate {
  id: string;
  status: 'OPEN' | 'RESOLVED';
  personIds: string[];
  recordKeys: RecordKey[];
  evidence: MergeEvidence[];
  score: number;
}

export interface StoredRecord extends Omit<PlannedRecord, 'candidateRef'> {
  candidateId: string | null;
}

/** The whole identity graph in maps: for tests, evaluation and small tools. */
export class InMemoryIdentityStore implements IdentityStore {
  readonly persons = new Map<string, PersonState>();
  /** Persons merged away -> the person they were merged into. */
  readonly mergedInto = new Map<string, string>();
  readonly byKey = new Map<IdentifierKey, string>();
  readonly flags = new Map<IdentifierKey, IdentifierFlag>();
  readonly records = new Map<RecordKey, StoredRecord>();
  readonly candidates = new Map<string, StoredCandidate>();
  readonly rejectedPairs = new Set<string>();
  readonly claims = new Map<IdentifierKey, IdentifierClaim>();
  /** Record keys by person, for merges (arrays: records rarely change person). */
  private readonly recordsByPerson = new Map<string, RecordKey[]>();
  private readonly openCandidateByPersons = new Map<string, string>();
  private candidateSequence = 0;

  async loadSnapshot(batch: NormalizedRecord[]): Promise<Snapshot> {
    return this.loadSnapshotSync(batch);
  }

  async applyPlan(plan: ResolutionPlan): Promise<void> {
    this.applyPlanSync(plan);
  }

  loadSnapshotSync(batch: NormalizedRecord[]): Snapshot {
    const snapshot: Snapshot = { persons: new Map(), byKey: new Map(), flags: new Map(), records: new Map(), rejectedPairs: new Set(), claims: new Map() };
    for (const record of batch) {
      if (record.error !== undefined) continue;
      const known = this.records.get(record.recordKey);
      if (known) snapshot.records.set(record.recordKey, { personId: known.personId, fingerprint: known.fingerprint, candidateId: known.candidateId } satisfies KnownRecord);
      for (const identifier of record.identifiers) {
        const key = identifierKey(identifier);
        const flag = this.flags.get(key);
        if (flag) snapshot.flags.set(key, flag);
        const claim = this.claims.get(key);
        if (claim) {
          if (claim.members) {
            // Members merged away since are replaced by the person they live on in.
            const members = claim.members.map((member) => ({ firstName: member.firstName, personId: this.resolvePerson(member.personId) }));
            for (const member of members) {
              const person = this.persons.get(member.personId);
              if (person && !snapshot.persons.has(person.id)) snapshot.persons.set(person.id, person);
            }
            snapshot.claims.set(key, { firstNames: claim.firstNames, lastNames: claim.lastNames, members });
          } else snapshot.claims.set(key, claim);
        }
        const personId = this.byKey.get(key);
        if (personId === undefined) continue;
        snapshot.byKey.set(key, personId);
        // Shared, not copied: the engine never modifies the snapshot (it copies a person on write).
        if (!snapshot.persons.has(personId)) snapshot.persons.set(personId, this.persons.get(personId)!);
      }
    }
    if (this.rejectedPairs.size > 0) {
      for (const pair of this.rejectedPairs) {
        const [a, b] = pair.split('|');
        if (snapshot.persons.has(a) || snapshot.persons.has(b)) snapshot.rejectedPairs.add(pair);
      }
    }
    return snapshot;
  }

  applyPlanSync(plan: ResolutionPlan): void {
    for (const person of plan.newPersons) this.persons.set(person.id, { ...person, identities: [] });
    for (const merge of plan.merges) this.merge(merge.sourceId, merge.targetId);
    for (const identity of plan.newIdentities) {
      const person = this.persons.get(identity.personId);
      if (!person) throw new Error(`plan attaches an identity to unknown person ${identity.personId}`);
      if (this.byKey.has(identity.key)) throw new Error(`identity ${identity.key} already belongs to ${this.byKey.get(identity.key)}`);
      this.byKey.set(identity.key, identity.personId);
      const { kind, scope, value, provider } = identity.identifier;
      person.identities.push({ key: identity.key, kind, scope, value, provider });
    }
    for (const update of plan.personUpdates) {
      const person = this.persons.get(update.personId);
      if (!person) throw new Error(`plan updates unknown person ${update.personId}`);
      const { personId: _personId, ...fields } = update;
      Object.assign(person, fields);
    }
    const candidateIds = new Map<string, string>();
    for (const candidate of plan.candidates) {
      const personsKey = candidate.personIds.join('+');
      const openId = this.openCandidateByPersons.get(personsKey);
      const open = openId === undefined ? undefined : this.candidates.get(openId);
      if (open && open.status === 'OPEN') {
        for (const key of candidate.recordKeys) if (!open.recordKeys.includes(key)) open.recordKeys.push(key);
        open.evidence.push(...candidate.evidence);
        open.score = Math.max(open.score, candidate.score);
        candidateIds.set(candidate.ref, open.id);
      } else {
        this.candidateSequence += 1;
        const id = `candidate-${this.candidateSequence}`;
        this.candidates.set(id, { id, status: 'OPEN', personIds: candidate.personIds.slice(), recordKeys: candidate.recordKeys.slice(), evidence: candidate.evidence.slice(), score: candidate.score });
        this.openCandidateByPersons.set(personsKey, id);
        candidateIds.set(candidate.ref, id);
      }
    }
    for (const record of plan.records) {
      const previous = this.records.get(record.recordKey);
      if (previous?.personId && previous.personId !== record.personId) {
        const keys = this.recordsByPerson.get(previous.personId);
        const at = keys ? keys.indexOf(record.recordKey) : -1;
        if (at >= 0) keys!.splice(at, 1);
      }
      const candidateId = record.candidateRef === null ? null : (candidateIds.get(record.candidateRef) ?? record.candidateRef);
      this.records.set(record.recordKey, {
        recordKey: record.recordKey,
        provider: record.provider,
        externalId: record.externalId,
        personId: record.personId,
        fingerprint: record.fingerprint,
        matchedBy: record.matchedBy,
        action: record.action,
        observedAt: record.observedAt,
        payload: record.payload,
        candidateId,
      });
      if (record.personId && record.personId !== previous?.personId) this.addRecordOfPerson(record.personId, record.recordKey);
    }
    for (const flag of plan.flags) this.flags.set(flag.key, flag.flag);
    for (const { key, claim } of plan.claims) this.claims.set(key, claim);
  }

  private addRecordOfPerson(personId: string, key: RecordKey): void {
    const keys = this.recordsByPerson.get(personId);
    if (keys) keys.push(key);
    else this.recordsByPerson.set(personId, [key]);
  }

  private merge(sourceId: string, targetId: string): void {
    const source = this.persons.get(sourceId);
    const target = this.persons.get(targetId);
    if (!source || !target) throw new Error(`cannot merge ${sourceId} into ${targetId}: unknown person`);
    for (const identity of source.identities) {
      this.byKey.set(identity.key, targetId);
      target.identities.push(identity);
    }
    for (const field of ['firstName', 'lastName', 'email', 'phone'] as const) if (target[field] === null) target[field] = source[field];
    if (source.firstSeenAt < target.firstSeenAt) target.firstSeenAt = source.firstSeenAt;
    for (const key of this.recordsByPerson.get(sourceId) ?? []) {
      const record = this.records.get(key)!;
      record.personId = targetId;
      this.addRecordOfPerson(targetId, key);
    }
    this.recordsByPerson.delete(sourceId);
    for (const candidate of this.candidates.values()) {
      if (!candidate.personIds.includes(sourceId)) continue;
      this.openCandidateByPersons.delete(candidate.personIds.join('+'));
      candidate.personIds = [...new Set(candidate.personIds.map((id) => (id === sourceId ? targetId : id)))].sort();
      if (candidate.status === 'OPEN') this.openCandidateByPersons.set(candidate.personIds.join('+'), candidate.id);
    }
    for (const pair of [...this.rejectedPairs]) {
      const [a, b] = pair.split('|');
      if (a === sourceId || b === sourceId) this.rejectedPairs.add(personPairKey(a === sourceId ? targetId : a, b === sourceId ? targetId : b));
    }
    this.persons.delete(sourceId);
    this.mergedInto.set(sourceId, targetId);
  }

  /** A reviewer's verdict that two persons are different people. */
  rejectPair(a: string, b: string): void {
    this.rejectedPairs.add(personPairKey(a, b));
  }

  /** Marks a value as never to be used for matching (e.g. a shop's own phone number). */
  block(key: IdentifierKey): void {
    this.flags.set(key, 'BLOCKED');
  }

  /** The live person a person id ended up in. */
  resolvePerson(id: string): string {
    let current = id;
    for (let next = this.mergedInto.get(current); next !== undefined; next = this.mergedInto.get(current)) current = next;
    return current;
  }

  /** Record key -> live person id (null when the record waits for review). */
  assignments(): Map<RecordKey, string | null> {
    const result = new Map<RecordKey, string | null>();
    for (const [key, record] of this.records) result.set(key, record.personId === null ? null : this.resolvePerson(record.personId));
    return result;
  }
}
