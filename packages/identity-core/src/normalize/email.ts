import { memoize } from './memo.js';
import { accepted, asciiLowerCase, type NormalizeResult, quote, rejected } from './normalize-result.js';

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
// RFC 5322 dot-atom, ASCII only.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const NON_PRINTABLE_ASCII = /[^\x21-\x7e]/;

/**
 * Canonical form of an e-mail address: trimmed, ASCII letters lower-cased; for Gmail (the one
 * provider known to ignore them) dots and `+tags` are removed and googlemail.com becomes gmail.com.
 * Other providers may treat dots and `+` as significant, so they are kept.
 *
 * Non-ASCII characters are rejected rather than folded: `ſ` (U+017F), the Kelvin sign (U+212A) or a
 * Cyrillic `а` would otherwise turn a look-alike address into someone else's.
 */
export function normalizeEmail(raw: string): NormalizeResult {
  if (typeof raw !== 'string') return rejected('is not a string');
  return memoizedEmail(raw);
}

const memoizedEmail = memoize(computeEmail);

function computeEmail(raw: string): NormalizeResult {
  const trimmed = raw.trim();
  if (trimmed === '') return rejected('is empty');
  if (trimmed.length > 254) return rejected(`${quote(trimmed)} is longer than 254 characters`);
  if (NON_PRINTABLE_ASCII.test(trimmed)) {
    // eslint-disable-next-line no-control-regex
    return /[^\x00-\x7f]/.test(trimmed)
      ? rejected(`${quote(trimmed)} contains non-ASCII characters (look-alike letters are never folded)`)
      : rejected(`${quote(trimmed)} contains spaces or control characters`);
  }
  const at = trimmed.indexOf('@');
  if (at < 0 || at !== trimmed.lastIndexOf('@')) return rejected(`${quote(trimmed)} is not an e-mail address`);
  let local = asciiLowerCase(trimmed.slice(0, at));
  let domain = asciiLowerCase(trimmed.slice(at + 1));
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  if (local.length === 0 || local.length > 64 || !LOCAL_PART.test(local)) {
    return rejected(`${quote(trimmed)} is not an e-mail address (invalid local part)`);
  }
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label)) || !TOP_LEVEL_DOMAIN.test(labels[labels.length - 1])) {
    return rejected(`${quote(trimmed)} is not an e-mail address (invalid domain)`);
  }
  if (GMAIL_DOMAINS.has(domain)) {
    domain = 'gmail.com';
    const plus = local.indexOf('+');
    if (plus >= 0) local = local.slice(0, plus);
    local = local.replace(/\./g, '');
    if (local === '') return rejected(`${quote(trimmed)} is not an e-mail address (empty Gmail user name)`);
  }
  return accepted(`${local}@${domain}`);
}
