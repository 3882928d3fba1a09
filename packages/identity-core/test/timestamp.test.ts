import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTimestamp } from '../src/index.js';

describe('parseTimestamp', () => {
  it('refuses impossible calendar dates and times that Date would roll over', () => {
    for (const text of ['2026-02-30T10:00:00Z', '2026-02-29', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-00-10', '2026-01-01T24:00:00Z', '2026-01-01T10:60:00Z', 'yesterday', '']) {
      expect(parseTimestamp(text), text).toBeNull();
    }
  });

  it('reads ISO dates and date-times with offsets', () => {
    expect(parseTimestamp('2024-02-29T00:00:00Z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseTimestamp('2026-03-01T10:00:00.123+02:00')?.toISOString()).toBe('2026-03-01T08:00:00.123Z');
    expect(parseTimestamp('2026-03-01')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('gives back every real instant written by toISOString', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), (date) => {
        expect(parseTimestamp(date.toISOString())?.getTime()).toBe(date.getTime());
      }),
    );
  });
});
