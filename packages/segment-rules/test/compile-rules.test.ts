import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRules, compileRules, selectMatchingPersons } from '../src/index.js';

const now = new Date('2025-06-01T12:00:00Z');

describe('compileRules', () => {
  it('puts every value, key and name in parameters, never in the SQL text', () => {
    const hostile = "a\" OR 1=1--'; DROP TABLE person;--";
    const rules = checkRules({
      operator: 'OR',
      conditions: [
        { field: 'email', operator: 'eq', value: hostile },
        { field: `trait.${hostile}`, operator: 'contains', value: hostile },
        { field: 'event', operator: 'performed', value: { name: hostile, minCount: 2, where: [{ property: hostile, operator: 'eq', value: hostile }] } },
        { field: 'identity.provider', operator: 'in', value: [hostile] },
      ],
    });
    const compiled = compileRules(rules, { now });
    const sql = selectMatchingPersons(compiled);
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('1=1');
    expect(compiled.parameters).toContain(hostile);
    expect(compiled.parameters).toContain(JSON.stringify(hostile));
  });

  it('never splices arbitrary strings, whatever the field', () => {
    const fields = ['email', 'firstName', 'trait.x', 'identity.provider'];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.string({ minLength: 1, maxLength: 30 }), fc.string({ minLength: 1, maxLength: 30 }), (field, key, value) => {
        const marker = `§${value}§`;
        const rules = checkRules({
          operator: 'AND',
          conditions: [
            field === 'identity.provider' ? { field, operator: 'eq', value: marker } : { field: field === 'trait.x' ? `trait.${key}` : field, operator: 'starts_with', value: marker },
            { field: 'event', operator: 'not_performed', value: { name: marker, where: [{ property: `§${key}`, operator: 'contains', value: marker }] } },
          ],
        });
        const compiled = compileRules(rules, { now });
        expect(compiled.where).not.toContain('§');
      }),
      { numRuns: 150 },
    );
  });

  it('numbers parameters from the given start and shares the reference time', () => {
    const rules = checkRules({ operator: 'AND', conditions: [{ field: 'trait.a', operator: 'exists' }, { field: 'trait.b', operator: 'exists' }, { field: 'daysSinceSignup', operator: 'gt', value: 3 }] });
    const compiled = compileRules(rules, { now, firstParameter: 3 });
    const nowParameter = `$${3 + compiled.parameters.indexOf(now.toISOString())}::timestamptz`;
    expect(compiled.where.split(nowParameter)).toHaveLength(4);
    expect(compiled.parameters).toHaveLength(4);
    expect(compiled.where).toContain('$6::float8');
  });

  it('refers to every parameter it makes', () => {
    const rules = checkRules({
      operator: 'OR',
      conditions: [
        { field: 'consent.MARKETING_EMAIL', operator: 'eq', value: false },
        { field: 'consent.MARKETING_SMS', operator: 'exists' },
        { field: 'pricingViews', operator: 'gt', value: 1 },
        { field: 'activeDays', operator: 'in', value: [1, 2] },
        { field: 'event', operator: 'performed', value: { name: 'x', minCount: 2, withinLastDays: 3, from: '2024-01-01', to: '2025-01-01', where: [{ property: 'p', operator: 'in', value: [1, 'a'] }] } },
      ],
    });
    const compiled = compileRules(rules, { now });
    compiled.parameters.forEach((_value, index) => expect(compiled.where).toMatch(new RegExp(`\\$${index + 1}::`)));
  });

  it('joins lifetime value and engagement only when the rules use them', () => {
    expect(compileRules(checkRules({ operator: 'AND', conditions: [] }), { now }).from).toBe('person p');
    const compiled = compileRules(checkRules({ operator: 'OR', conditions: [{ field: 'ltv.currentValue', operator: 'gt', value: 1 }, { field: 'engagement.overall', operator: 'exists' }] }), { now });
    expect(compiled.from).toBe('person p LEFT JOIN lifetime_value lv ON lv.person_id = p.id LEFT JOIN engagement_score es ON es.person_id = p.id');
  });

  it('counts events with a grouped semi-join only where every member must match', () => {
    const event = { field: 'event', operator: 'performed', value: { name: 'x', minCount: 3 } };
    expect(compileRules(checkRules({ operator: 'AND', conditions: [event, { operator: 'AND', conditions: [event] }] }), { now }).where.match(/GROUP BY/g)).toHaveLength(2);
    expect(compileRules(checkRules({ operator: 'OR', conditions: [event, { field: 'email', operator: 'exists' }] }), { now }).where).not.toContain('GROUP BY');
  });
});
