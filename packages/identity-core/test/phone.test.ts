import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPhoneForReading, normalizePhone } from '../src/index.js';

const value = (raw: string, defaultRegion?: string) => {
  const result = normalizePhone(raw, { defaultRegion });
  return result.ok ? result.value : null;
};

describe('normalizePhone', () => {
  it('gives E.164 for national, international and punctuated forms', () => {
    for (const raw of ['(312) 871-9049', '312-871-9049', '312.871.9049', '3128719049', '1-312-871-9049', '+1 (312) 871-9049', '+13128719049', '001 312 871 9049']) {
      expect(value(raw), raw).toBe('+13128719049');
    }
    expect(value('+44 7930 202914')).toBe('+447930202914');
    expect(value('0044 7930202914')).toBe('+447930202914');
    expect(value('07930 202914', 'GB')).toBe('+447930202914');
    expect(value('+49 1609 093026')).toBe('+491609093026');
    expect(value('0049 1609093026')).toBe('+491609093026');
  });

  it('rejects invalid numbers and placeholders with a reason', () => {
    for (const raw of ['123', '0000000000', '1111111111', '1234567890', '5555555555', '9999999999', '+1 000 000 0000', 'call me', '312-871-904', '']) {
      const result = normalizePhone(raw);
      expect(result.ok, raw).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/phone number|empty/);
    }
  });

  it('is idempotent and never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\+?[0-9 ()\-.]{6,18}$/), fc.string({ unit: 'binary' })), (raw) => {
        const once = normalizePhone(raw);
        if (once.ok) expect(normalizePhone(once.value)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees on every format of one US number', () => {
    const exchange = fc.integer({ min: 200, max: 999 });
    const line = fc.integer({ min: 0, max: 9999 });
    fc.assert(
      fc.property(fc.constantFrom(212, 312, 415, 512, 617, 713), exchange, line, (area, ex, ln) => {
        const l = String(ln).padStart(4, '0');
        const forms = [`(${area}) ${ex}-${l}`, `${area}-${ex}-${l}`, `${area}.${ex}.${l}`, `1-${area}-${ex}-${l}`, `+1${area}${ex}${l}`, `+1 (${area}) ${ex}-${l}`];
        const results = new Set(forms.map((form) => JSON.stringify(normalizePhone(form).ok ? value(form) : 'invalid')));
        expect(results.size).toBe(1);
      }),
    );
  });
});

describe('formatPhoneForReading', () => {
  it('groups an E.164 number the way its country writes it, and leaves anything else as it is', () => {
    expect(formatPhoneForReading('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhoneForReading('+14155550199')).toBe('+1 415 555 0199');
    expect(formatPhoneForReading('not a phone')).toBe('not a phone');
  });
});
