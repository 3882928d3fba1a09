import { sha256Hex } from '../hash.js';
import { identifierKey, type Identifier, type RecordKey, type SourceRecordInput } from '../types.js';
import { addressHash, normalizeAddress, formatAddress, type NormalizedAddress } from './address.js';
import { type BlockList, DEFAULT_BLOCK_LIST, isBlockedEmail, isBlockedPhone } from './block-list.js';
import { normalizeEmail } from './email.js';
import { normalizeName } from './name.js';
import { memoize } from './memo.js';
import { quote } from './normalize-result.js';
import { normalizePhone } from './phone.js';
import { parseTimestamp } from './timestamp.js';

export interface NormalizeOptions {
  /** Region for phone numbers without a country code (default 'US'). */
  defaultRegion?: string;
  /** Country for addresses without one (default 'US'). */
  defaultCountry?: string;
  /** Placeholder values never used as identifiers (default DEFAULT_BLOCK_LIST). */
  blockList?: BlockList;
  /** observedAt of records that carry none (default: the current time). */
  now?: Date;
}

export interface NormalizedRecord {
  /** Position in the input, so that outcomes can be reported in input order. */
  index: number;
  recordKey: RecordKey;
  provider: string;
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  address: NormalizedAddress | null;
  /** EXTERNAL_ID first, then EMAIL, PHONE, ADDRESS_HASH when usable. */
  identifiers: Identifier[];
  /** Values dropped from the record (the record itself is kept). */
  issues: string[];
  /** Set when the whole record is rejected; identifiers are then empty. */
  error?: string;
  /** SHA-256 of the normalized content: equal fingerprints mean nothing changed on re-import. */
  fingerprint: string;
  observedAt: Date;
  /** The input as received, for the source-record row. */
  payload: SourceRecordInput;
}

export const MAX_FIELD_LENGTH = 512;

// Key fields allow no control character at all; free-text fields tolerate tabs and line breaks
// (spreadsheet exports are full of them) and treat them as spaces.
// eslint-disable-next-line no-control-regex
const KEY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

class RecordRejection extends Error {}

function keyField(value: unknown, field: string): string {
  if (value === null || value === undefined) throw new RecordRejection(`${field} is missing`);
  if (typeof value !== 'string') throw new RecordRejection(`${field} must be a string, got ${describeType(value)}`);
  const trimmed = value.trim();
  if (trimmed === '') throw new RecordRejection(`${field} is blank`);
  if (trimmed.length > MAX_FIELD_LENGTH) throw new RecordRejection(`${field} is longer than ${MAX_FIELD_LENGTH} characters`);
  if (KEY_CONTROL.test(trimmed)) throw new RecordRejection(`${field} contains control characters`);
  return trimmed;
}

// Fields that need no cleaning at all (the common case) skip the regular expressions below.
const CLEAN_TEXT = /^[\x21-\x7e](?:[\x21-\x7e]| (?! ))*$/;

function textField(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new RecordRejection(`${field} must be a string or null, got ${describeType(value)}`);
  if (value.length > MAX_FIELD_LENGTH) throw new RecordRejection(`${field} is longer than ${MAX_FIELD_LENGTH} characters`);
  if (CLEAN_TEXT.test(value) && value.charCodeAt(value.length - 1) !== 32) return value;
  if (TEXT_CONTROL.test(value)) throw new RecordRejection(`${field} contains control characters`);
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value;
}

// Exports carry few distinct timestamps; parsing them is remembered.
const parseTime = memoize((text: string) => parseTimestamp(text)?.getTime() ?? Number.NaN, 50_000);

/** How far ahead of the ingesting clock an observation may be (clocks drift) before it is corrected. */
export const MAX_OBSERVED_AHEAD_MS = 5 * 60 * 1000;

/**
 * When the record was observed. A time in the future is corrected to now and reported: with newest
 * observation wins, a record dated 2099 would pin the person's names and last seen for good.
 */
function observedAtOf(value: unknown, now: Date | undefined, issues: string[]): Date {
  const current = now ?? new Date();
  if (value === null || value === undefined) return current;
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(parseTime(value)) : null;
  if (date === null) throw new RecordRejection(`observedAt must be an ISO date string, got ${describeType(value)}`);
  if (Number.isNaN(date.getTime())) throw new RecordRejection(`observedAt ${quote(String(value))} is not a date`);
  if (date.getTime() - current.getTime() > MAX_OBSERVED_AHEAD_MS) {
    issues.push(`observedAt: ${quote(String(value))} is in the future; the time of ingestion was used`);
    return current;
  }
  return date;
}

/** JSON with object keys sorted, so that equal content gives an equal fingerprint. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.keys(value as object)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/**
 * Validates and normalizes one source record. A record missing its provider or external id, with
 * fields of the wrong type, absurdly long or holding control characters is rejected (`error`);
 * an unusable e-mail, phone or address only drops that identifier (`issues`).
 */
export function normalizeRecord(input: SourceRecordInput, options: NormalizeOptions = {}, index = 0): NormalizedRecord {
  const blockList = options.blockList ?? DEFAULT_BLOCK_LIST;
  const rawProvider = typeof input?.provider === 'string' ? input.provider.trim() : '';
  const rawExternalId = typeof input?.externalId === 'string' ? input.externalId.trim() : '';
  try {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new RecordRejection('record must be an object');
    const provider = keyField(input.provider, 'provider').toLowerCase();
    const externalId = keyField(input.externalId, 'externalId');
    const email = textField(input.email, 'email');
    const phone = textField(input.phone, 'phone');
    const rawFirstName = textField(input.firstName, 'firstName');
    const rawLastName = textField(input.lastName, 'lastName');
    const address = input.address;
    if (address !== null && address !== undefined && (typeof address !== 'object' || Array.isArray(address))) {
      throw new RecordRejection(`address must be an object or null, got ${describeType(address)}`);
    }
    const addressFields = address
      ? {
          line1: textField(address.line1, 'address.line1'),
          line2: textField(address.line2, 'address.line2'),
          city: textField(address.city, 'address.city'),
          state: textField(address.state, 'address.state'),
          postalCode: textField(address.postalCode, 'address.postalCode'),
          country: textField(address.country, 'address.country'),
        }
      : null;
    const traits = input.traits;
    if (traits !== null && traits !== undefined && (typeof traits !== 'object' || Array.isArray(traits))) {
      throw new RecordRejection(`traits must be an object or null, got ${describeType(traits)}`);
    }
    const issues: string[] = [];
    const observedAt = observedAtOf(input.observedAt, options.now, issues);
    const identifiers: Identifier[] = [{ kind: 'EXTERNAL_ID', scope: provider, value: externalId, raw: externalId, provider }];

    let firstName: string | null = null;
    if (rawFirstName !== null) {
      const result = normalizeName(rawFirstName, blockList);
      if (result.ok) firstName = result.value;
      else issues.push(`firstName: ${result.reason}`);
    }
    let lastName: string | null = null;
    if (rawLastName !== null) {
      const result = normalizeName(rawLastName, blockList);
      if (result.ok) lastName = result.value;
      else issues.push(`lastName: ${result.reason}`);
    }
    if (email !== null) {
      const result = normalizeEmail(email);
      if (!result.ok) issues.push(`email: ${quote(email)} ${stripQuoted(result.reason, email)}`);
      else if (isBlockedEmail(result.value, blockList)) issues.push(`email: ${quote(email)} is a placeholder value (blocked)`);
      else identifiers.push({ kind: 'EMAIL', scope: '', value: result.value, raw: email, provider });
    }
    if (phone !== null) {
      const result = normalizePhone(phone, { defaultRegion: options.defaultRegion });
      if (!result.ok) issues.push(`phone: ${quote(phone)} ${stripQuoted(result.reason, phone)}`);
      else if (isBlockedPhone(result.value, blockList)) issues.push(`phone: ${quote(phone)} is a placeholder value (blocked)`);
      else identifiers.push({ kind: 'PHONE', scope: '', value: result.value, raw: phone, provider });
    }
    let normalizedAddress: NormalizedAddress | null = null;
    if (addressFields && Object.values(addressFields).some((value) => value !== null)) {
      const result = normalizeAddress(addressFields, { defaultCountry: options.defaultCountry });
      if (!result.ok) issues.push(`address: ${result.reason}`);
      else {
        normalizedAddress = result.value;
        const hash = addressHash(result.value, lastName);
        if (hash === null) issues.push('address: no last name to identify the household with');
        else identifiers.push({ kind: 'ADDRESS_HASH', scope: '', value: hash, raw: formatAddress(result.value), provider });
      }
    }
    // Unit separators cannot occur in the fields (control characters are rejected above).
    let content = `${provider}\u001f${externalId}\u001f${firstName ?? ''}\u001f${lastName ?? ''}`;
    for (const identifier of identifiers) content += `\u001f${identifier.kind}:${identifier.value}`;
    if (normalizedAddress) {
      const { line1, unit, city, state, postalCode, country } = normalizedAddress;
      content += `\u001e${line1}\u001f${unit ?? ''}\u001f${city ?? ''}\u001f${state ?? ''}\u001f${postalCode ?? ''}\u001f${country}`;
    }
    if (traits) content += `\u001e${stableJson(traits)}`;
    const fingerprint = sha256Hex(content);
    for (const identifier of identifiers) identifier.key = identifierKey(identifier);
    return {
      index,
      recordKey: `${provider}|${externalId}`,
      provider,
      externalId,
      firstName,
      lastName,
      address: normalizedAddress,
      identifiers,
      issues,
      fingerprint,
      observedAt,
      payload: input,
    };
  } catch (error) {
    if (!(error instanceof RecordRejection)) throw error;
    return {
      index,
      recordKey: `${rawProvider.toLowerCase()}|${rawExternalId}`,
      provider: rawProvider.toLowerCase(),
      externalId: rawExternalId,
      firstName: null,
      lastName: null,
      address: null,
      identifiers: [],
      issues: [],
      error: error.message,
      fingerprint: '',
      observedAt: options.now ?? new Date(0),
      payload: input,
    };
  }
}

/** Reasons start with the quoted value; the record-level issue quotes the raw field itself. */
function stripQuoted(reason: string, raw: string): string {
  const quoted = quote(raw.trim());
  return reason.startsWith(quoted) ? reason.slice(quoted.length).trimStart() : reason;
}
