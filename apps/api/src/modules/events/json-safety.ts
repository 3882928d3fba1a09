// Defences for JSON that comes from the outside and goes into jsonb: nesting is bounded before
// parsing, and parsed values are rebuilt without the things PostgreSQL or JavaScript trip over.
// Each correction is reported as a flag, stored on the event, so that nothing is changed silently.

/** Deepest nesting accepted in a request body (Segment's payloads need fewer than 10 levels). */
export const MAX_JSON_DEPTH = 64;

export const JsonFlag = {
  /** U+0000 removed from a string or key: PostgreSQL text and jsonb cannot hold it. */
  NUL_REMOVED: 'nul_removed',
  /** A lone UTF-16 surrogate replaced by U+FFFD: PostgreSQL rejects it in jsonb. */
  SURROGATE_REPLACED: 'surrogate_replaced',
  /** A `__proto__` key dropped: it must never reach code that assigns properties by name. */
  PROTO_KEY_REMOVED: 'proto_key_removed',
  /** A number beyond what a double holds (1e400): JSON.parse made it Infinity; stored as null. */
  NUMBER_OUT_OF_RANGE: 'number_out_of_range',
} as const;
export type JsonFlag = (typeof JsonFlag)[keyof typeof JsonFlag];

/**
 * The deepest nesting of arrays and objects in JSON text, counted without parsing (so that a
 * 10,000-level document cannot exhaust the stack); stops counting past `limit`. Strings are
 * skipped with indexOf (most of an analytics payload is string content), which is several times
 * faster than looking at every character.
 */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 34 /* " */) {
      // The closing quote is the next one not escaped by an odd run of backslashes.
      for (;;) {
        index = text.indexOf('"', index + 1);
        if (index === -1) return false;
        let backslashes = 0;
        while (text.charCodeAt(index - 1 - backslashes) === 92 /* \ */) backslashes += 1;
        if (backslashes % 2 === 0) break;
      }
    } else if (code === 123 /* { */ || code === 91 /* [ */) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 125 /* } */ || code === 93 /* ] */) depth -= 1;
  }
  return false;
}

/**
 * An upper bound on the UTF-8 size of JSON.stringify(value), for a parsed JSON value, without
 * building the string: a UTF-16 unit never takes more than 6 bytes (\uXXXX), a number more than
 * 32 characters. Stops adding once past `stopAbove`. When the bound is within a limit the exact
 * size is too; only values near or over it need the real count.
 */
export function serializedSizeBound(value: unknown, stopAbove: number): number {
  let total = 0;
  const add = (item: unknown): void => {
    if (total > stopAbove) return;
    if (typeof item === 'string') total += 6 * item.length + 2;
    else if (item === null || typeof item !== 'object') total += 32;
    else if (Array.isArray(item)) {
      total += 2 + item.length;
      for (const element of item) add(element);
    } else {
      total += 2;
      for (const key of Object.keys(item)) {
        total += 6 * key.length + 4;
        add((item as Record<string, unknown>)[key]);
      }
    }
  };
  add(value);
  return total;
}

// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function cleanString(value: string, flags: Set<JsonFlag>): string {
  if (!NEEDS_CLEANING.test(value)) return value;
  let cleaned = value;
  if (cleaned.includes('\u0000')) {
    cleaned = cleaned.replaceAll('\u0000', '');
    flags.add(JsonFlag.NUL_REMOVED);
  }
  const replaced = cleaned.replace(LONE_SURROGATE, '\ufffd');
  if (replaced !== cleaned) flags.add(JsonFlag.SURROGATE_REPLACED);
  return replaced;
}

/**
 * A copy of a parsed JSON value that PostgreSQL's jsonb accepts and that is safe to handle as a
 * plain object: NULs removed, lone surrogates replaced, `__proto__` keys dropped. The input must
 * have passed jsonDepthExceeds (recursion is bounded by MAX_JSON_DEPTH).
 */
export function sanitizeJson<T = unknown>(value: T, flags: Set<JsonFlag>): T {
  return clean(value, flags) as T;
}

function clean(value: unknown, flags: Set<JsonFlag>): unknown {
  if (typeof value === 'string') return cleanString(value, flags);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    flags.add(JsonFlag.NUMBER_OUT_OF_RANGE);
    return null;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => clean(item, flags));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') {
      flags.add(JsonFlag.PROTO_KEY_REMOVED);
      continue;
    }
    // defineProperty, not assignment: no setter of Object.prototype is ever reached by a key.
    Object.defineProperty(out, cleanString(key, flags), { value: clean((value as Record<string, unknown>)[key], flags), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Whether a value is a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// A number JSON.parse turns into Infinity has an exponent of three digits or 309 digits or more.
const HUGE_NUMBER = /[0-9][eE]\+?[0-9]{3}|[0-9]{309}/;

/**
 * Whether JSON text can hold anything sanitizeJson would change. NUL and lone surrogates can only
 * arrive as \u escapes (JSON forbids raw control characters, and UTF-8 decoding cannot produce a
 * lone surrogate), a `__proto__` key is either spelled out or escaped, and an out-of-range number
 * needs a long exponent or a long run of digits: text with none of these needs no walk, which is
 * most analytics traffic.
 */
export function mayNeedSanitizing(text: string): boolean {
  return text.includes('\\u') || text.includes('__proto__') || HUGE_NUMBER.test(text);
}

/** Whether a parsed value nests deeper than `limit` (never descends further than that). */
export function valueDepthExceeds(value: unknown, limit = MAX_JSON_DEPTH, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth + 1 > limit) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => valueDepthExceeds(child, limit, depth + 1));
}

/**
 * A number where an id belongs (a Segment userId, an export's externalId): ids are text, and a whole
 * number up to 2^53 - 1 is its digits. A larger one has already been rounded by JSON.parse
 * (12345678901234567891 arrives as 12345678901234567000, and so do its neighbours), and a fraction
 * is no id: either is refused, saying to send the id as a string.
 */
export function idFromNumber(field: string, value: number): { value: string } | { error: string } {
  if (Number.isSafeInteger(value)) return { value: String(value) };
  if (!Number.isInteger(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER) return { error: `${field} is a number with a fraction: send ids as strings` };
  return { error: `${field} is a number beyond ${Number.MAX_SAFE_INTEGER}, which JSON readers round (different ids would become one): send it as a string` };
}
