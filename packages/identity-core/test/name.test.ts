import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namesCompatible, normalizeName } from '../src/index.js';

const value = (raw: string) => {
  const result = normalizeName(raw);
  return result.ok ? result.value : null;
};

describe('normalizeName', () => {
  it('normalizes case and white space', () => {
    expect(value('  PATRICIA ')).toBe('Patricia');
    expect(value('mary-jane   o\'neil')).toBe("Mary-Jane O'Neil");
    expect(value('j')).toBe('J.');
    expect(value('J.')).toBe('J.');
  });

  it('keeps a name that mixes cases as written: only all-capitals or all-small names are recased', () => {
    expect(value('DeShawn')).toBe('DeShawn');
    expect(value('  McDonald ')).toBe('McDonald');
    expect(value('van der Berg')).toBe('van der Berg');
    expect(value('MCDONALD')).toBe('Mcdonald');
    expect(value('ÉLODIE')).toBe('Élodie');
  });

  it('rejects placeholders', () => {
    for (const raw of ['null', 'N/A', 'Unknown', 'anonymous', '  ', '123']) expect(value(raw), raw).toBeNull();
  });

  it('does not turn look-alike letters into ASCII', () => {
    expect(value('ſam')).toBe('ſam'.replace('ſ', 'ſ'));
    expect(value('\u212Aate')).toBe('\u212Aate');
  });

  it('is idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (raw) => {
        const once = normalizeName(raw);
        if (once.ok) expect(normalizeName(once.value)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('namesCompatible', () => {
  it('accepts nicknames and initials', () => {
    for (const [a, b] of [['Bob', 'Robert'], ['Bill', 'William'], ['Liz', 'Elizabeth'], ['Kate', 'Katherine'], ['Jim', 'James'], ['Mike', 'Michael'], ['Peggy', 'Margaret'], ['J.', 'James'], ['B.', 'William'], ['ROBERT', 'robert']]) {
      expect(namesCompatible(a, b), `${a}/${b}`).toBe('compatible');
    }
  });

  it('reports conflicts and unknowns', () => {
    expect(namesCompatible('Mary', 'Susan')).toBe('conflict');
    expect(namesCompatible('J.', 'Mary')).toBe('conflict');
    expect(namesCompatible('J.', 'K.')).toBe('conflict');
    expect(namesCompatible(null, 'Mary')).toBe('unknown');
  });
});
