// Cursor pagination helpers shared by every connection.
import { badInput } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;

export function pageSize(first: number | null | undefined, max: number, fallback = DEFAULT_PAGE_SIZE): number {
  if (first === null || first === undefined) return Math.min(fallback, max);
  if (!Number.isInteger(first) || first < 0) throw badInput(`"first" must be a non-negative integer, got ${first}`);
  if (first > max) throw badInput(`"first" may be at most ${max}, got ${first}`, { max });
  return first;
}

/** Opaque cursor: base64url of a JSON array of the sort key values. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

const malformedCursor = () => badInput('Malformed cursor: pass the endCursor or cursor value from a previous page, unchanged');

export function decodeCursor(cursor: string | null | undefined, shape: ('string' | 'number')[]): (string | number)[] | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformedCursor();
  }
  if (!Array.isArray(values) || values.length !== shape.length) throw malformedCursor();
  values.forEach((value, index) => {
    if (typeof value !== shape[index]) throw malformedCursor();
  });
  return values as (string | number)[];
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** Throws a BAD_USER_INPUT unless the id is a well-formed UUID. */
export function requireUuid(value: string, what = 'id'): string {
  if (!isUuid(value)) throw badInput(`${what} "${value.slice(0, 80)}" is not a valid id`);
  return value.toLowerCase();
}

/**
 * A timestamptz column as an exact ISO string, for cursors. PostgreSQL keeps microseconds and a JS
 * Date only milliseconds: a cursor made from the Date would sit before rows that share its
 * millisecond, and the next page would skip them.
 */
export function exactTimeSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Cursor of lists ordered by (a timestamp, id) descending: persons by last seen, events by time. `at` comes from exactTimeSql. */
export function encodeTimeIdCursor(at: string, id: string): string {
  return encodeCursor([at, id]);
}

/** [ISO timestamp, uuid] of a time/id cursor; BAD_USER_INPUT when it is not one. */
export function decodeTimeIdCursor(cursor: string | null | undefined): [string, string] | undefined {
  const values = decodeCursor(cursor, ['string', 'string']) as [string, string] | undefined;
  if (values && (Number.isNaN(Date.parse(values[0])) || !isUuid(values[1]))) throw malformedCursor();
  return values;
}
