import { describe, expect, it } from 'vitest';
import { evidenceFor, identifierKey, normalizeRecord, type PersonState } from '../src/index.js';

const person = (fields: Partial<PersonState>, values: [string, string, string][]): PersonState => ({
  id: 'p1',
  firstName: null,
  lastName: null,
  email: null,
  phone: null,
  firstSeenAt: new Date('2024-01-01T00:00:00Z'),
  identities: values.map(([kind, scope, value]) => ({ key: identifierKey({ kind: kind as never, scope, value }), kind: kind as never, scope, value, provider: 'app' })),
  ...fields,
});

describe('evidenceFor', () => {
  it('supports a shared e-mail and compatible names', () => {
    const record = normalizeRecord({ provider: 'shopify', externalId: 's1', email: 'Bob.Smith@outlook.com', firstName: 'Bob', lastName: 'Smith' });
    const { evidence, score } = evidenceFor(record, person({ firstName: 'Robert', lastName: 'Smith', email: 'bob.smith@outlook.com' }, [['EMAIL', '', 'bob.smith@outlook.com']]));
    expect(evidence.filter((item) => item.supports).map((item) => item.field)).toEqual(['email', 'firstName', 'lastName']);
    expect(evidence.some((item) => !item.supports)).toBe(false);
    expect(score).toBeGreaterThan(0.9);
  });

  it('speaks against a different first name, a different phone and a second app id', () => {
    const record = normalizeRecord({ provider: 'app', externalId: 'u2', email: 'lee.family@yahoo.com', phone: '312-871-9049', firstName: 'Jeffrey', lastName: 'Lee' });
    const target = person({ firstName: 'Brandon', lastName: 'Lee', phone: '+14155962051' }, [
      ['EMAIL', '', 'lee.family@yahoo.com'],
      ['EXTERNAL_ID', 'app', 'u1'],
    ]);
    const { evidence, score } = evidenceFor(record, target);
    expect(evidence.filter((item) => !item.supports).map((item) => item.field).sort()).toEqual(['externalId', 'firstName', 'phone']);
    expect(evidence.find((item) => item.field === 'firstName')?.detail).toBe('different first name on a shared email');
    expect(score).toBeLessThan(0.1);
  });
});
