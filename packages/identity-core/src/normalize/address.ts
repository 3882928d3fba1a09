import type { AddressInput } from '../types.js';
import { sha256Hex } from '../hash.js';
import { memoize } from './memo.js';
import { nameKey } from './name.js';
import { accepted, type NormalizeResult, rejected } from './normalize-result.js';
import { safeUpperCase } from './text-case.js';

export interface NormalizedAddress {
  /** Street line in USPS style, without the unit: `8854 VIEW BLVD`. */
  line1: string;
  /** `UNIT 4B`, whatever the source wrote (`Apt 4B`, `#4B`, `Suite 4B`), from line 1 or line 2. */
  unit: string | null;
  city: string | null;
  state: string | null;
  /** ZIP5 for the US; upper-case without spaces elsewhere. */
  postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface AddressOptions {
  /** ISO code assumed when the country is missing. */
  defaultCountry?: string;
}

// USPS Publication 28 abbreviations for the suffixes and directionals seen in exports.
const STREET_WORDS: Record<string, string> = {
  ALLEY: 'ALY', AVENUE: 'AVE', AV: 'AVE', AVEN: 'AVE', BOULEVARD: 'BLVD', BOUL: 'BLVD', CIRCLE: 'CIR', CIRC: 'CIR',
  COURT: 'CT', CRT: 'CT', COVE: 'CV', CRESCENT: 'CRES', DRIVE: 'DR', DRV: 'DR', EXPRESSWAY: 'EXPY', FREEWAY: 'FWY',
  HEIGHTS: 'HTS', HIGHWAY: 'HWY', LANE: 'LN', PARKWAY: 'PKWY', PLACE: 'PL', PLAZA: 'PLZ', POINT: 'PT', ROAD: 'RD',
  ROUTE: 'RTE', SQUARE: 'SQ', STREET: 'ST', STR: 'ST', TERRACE: 'TER', TRAIL: 'TRL', TURNPIKE: 'TPKE', WAY: 'WAY',
  NORTH: 'N', SOUTH: 'S', EAST: 'E', WEST: 'W', NORTHEAST: 'NE', NORTHWEST: 'NW', SOUTHEAST: 'SE', SOUTHWEST: 'SW',
  MOUNT: 'MT', SAINT: 'ST', FORT: 'FT',
};

const UNIT_MARKERS = new Set(['APT', 'APARTMENT', 'UNIT', 'SUITE', 'STE', 'RM', 'ROOM', 'NO', 'NUMBER', 'FLAT', 'APTO']);

const COUNTRIES: Record<string, string> = {
  US: 'US', USA: 'US', 'U S': 'US', 'U S A': 'US', 'UNITED STATES': 'US', 'UNITED STATES OF AMERICA': 'US', AMERICA: 'US',
  GB: 'GB', UK: 'GB', 'U K': 'GB', GBR: 'GB', 'UNITED KINGDOM': 'GB', 'GREAT BRITAIN': 'GB', BRITAIN: 'GB', ENGLAND: 'GB',
  SCOTLAND: 'GB', WALES: 'GB', 'NORTHERN IRELAND': 'GB',
  DE: 'DE', DEU: 'DE', GERMANY: 'DE', DEUTSCHLAND: 'DE',
  CA: 'CA', CAN: 'CA', CANADA: 'CA', FR: 'FR', FRA: 'FR', FRANCE: 'FR', IE: 'IE', IRL: 'IE', IRELAND: 'IE',
  AU: 'AU', AUS: 'AU', AUSTRALIA: 'AU', MX: 'MX', MEX: 'MX', MEXICO: 'MX', ES: 'ES', ESP: 'ES', SPAIN: 'ES',
  IT: 'IT', ITA: 'IT', ITALY: 'IT', NL: 'NL', NLD: 'NL', NETHERLANDS: 'NL', 'THE NETHERLANDS': 'NL', HOLLAND: 'NL',
  AT: 'AT', AUT: 'AT', AUSTRIA: 'AT', OSTERREICH: 'AT', CH: 'CH', CHE: 'CH', SWITZERLAND: 'CH', SCHWEIZ: 'CH',
};

const US_STATES: Record<string, string> = {
  ALABAMA: 'AL', ALASKA: 'AK', ARIZONA: 'AZ', ARKANSAS: 'AR', CALIFORNIA: 'CA', COLORADO: 'CO', CONNECTICUT: 'CT',
  DELAWARE: 'DE', 'DISTRICT OF COLUMBIA': 'DC', FLORIDA: 'FL', GEORGIA: 'GA', HAWAII: 'HI', IDAHO: 'ID', ILLINOIS: 'IL',
  INDIANA: 'IN', IOWA: 'IA', KANSAS: 'KS', KENTUCKY: 'KY', LOUISIANA: 'LA', MAINE: 'ME', MARYLAND: 'MD',
  MASSACHUSETTS: 'MA', MICHIGAN: 'MI', MINNESOTA: 'MN', MISSISSIPPI: 'MS', MISSOURI: 'MO', MONTANA: 'MT', NEBRASKA: 'NE',
  NEVADA: 'NV', 'NEW HAMPSHIRE': 'NH', 'NEW JERSEY': 'NJ', 'NEW MEXICO': 'NM', 'NEW YORK': 'NY', 'NORTH CAROLINA': 'NC',
  'NORTH DAKOTA': 'ND', OHIO: 'OH', OKLAHOMA: 'OK', OREGON: 'OR', PENNSYLVANIA: 'PA', 'RHODE ISLAND': 'RI',
  'SOUTH CAROLINA': 'SC', 'SOUTH DAKOTA': 'SD', TENNESSEE: 'TN', TEXAS: 'TX', UTAH: 'UT', VERMONT: 'VT', VIRGINIA: 'VA',
  WASHINGTON: 'WA', 'WEST VIRGINIA': 'WV', WISCONSIN: 'WI', WYOMING: 'WY',
};

/** Upper case, punctuation that carries no meaning removed, white space collapsed. */
function clean(text: string | null | undefined): string {
  if (typeof text !== 'string') return '';
  return safeUpperCase(text)
    .replace(/[.,;:"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `04B` -> `4B`, `#12` -> `12`. */
function cleanUnitValue(value: string): string {
  const stripped = value.replace(/^#+/, '').replace(/^0+(?=[0-9A-Z])/, '');
  return stripped;
}

/** A unit designation at the start of `tokens` (`APT 4`, `#4`, `# 4`, `UNIT 4B`), or null. */
function readUnit(tokens: string[]): { unit: string; length: number } | null {
  const first = tokens[0];
  if (!first) return null;
  if (first === '#') return tokens[1] ? { unit: cleanUnitValue(tokens[1]), length: 2 } : null;
  if (first.startsWith('#')) return { unit: cleanUnitValue(first), length: 1 };
  if (UNIT_MARKERS.has(first)) {
    let index = 1;
    if (tokens[index] === '#') index += 1;
    const value = tokens[index];
    if (!value) return null;
    return { unit: cleanUnitValue(value), length: index + 1 };
  }
  return null;
}

function splitUnitFromStreet(line: string): { street: string; unit: string | null } {
  const tokens = line.split(' ');
  // The unit never comes first: `#4 Main St` is rare and ambiguous, so only look after the number and name.
  for (let index = 1; index < tokens.length; index += 1) {
    const unit = readUnit(tokens.slice(index));
    if (unit && unit.unit !== '') {
      const rest = tokens.slice(index + unit.length);
      return { street: [...tokens.slice(0, index), ...rest].join(' '), unit: unit.unit };
    }
  }
  return { street: line, unit: null };
}

function unitFromLine2(line: string): string | null {
  if (line === '') return null;
  const unit = readUnit(line.split(' '));
  if (unit && unit.unit !== '') return unit.unit;
  // A bare `4B` or `12` in line 2 is a unit too.
  if (/^[0-9]{1,6}[A-Z]?$|^[A-Z][0-9]{0,5}$/.test(line)) return cleanUnitValue(line);
  return null;
}

function normalizeStreet(street: string): string {
  return street
    .split(' ')
    .map((token, index) => (index === 0 && /^[0-9]/.test(token) ? token : (STREET_WORDS[token] ?? token)))
    .join(' ');
}

export function normalizeCountry(raw: string | null | undefined, defaultCountry = 'US'): string {
  const cleaned = clean(raw);
  if (cleaned === '') return defaultCountry;
  return COUNTRIES[cleaned] ?? cleaned;
}

function normalizePostalCode(raw: string | null | undefined, country: string): string | null {
  const cleaned = clean(raw).replace(/\s+/g, '');
  if (cleaned === '') return null;
  if (country === 'US') {
    const zip = /^([0-9]{5})(?:-?[0-9]{4})?$/.exec(cleaned);
    if (zip) return zip[1];
    // Spreadsheets drop the leading zero of New England ZIP codes.
    if (/^[0-9]{4}$/.test(cleaned)) return `0${cleaned}`;
    return null;
  }
  return cleaned;
}

/**
 * USPS-style address: upper case, `Street` -> `ST`, `Avenue` -> `AVE`, one `UNIT x` whether the
 * source wrote `Apt x`, `#x`, `Unit x` or `Suite x` in line 1 or line 2, ZIP5, ISO country code.
 */
export function normalizeAddress(input: AddressInput, options: AddressOptions = {}): NormalizeResult<NormalizedAddress> {
  if (input === null || typeof input !== 'object') return rejected('is not an address');
  const defaultCountry = options.defaultCountry ?? 'US';
  const text = (value: string | null | undefined) => (typeof value === 'string' ? value : '');
  const cacheKey = `${defaultCountry}\u001f${text(input.line1)}\u001f${text(input.line2)}\u001f${text(input.city)}\u001f${text(input.state)}\u001f${text(input.postalCode)}\u001f${text(input.country)}`;
  const cached = addressCache.get(cacheKey);
  if (cached) return cached;
  const result = computeAddress(input, defaultCountry);
  if (addressCache.size >= 50_000) addressCache.clear();
  addressCache.set(cacheKey, result);
  return result;
}

// Customers order again and again to the same address: normalization is remembered. The cached
// results are shared, so callers must not modify them.
const addressCache = new Map<string, NormalizeResult<NormalizedAddress>>();

function computeAddress(input: AddressInput, defaultCountry: string): NormalizeResult<NormalizedAddress> {
  const country = normalizeCountry(input.country, defaultCountry);
  const line1 = clean(input.line1);
  const line2 = clean(input.line2);
  const { street, unit: unitInLine1 } = splitUnitFromStreet(line1);
  const normalizedStreet = normalizeStreet(street);
  if (!/[0-9A-Z]/.test(normalizedStreet) && !/\p{L}/u.test(normalizedStreet)) return rejected('has no street line');
  const unit = unitInLine1 ?? unitFromLine2(line2);
  const state = clean(input.state);
  const city = clean(input.city);
  return accepted({
    line1: normalizedStreet,
    unit: unit === null ? null : `UNIT ${unit}`,
    city: city === '' ? null : city,
    state: state === '' ? null : country === 'US' ? (US_STATES[state] ?? state) : state,
    postalCode: normalizePostalCode(input.postalCode, country),
    country,
  });
}

/** The part of an address that identifies a dwelling: street, unit, ZIP (or city and state), country. */
export function addressKey(address: NormalizedAddress): string {
  const area = address.postalCode ?? `${address.city ?? ''}/${address.state ?? ''}`;
  return `${address.line1}|${address.unit ?? ''}|${area}|${address.country}`;
}

/**
 * ADDRESS_HASH: SHA-256 of the dwelling (unit included, so neighbours in one building stay apart)
 * and the last name (so that a household that shares a name shares the hash, and differing first
 * names become evidence). Null when the last name is unknown.
 */
export function addressHash(address: NormalizedAddress, lastName: string | null | undefined): string | null {
  const last = nameKey(lastName);
  if (last === null) return null;
  return hashOnce(`${addressKey(address)}|${last.replace(/ /g, '')}`);
}

const hashOnce = memoize(sha256Hex, 50_000);

/** Human-readable one-line form, for evidence and review screens. */
export function formatAddress(address: NormalizedAddress): string {
  let text = formatted.get(address);
  if (text === undefined) {
    text = [address.line1, address.unit, address.city, address.state, address.postalCode, address.country].filter(Boolean).join(', ');
    formatted.set(address, text);
  }
  return text;
}

const formatted = new WeakMap<NormalizedAddress, string>();
