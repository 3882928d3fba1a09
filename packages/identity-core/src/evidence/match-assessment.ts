import { firstNameMatch, lastNamesCompatible, type NameComparison, type NameMatchStrength } from '../normalize/name.js';
import type { NormalizedRecord } from '../normalize/normalize-record.js';
import { identifierKey, type IdentityKind, type MergeEvidence, type PersonState } from '../types.js';

export interface EvidenceOptions {
  /** Providers that issue at most one external id per person (a second one means a second person). */
  singleIdProviders?: readonly string[];
}

export const DEFAULT_SINGLE_ID_PROVIDERS: readonly string[] = ['app'];

/** How a record relates to one person, field by field. */
export interface MatchAssessment {
  /** Kinds of the record's identifiers the person already holds. */
  sharedKinds: IdentityKind[];
  firstName: NameMatchStrength;
  lastName: NameComparison;
  /** The record's provider allows one id per person and the person holds another one. */
  providerLimitExceeded: boolean;
  /** The record's phone is new and the person has another one. */
  phoneDiffers: boolean;
  /** Empty when assessMatch was asked for no evidence (the engine's fast path). */
  evidence: MergeEvidence[];
  score: number;
}

// How much each shared value or agreeing field speaks for one person (independent odds combined),
// and how much each disagreement speaks against.
const SUPPORT_WEIGHT: Record<string, number> = {
  EXTERNAL_ID: 0.99,
  EMAIL: 0.9,
  PHONE: 0.8,
  ADDRESS_HASH: 0.6,
  ANONYMOUS_ID: 0.7,
  DEVICE_ID: 0.5,
  exact: 0.3,
  nickname: 0.25,
  initial: 0.1,
  lastName: 0.1,
};
const AGAINST_WEIGHT = { firstName: 0.7, lastName: 0.5, providerLimit: 0.9, phone: 0.2 };

const KIND_FIELD: Record<IdentityKind, string> = {
  EXTERNAL_ID: 'externalId',
  EMAIL: 'email',
  PHONE: 'phone',
  ADDRESS_HASH: 'address',
  ANONYMOUS_ID: 'anonymousId',
  DEVICE_ID: 'deviceId',
};

export function assessMatch(
  record: NormalizedRecord,
  person: PersonState,
  options: EvidenceOptions = {},
  holds?: (key: string) => boolean,
  withEvidence = true,
): MatchAssessment {
  const singleIdProviders = options.singleIdProviders ?? DEFAULT_SINGLE_ID_PROVIDERS;
  let personHolds = holds;
  if (!personHolds) {
    const keys = new Set(person.identities.map((identity) => identity.key));
    personHolds = (key) => keys.has(key);
  }
  const evidence: MergeEvidence[] = [];
  const sharedKinds: IdentityKind[] = [];
  const shared: string[] = [];
  let support = 1;
  let against = 1;
  for (const identifier of record.identifiers) {
    if (!personHolds(identifierKey(identifier))) continue;
    sharedKinds.push(identifier.kind);
    support *= 1 - (SUPPORT_WEIGHT[identifier.kind] ?? 0.5);
    if (withEvidence) {
      const field = KIND_FIELD[identifier.kind];
      shared.push(field);
      evidence.push({ field, values: [identifier.kind === 'ADDRESS_HASH' ? identifier.raw : identifier.value], supports: true, detail: `shared ${field}` });
    }
  }
  const on = shared.length > 0 ? ` on a shared ${shared.join('/')}` : '';

  const firstName = firstNameMatch(record.firstName, person.firstName);
  if (firstName === 'none') {
    against *= 1 - AGAINST_WEIGHT.firstName;
    if (withEvidence) evidence.push({ field: 'firstName', values: [record.firstName!, person.firstName!], supports: false, detail: `different first name${on}` });
  } else if (firstName !== 'unknown') {
    support *= 1 - SUPPORT_WEIGHT[firstName];
    if (withEvidence) {
      const detail = firstName === 'exact' ? 'same first name' : `compatible first name (${firstName})`;
      evidence.push({ field: 'firstName', values: [record.firstName!, person.firstName!], supports: true, detail });
    }
  }

  const lastName = lastNamesCompatible(record.lastName, person.lastName);
  if (lastName === 'conflict') {
    against *= 1 - AGAINST_WEIGHT.lastName;
    if (withEvidence) evidence.push({ field: 'lastName', values: [record.lastName!, person.lastName!], supports: false, detail: `different last name${on}` });
  } else if (lastName === 'compatible') {
    support *= 1 - SUPPORT_WEIGHT.lastName;
    if (withEvidence) evidence.push({ field: 'lastName', values: [record.lastName!], supports: true, detail: 'same last name' });
  }

  let providerLimitExceeded = false;
  if (singleIdProviders.includes(record.provider)) {
    const other = person.identities.find((identity) => identity.kind === 'EXTERNAL_ID' && identity.scope === record.provider && identity.value !== record.externalId);
    if (other) {
      providerLimitExceeded = true;
      against *= 1 - AGAINST_WEIGHT.providerLimit;
      if (withEvidence) evidence.push({ field: 'externalId', values: [record.externalId, other.value], supports: false, detail: `a second ${record.provider} id (at most one per person)` });
    }
  }

  let phoneDiffers = false;
  const phone = record.identifiers.find((identifier) => identifier.kind === 'PHONE');
  if (phone && person.phone && phone.value !== person.phone && !personHolds(identifierKey(phone))) {
    phoneDiffers = true;
    against *= 1 - AGAINST_WEIGHT.phone;
    if (withEvidence) evidence.push({ field: 'phone', values: [phone.value, person.phone], supports: false, detail: 'different phone' });
  }
  const score = Math.round((1 - support) * against * 1000) / 1000;
  return { sharedKinds, firstName, lastName, providerLimitExceeded, phoneDiffers, evidence, score };
}

/**
 * What speaks for and against `record` belonging to `person`: shared e-mail, phone, address hash or
 * external id and compatible names for; a different first name, a different phone or a second id of
 * a one-id-per-person provider against. `score` is in 0..1.
 */
export function evidenceFor(record: NormalizedRecord, person: PersonState, options: EvidenceOptions = {}): { evidence: MergeEvidence[]; score: number } {
  const { evidence, score } = assessMatch(record, person, options);
  return { evidence, score };
}
