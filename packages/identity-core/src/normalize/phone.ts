import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { accepted, type NormalizeResult, quote, rejected } from './normalize-result.js';

export interface PhoneOptions {
  /** Region assumed for numbers written without a country code. */
  defaultRegion?: string;
}

const NANP = /^(?:\+1|1)?([2-9][0-9]{2}[2-9][0-9]{6})$/;
const ALLOWED = /^[0-9+()\-.\s/]*$/;
const EXTENSION = /\s*(?:ext\.?|x|#)\s*\d{1,6}\s*$/i;

// Parsing is the costly part of normalizing a record (tens of microseconds a number); the same
// numbers come back in every export, so results are remembered (bounded, cleared when full).
const CACHE_LIMIT = 100_000;
const cache = new Map<string, NormalizeResult>();

/**
 * E.164 form of a phone number (`+13128719049`). Accepts national (`(312) 871-9049`),
 * international (`+44 7930 202914`) and `00`-prefixed (`0044 7930 202914`) forms. Rejects what
 * libphonenumber does not consider valid and placeholders made of one repeated digit or a run
 * (`0000000000`, `1111111111`, `1234567890`).
 */
export function normalizePhone(raw: string, options: PhoneOptions = {}): NormalizeResult {
  if (typeof raw !== 'string') return rejected('is not a string');
  const region = (options.defaultRegion ?? 'US').toUpperCase();
  const trimmed = raw.trim();
  if (trimmed === '') return rejected('is empty');
  if (trimmed.length > 40) return rejected(`${quote(trimmed)} is not a valid phone number (too long)`);
  const withoutExtension = trimmed.replace(EXTENSION, '');
  if (!ALLOWED.test(withoutExtension)) return rejected(`${quote(trimmed)} is not a valid phone number`);
  let compact = withoutExtension.replace(/[^0-9+]/g, '');
  if (compact.lastIndexOf('+') > 0) return rejected(`${quote(trimmed)} is not a valid phone number`);
  // `00` is the international call prefix in most of the world; no national number starts with it.
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  const key = `${region}|${compact}`;
  const cached = cache.get(key);
  if (cached) return cached.ok ? cached : rejected(cached.reason.replace('{raw}', quote(trimmed)));
  const result = parseCompact(compact, region);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result.ok ? result : rejected(result.reason.replace('{raw}', quote(trimmed)));
}

function parseCompact(compact: string, region: string): NormalizeResult {
  const digits = compact.replace('+', '');
  if (digits.length < 6) return rejected('{raw} is not a valid phone number (too short)');
  if (isPlaceholderDigits(digits) || (digits.length > 10 && isPlaceholderDigits(digits.slice(-10)))) {
    return rejected('{raw} is a placeholder phone number');
  }
  // North American numbers parsed as US national numbers skip libphonenumber's search through the
  // 25 countries sharing +1 (the costly part); the few that are not valid in the US (Canada, the
  // Caribbean) fall through to the full parse below.
  const nanp = region === 'US' ? NANP.exec(compact) : null;
  if (nanp) {
    const national = parsePhoneNumberFromString(nanp[1], { defaultCountry: 'US', extract: false });
    if (national?.isValid()) return accepted(national.number);
  }
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(compact, { defaultCountry: region as CountryCode, extract: false });
  } catch {
    parsed = undefined;
  }
  if (!parsed || !parsed.isValid()) return rejected('{raw} is not a valid phone number');
  if (isPlaceholderDigits(String(parsed.nationalNumber))) return rejected('{raw} is a placeholder phone number');
  return accepted(parsed.number);
}

/** One digit repeated, or an ascending/descending run such as 1234567890. */
function isPlaceholderDigits(digits: string): boolean {
  if (digits.length < 7) return false;
  if (/^(\d)\1+$/.test(digits)) return true;
  return '01234567890123456789'.includes(digits) || '98765432109876543210'.includes(digits);
}

/** An E.164 number as people read it (`+442079460958` -> `+44 20 7946 0958`); anything else as given. */
export function formatPhoneForReading(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;
}
