// Numbers sent as text ("20.50", " 34 ", "1.5e3"): many sources do, for amounts and counts. Number
// conditions read them as numbers, in SQL and in the reference evaluator alike, and the lifetime
// value reads purchase amounts with the same pattern (apps/api purchase-history.ts imports it):
// spaces around allowed, a sign, a decimal point, an exponent of at most three digits, and a
// magnitude below 10^15 (beyond, or not a number: absent).

/** For PostgreSQL (`~`), applied to the text with spaces trimmed (btrim). */
export const NUMERIC_TEXT_SQL = String.raw`^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]{1,3})?$`;
/** Text numbers at or beyond this magnitude are not read (numeric casts them exactly first, so nothing overflows). */
export const NUMERIC_TEXT_LIMIT = 1e15;

const NUMERIC_TEXT = new RegExp(NUMERIC_TEXT_SQL, 'u');

/** A JSON number, or a string holding a number by the rule above, as a number; else null. */
export function numberFromJson(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  // btrim: spaces only, as PostgreSQL's btrim(text) trims.
  const text = value.replace(/^ +| +$/gu, '');
  if (!NUMERIC_TEXT.test(text)) return null;
  const number = Number(text);
  return Math.abs(number) < NUMERIC_TEXT_LIMIT ? number : null;
}
