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
