import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressHash, normalizeAddress, type NormalizedAddress } from '../src/index.js';

const normalized = (line1: string, line2: string | null = null, extra: Record<string, string | null> = {}): NormalizedAddress => {
  const result = normalizeAddress({ line1, line2, city: 'Denver', state: 'CO', postalCode: '80277', country: 'US', ...extra });
  if (!result.ok) throw new Error(result.reason);
  return result.value;
};

describe('normalizeAddress', () => {
  it('abbreviates street suffixes the USPS way', () => {
    expect(normalized('8854 View Boulevard').line1).toBe('8854 VIEW BLVD');
    expect(normalized('8854 view blvd.').line1).toBe('8854 VIEW BLVD');
    expect(normalized('12 Main Street').line1).toBe('12 MAIN ST');
    expect(normalized('12 Oak Avenue').line1).toBe('12 OAK AVE');
    expect(normalized('12 Mill Road').line1).toBe('12 MILL RD');
  });

  it('writes every unit marker as UNIT, from line 1 or line 2', () => {
    const units = ['Apt 4B', 'Apt. 4B', '#4B', '# 4B', 'Unit 4B', 'Suite 4B', 'Ste 4B', '4B'];
    for (const unit of units) {
      expect(normalized('12 Main St', unit).unit, unit).toBe('UNIT 4B');
      if (unit !== '4B') expect(normalized(`12 Main St ${unit}`).unit, unit).toBe('UNIT 4B');
      if (unit !== '4B') expect(normalized(`12 Main St, ${unit}`).line1, unit).toBe('12 MAIN ST');
    }
  });

  it('normalizes ZIP codes and countries', () => {
    expect(normalized('1 Main St', null, { postalCode: '80277-1234' }).postalCode).toBe('80277');
    expect(normalized('1 Main St', null, { postalCode: '7179' }).postalCode).toBe('07179');
    for (const country of ['USA', 'us', 'United States', null]) expect(normalized('1 Main St', null, { country }).country).toBe('US');
    for (const country of ['United Kingdom', 'UK']) expect(normalized('1 Main St', null, { country, postalCode: 'sw1a 1aa' }).country).toBe('GB');
    expect(normalized('1 Main St', null, { country: 'Deutschland' }).country).toBe('DE');
    expect(normalized('1 Main St', null, { country: 'Germany' }).country).toBe('DE');
  });

  it('hashes dwelling and last name: households share it, neighbours do not', () => {
    const home = normalized('1533 Chestnut Lane', 'Apt 4');
    const same = normalized('1533 chestnut ln', '#4');
    const neighbour = normalized('1533 Chestnut Lane', 'Apt 5');
    expect(addressHash(home, 'Reyes')).toBe(addressHash(same, 'REYES'));
    expect(addressHash(home, 'Reyes')).not.toBe(addressHash(neighbour, 'Reyes'));
    expect(addressHash(home, 'Reyes')).not.toBe(addressHash(home, 'Smith'));
    expect(addressHash(home, 'Reyes')).toMatch(/^[0-9a-f]{64}$/);
    expect(addressHash(home, null)).toBeNull();
  });

  it('is idempotent and never throws', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('12 Main Street', 'Apt 4', '#4B', '9 oak ave. suite 3', 'Unit', '# ', '80277', 'usa'));
    fc.assert(
      fc.property(fc.record({ line1: text, line2: fc.option(text), postalCode: fc.option(text), country: fc.option(text), city: fc.option(text) }), (input) => {
        const once = normalizeAddress(input);
        if (!once.ok) return;
        const again = normalizeAddress({ ...once.value, line2: once.value.unit });
        expect(again).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });
});
