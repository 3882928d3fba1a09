// Numbers sent as text ("20.50", "34"): many sources do, for amounts and counts. Number conditions
// read them as numbers, in SQL and in the reference evaluator alike. Plain decimals only (no
// exponent, at most 15 digits each side), so that every match converts exactly and never overflows.

/** For PostgreSQL (`~`). */
export const NUMERIC_TEXT_SQL = '^-?[0-9]{1,15}([.][0-9]{1,15})?$';

const NUMERIC_TEXT = /^-?[0-9]{1,15}([.][0-9]{1,15})?$/u;

/** A JSON number, or a string holding a plain decimal, as a number; else null. */
export function numberFromJson(value: unknown): number | null {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && NUMERIC_TEXT.test(value) ? Number(value) : null;
}
