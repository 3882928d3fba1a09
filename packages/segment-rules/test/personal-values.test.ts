import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRules, compileRules, evaluateRules, holdsPersonalValue, type PersonFacts } from '../src/index.js';
import { personFacts } from './person-facts.js';

const now = new Date('2025-06-01T12:00:00Z');
const guardsPersonalValues = (key: string) => key !== 'work_email';

function person(traits: Record<string, unknown>, properties: Record<string, unknown> = {}): PersonFacts {
  return personFacts({
    traits: Object.entries(traits).map(([key, value]) => ({ key, value, expiresAt: null })),
    events: [{ name: 'Signed Up', type: 'track', properties, occurredAt: new Date(now.getTime() - 3_600_000) }],
  });
}

describe('personal values in free-form traits and properties', () => {
  it('recognises e-mail addresses and phone numbers inside a text, not ordinary values', () => {
    for (const text of ['secret.person@hidden.org', 'write to ann@example.co.uk today', '+44 20 7946 0958', 'call (415) 555-0101', '4155550101']) expect(holdsPersonalValue(text), text).toBe(true);
    for (const text of ['pro', 'Acme Inc.', 'order 12345', '2025-06-01', 'renews 2025-06-01T12:00:00Z', '@handle', 'a@b']) expect(holdsPersonalValue(text), text).toBe(false);
  });

  it('are matched by no string condition on a guarded key, so a count cannot spell them out', () => {
    const facts = person({ contact: 'secret.person@hidden.org', work_email: 'ann@acme.com', plan: 'pro' });
    const matches = (condition: object, options = { guardsPersonalValues }) => evaluateRules(checkRules({ operator: 'AND', conditions: [condition] }), facts, now, options);
    for (const operator of ['starts_with', 'contains']) expect(matches({ field: 'trait.contact', operator, value: 'secret.person@h' })).toBe(false);
    expect(matches({ field: 'trait.contact', operator: 'eq', value: 'secret.person@hidden.org' })).toBe(false);
    expect(matches({ field: 'trait.contact', operator: 'neq', value: 'someone@else.org' })).toBe(false);
    // Whether it is there is not hidden; keys that name personal data (read with pii:read) are not guarded; nor is anything without the option.
    expect(matches({ field: 'trait.contact', operator: 'exists' })).toBe(true);
    expect(matches({ field: 'trait.work_email', operator: 'contains', value: '@acme.com' })).toBe(true);
    expect(matches({ field: 'trait.contact', operator: 'starts_with', value: 'secret' }, {} as never)).toBe(true);
    expect(matches({ field: 'trait.plan', operator: 'starts_with', value: 'pr' })).toBe(true);
    // Nor a number condition, which reads numbers sent as text: "+14155550177" > 14155550176 would spell the phone out.
    const phone = person({ contact: '+14155550177', score: '42' });
    const numeric = (condition: object, options: object = { guardsPersonalValues }) =>
      evaluateRules(checkRules({ operator: 'AND', conditions: [{ valueType: 'number', ...condition }] }), phone, now, options);
    expect(numeric({ field: 'trait.contact', operator: 'gt', value: 14155550176 })).toBe(false);
    expect(numeric({ field: 'trait.contact', operator: 'gt', value: 14155550176 }, {})).toBe(true);
    expect(numeric({ field: 'trait.score', operator: 'gt', value: 40 })).toBe(true);
  });

  it('hide event property values the same way', () => {
    const facts = person({}, { customer: 'secret.person@hidden.org', plan: 'pro' });
    const performed = (where: object[]) =>
      evaluateRules(checkRules({ operator: 'AND', conditions: [{ field: 'event', operator: 'performed', value: { name: 'Signed Up', where } }] }), facts, now, { guardsPersonalValues });
    expect(performed([{ property: 'customer', operator: 'starts_with', value: 'secret' }])).toBe(false);
    expect(performed([{ property: 'customer', operator: 'eq', value: 'secret.person@hidden.org' }])).toBe(false);
    expect(performed([{ property: 'customer', operator: 'exists' }])).toBe(true);
    const withPhone = person({}, { ref: '+14155550155' });
    expect(evaluateRules(checkRules({ operator: 'AND', conditions: [{ field: 'event', operator: 'performed', value: { name: 'Signed Up', where: [{ property: 'ref', operator: 'gt', value: 14155550154 }] } }] }), withPhone, now, { guardsPersonalValues })).toBe(false);
    expect(evaluateRules(checkRules({ operator: 'AND', conditions: [{ field: 'event', operator: 'performed', value: { name: 'Signed Up', where: [{ property: 'ref', operator: 'gt', value: 14155550154 }] } }] }), withPhone, now)).toBe(true);
    expect(performed([{ property: 'plan', operator: 'eq', value: 'pro' }])).toBe(true);
  });

  it('guard only string conditions on guarded keys in the SQL, with the patterns as parameters', () => {
    fc.assert(
      fc.property(fc.constantFrom('contains', 'starts_with', 'eq', 'neq'), (operator) => {
        const rules = checkRules({
          operator: 'AND',
          conditions: [
            { field: 'trait.contact', operator, value: 'x' },
            { field: 'trait.work_email', operator, value: 'x' },
            { field: 'event', operator: 'performed', value: { name: 'Signed Up', where: [{ property: 'customer', operator, value: 'x' }] } },
          ],
        });
        const guarded = compileRules(rules, { now, guardsPersonalValues });
        const plain = compileRules(rules, { now });
        expect(guarded.where.match(/ ~ \$/g)).toHaveLength(4);
        expect(plain.where).not.toContain(' ~ ');
        expect(guarded.parameters.filter((value) => typeof value === 'string' && value.includes('[:space:]'))).toHaveLength(2);
      }),
    );
  });
});
