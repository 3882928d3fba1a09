import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '../src/index.js';

const base = {
  provider: 'shopify',
  externalId: 'gid://shopify/Customer/1',
  email: ' Mary.Smith@Gmail.com ',
  phone: '(312) 871-9049',
  firstName: 'MARY',
  lastName: 'smith',
  address: { line1: '12 Main Street', line2: 'Apt 4', city: 'Denver', state: 'CO', postalCode: '80277', country: 'USA' },
  observedAt: '2024-01-01T00:00:00.000Z',
};

describe('normalizeRecord', () => {
  it('normalizes every identifier, external id first', () => {
    const record = normalizeRecord(base);
    expect(record.error).toBeUndefined();
    expect(record.recordKey).toBe('shopify|gid://shopify/Customer/1');
    expect(record.firstName).toBe('Mary');
    expect(record.lastName).toBe('Smith');
    expect(record.identifiers.map((identifier) => [identifier.kind, identifier.value])).toEqual([
      ['EXTERNAL_ID', 'gid://shopify/Customer/1'],
      ['EMAIL', 'marysmith@gmail.com'],
      ['PHONE', '+13128719049'],
      ['ADDRESS_HASH', expect.stringMatching(/^[0-9a-f]{64}$/)],
    ]);
    expect(record.identifiers[0].scope).toBe('shopify');
    expect(record.observedAt.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('keeps the record but reports identifiers it drops', () => {
    const record = normalizeRecord({ ...base, email: 'test@test.com', phone: '123' });
    expect(record.error).toBeUndefined();
    expect(record.identifiers.map((identifier) => identifier.kind)).toEqual(['EXTERNAL_ID', 'ADDRESS_HASH']);
    expect(record.issues).toEqual(["email: 'test@test.com' is a placeholder value (blocked)", "phone: '123' is not a valid phone number (too short)"]);
  });

  it('rejects records without a provider or external id, with wrong types, huge or control characters', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...base, provider: '' }, /provider is blank/],
      [{ ...base, provider: undefined }, /provider is missing/],
      [{ ...base, externalId: '   ' }, /externalId is blank/],
      [{ ...base, externalId: 42 }, /externalId must be a string/],
      [{ ...base, email: ['a@b.com'] }, /email must be a string/],
      [{ ...base, firstName: 'x'.repeat(513) }, /longer than 512/],
      [{ ...base, externalId: 'abc\u0000' }, /control characters/],
      [{ ...base, lastName: 'Smith\u0007' }, /control characters/],
      [{ ...base, address: 'Main St' }, /address must be an object/],
      [{ ...base, observedAt: 'yesterday' }, /not a date/],
      [null, /must be an object/],
    ];
    for (const [input, reason] of cases) {
      const record = normalizeRecord(input as never);
      expect(record.error, String(reason)).toMatch(reason);
      expect(record.identifiers).toEqual([]);
    }
  });

  it('corrects an observation time in the future to now, and says so', () => {
    const now = new Date('2026-12-02T10:00:00.000Z');
    const future = normalizeRecord({ ...base, observedAt: '2099-01-01T00:00:00Z' }, { now });
    expect(future.observedAt).toEqual(now);
    expect(future.issues).toContain("observedAt: '2099-01-01T00:00:00Z' is in the future; the time of ingestion was used");
    // A clock a minute ahead is drift, not an error.
    const drift = normalizeRecord({ ...base, observedAt: '2026-12-02T10:01:00.000Z' }, { now });
    expect(drift.observedAt.toISOString()).toBe('2026-12-02T10:01:00.000Z');
    expect(drift.issues).toEqual([]);
  });

  it('fingerprints content, not formatting or observation time', () => {
    const a = normalizeRecord(base);
    const b = normalizeRecord({ ...base, email: 'marysmith+x@gmail.com', firstName: 'Mary', observedAt: '2025-01-01T00:00:00.000Z' });
    const c = normalizeRecord({ ...base, phone: '415-596-2051' });
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });
});

describe('normalizeRecord on arbitrary input', () => {
  it('never throws, and either rejects with a reason or keeps the external id first', async () => {
    const fc = (await import('fast-check')).default;
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 600 }), fc.constant(null), fc.integer(), fc.constant(undefined));
    const address = fc.oneof(fc.constant(null), fc.string(), fc.record({ line1: text, line2: text, city: text, postalCode: text, country: text }));
    fc.assert(
      fc.property(fc.record({ provider: text, externalId: text, email: text, phone: text, firstName: text, lastName: text, address, observedAt: text }), (input) => {
        const record = normalizeRecord(input as never);
        if (record.error !== undefined) expect(record.error.length).toBeGreaterThan(0);
        else {
          expect(record.identifiers[0].kind).toBe('EXTERNAL_ID');
          expect(record.fingerprint).toMatch(/^[0-9a-f]{64}$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
