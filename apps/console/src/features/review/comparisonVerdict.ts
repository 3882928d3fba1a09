// Whether the values of one comparison row (one per person or waiting record) agree. Plain
// functions, unit-tested.

/** `null`: nothing to say (no value anywhere). `partial`: some sides have no value and the others agree. */
export type ComparisonVerdict = 'same' | 'differs' | 'partial' | null;

/**
 * Loosely: case and spacing never make two values different (with `digitsOnly`, only the digits
 * count, for phone numbers). A missing value is not a different one: a record that simply has no
 * phone says nothing against a person that has one, so such a row is `partial`, unless the values
 * that are there disagree among themselves.
 */
export function comparisonVerdict(values: ReadonlyArray<string | null | undefined>, digitsOnly = false): ComparisonVerdict {
  const present = values
    .map((value) => (!value ? '' : digitsOnly ? value.replace(/\D/g, '') : value.trim().toLowerCase().replace(/\s+/g, ' ')))
    .filter((value) => value !== '');
  if (present.length === 0) return null;
  if (new Set(present).size > 1) return 'differs';
  return present.length < values.length ? 'partial' : 'same';
}
