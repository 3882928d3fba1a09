import { describe, expect, it } from 'vitest';
import { comparisonVerdict } from '../src/features/review/comparisonVerdict';

describe('comparisonVerdict', () => {
  it('says nothing when no side has a value', () => {
    expect(comparisonVerdict([null, null])).toBeNull();
    expect(comparisonVerdict(['', '  ', undefined], true)).toBeNull();
  });

  it('calls a value on one side only partial, never different', () => {
    expect(comparisonVerdict(['+1 212 555 0143', null], true)).toBe('partial');
    expect(comparisonVerdict([null, '403 Pine St, Boston'])).toBe('partial');
    expect(comparisonVerdict(['a@b.dev', 'A@B.dev ', null])).toBe('partial');
  });

  it('compares the values that are there, loosely', () => {
    expect(comparisonVerdict(['Alice  Smith', 'alice smith'])).toBe('same');
    expect(comparisonVerdict(['+1 (212) 555-0143', '12125550143'], true)).toBe('same');
    expect(comparisonVerdict(['Alice Smith', 'Robert Smith'])).toBe('differs');
    // Two sides disagree: a third without a value does not hide that.
    expect(comparisonVerdict(['+1 212 555 0143', '+1 212 555 0199', null], true)).toBe('differs');
  });
});
