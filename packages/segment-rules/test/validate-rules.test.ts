import { describe, expect, it } from 'vitest';
import { validateRules, checkRules, RuleValidationError, parseDate, collectTraitKeys, collectSegmentReferences, evaluateRules, numberFromJson } from '../src/index.js';
import { personFacts } from './person-facts.js';

const errorsOf = (rules: unknown, context = {}) => {
  const result = validateRules(rules, context);
  expect(result.ok).toBe(false);
  return result.errors.map((error) => ({ path: error.path, code: error.code }));
};

describe('validateRules', () => {
  it('accepts a tree over every kind of field and resolves trait types', () => {
    const rules = {
      operator: 'AND',
      conditions: [
        { field: 'email', operator: 'contains', value: '@example.org' },
        { field: 'trait.plan', operator: 'in', value: ['pro', 'team'] },
        { field: 'trait.age', operator: 'between', value: [18, 30] },
        { field: 'trait.renewal', operator: 'within_last_days', value: 30 },
        { field: 'consent.MARKETING_EMAIL', operator: 'eq', value: true },
        { field: 'ltv.currentValue', operator: 'gte', value: 100 },
        { field: 'engagement.overall', operator: 'gt', value: 50 },
        { field: 'pricingViews', operator: 'gte', value: 2 },
        { field: 'identity.provider', operator: 'eq', value: 'Shopify' },
        { field: 'lastSeenAt', operator: 'after', value: '2025-01-01' },
        {
          operator: 'OR',
          conditions: [
            { field: 'event', operator: 'performed', value: { name: 'Order Completed', minCount: 3, withinLastDays: 30, where: [{ property: 'total', operator: 'gt', value: 50 }] } },
            { field: 'event', operator: 'not_performed', value: { name: 'Signed Up', from: '2025-01-01', to: '2025-02-01T00:00:00+01:00' } },
          ],
        },
      ],
    };
    const checked = checkRules(rules, { traitTypes: new Map([['age', 'number']]) });
    expect(checked.conditions).toHaveLength(11);
    expect(checked.conditions[2]).toMatchObject({ kind: 'scalar', type: 'number', value: [18, 30] });
    expect(checked.conditions[3]).toMatchObject({ kind: 'scalar', type: 'date' });
    expect(checked.conditions[8]).toMatchObject({ kind: 'identity', providers: ['shopify'], positive: true });
    // A date is the whole day: after it means after its last instant.
    expect(checked.conditions[9]).toMatchObject({ value: '2025-01-01T23:59:59.999999Z' });
    expect((checked.conditions[10] as any).conditions[1]).toMatchObject({ to: '2025-01-31T23:00:00.000Z' });
  });

  it('locates each error by its path in the tree', () => {
    expect(
      errorsOf({
        operator: 'AND',
        conditions: [
          { field: 'nope', operator: 'eq', value: 1 },
          { operator: 'OR', conditions: [{ field: 'trait.age', operator: 'gt', value: 'old' }, { field: 'email', operator: 'gt', value: 'a' }] },
          { field: 'consent.NEWSLETTER', operator: 'eq', value: true },
          { field: 'event', operator: 'performed', value: { name: '', minCount: 0, where: [{ property: 'x', operator: 'like', value: 1 }] } },
          { field: 'lastSeenAt', operator: 'before', value: '2025-02-30' },
          { field: 'email', operator: 'exists', value: 'x' },
          'junk',
        ],
      }, { traitTypes: new Map([['age', 'number']]) }),
    ).toEqual([
      { path: 'conditions[0].field', code: 'UNKNOWN_FIELD' },
      { path: 'conditions[1].conditions[0].value', code: 'INVALID_VALUE' },
      { path: 'conditions[1].conditions[1].operator', code: 'OPERATOR_NOT_ALLOWED' },
      { path: 'conditions[2].field', code: 'UNKNOWN_FIELD' },
      { path: 'conditions[3].value.name', code: 'INVALID_VALUE' },
      { path: 'conditions[3].value.minCount', code: 'INVALID_VALUE' },
      { path: 'conditions[3].value.where[0].operator', code: 'OPERATOR_NOT_ALLOWED' },
      { path: 'conditions[4].value', code: 'INVALID_VALUE' },
      { path: 'conditions[5].value', code: 'INVALID_VALUE' },
      { path: 'conditions[6]', code: 'INVALID_CONDITION' },
    ]);
  });

  it('refuses trees nested more than five levels deep', () => {
    let tree: any = { field: 'email', operator: 'exists' };
    for (let level = 0; level < 6; level += 1) tree = { operator: 'AND', conditions: [tree] };
    expect(errorsOf(tree)).toEqual([{ path: 'conditions[0].conditions[0].conditions[0].conditions[0].conditions[0]', code: 'TOO_DEEP' }]);
    expect(validateRules(tree.conditions[0]).ok).toBe(true);
  });

  it('refuses a segment that refers to itself, directly or through another', () => {
    const a = '00000000-0000-0000-0000-00000000000a';
    const b = '00000000-0000-0000-0000-00000000000b';
    const c = '00000000-0000-0000-0000-00000000000c';
    const segments = new Map([
      [a, { name: 'A', references: [] }],
      [b, { name: 'B', references: [a] }],
      [c, { name: 'C', references: [b] }],
    ]);
    expect(errorsOf({ operator: 'AND', conditions: [{ field: 'segment', operator: 'eq', value: a }] }, { segmentId: a, segments })).toEqual([{ path: 'conditions[0].value', code: 'SEGMENT_CYCLE' }]);
    const through = validateRules({ operator: 'OR', conditions: [{ field: 'segment', operator: 'in', value: [c] }] }, { segmentId: a, segments });
    expect(through.errors).toEqual([{ path: 'conditions[0].value[0]', code: 'SEGMENT_CYCLE', message: expect.stringContaining('C -> B -> this segment') }]);
    expect(errorsOf({ operator: 'AND', conditions: [{ field: 'segment', operator: 'eq', value: '00000000-0000-0000-0000-0000000000ff' }] }, { segments })).toEqual([{ path: 'conditions[0].value', code: 'UNKNOWN_SEGMENT' }]);
    expect(validateRules({ operator: 'AND', conditions: [{ field: 'segment', operator: 'in', value: [a] }] }, { segmentId: c, segments }).ok).toBe(true);
  });

  it('rejects injection attempts in field names as unknown fields', () => {
    expect(errorsOf({ operator: 'AND', conditions: [{ field: "email'; DROP TABLE person;--", operator: 'eq', value: 'x' }] })).toEqual([{ path: 'conditions[0].field', code: 'UNKNOWN_FIELD' }]);
    expect(errorsOf({ operator: "AND; DROP TABLE person", conditions: [] })).toEqual([{ path: 'operator', code: 'INVALID_GROUP' }]);
  });

  it('throws a RuleValidationError listing every problem', () => {
    expect(() => checkRules({ operator: 'AND', conditions: [{ field: 'x', operator: 'eq', value: 1 }] })).toThrow(RuleValidationError);
    expect(() => checkRules({ field: 'email', operator: 'exists' })).toThrow(/at the top/);
  });

  it('reads dates and instants the way PostgreSQL does, refusing impossible ones', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2025-04-31')).toBeNull();
    expect(parseDate('2025-01-01T10:00')).toBeNull(); // no offset: ambiguous
    expect(parseDate('2025-01-01T24:00:00Z')).toBeNull();
    expect(parseDate('2025-01-01T10:00:00.5-05:00')).toBe('2025-01-01T15:00:00.500Z');
  });

  it('collects trait keys and segment references from raw input', () => {
    const raw = { operator: 'OR', conditions: [{ field: 'trait.plan' }, { operator: 'AND', conditions: [{ field: 'segment', value: ['00000000-0000-0000-0000-00000000000A', 'bad'] }] }] };
    expect(collectTraitKeys(raw)).toEqual(['plan']);
    expect(collectSegmentReferences(raw)).toEqual(['00000000-0000-0000-0000-00000000000a']);
  });
});

describe('dates as whole days', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const facts = (lastSeenAt: Date, eventAt: Date, renewal: string) =>
    personFacts({
      lastSeenAt,
      traits: [{ key: 'renewal', value: renewal, expiresAt: null }],
      events: [{ name: 'Order Completed', type: 'track', properties: {}, occurredAt: eventAt }],
    });
  const matches = (condition: object, person: ReturnType<typeof facts>) => evaluateRules(checkRules({ operator: 'AND', conditions: [condition] }, { traitTypes: new Map([['renewal', 'date']]) }), person, now);

  it('include the whole of a date given as the upper bound, and none of it for before or after', () => {
    const lateOnFirst = facts(new Date('2026-12-01T23:30:00Z'), new Date('2026-12-01T07:51:00Z'), '2026-12-01T18:00:00Z');
    expect(matches({ field: 'event', operator: 'performed', value: { name: 'Order Completed', from: '2026-12-01', to: '2026-12-01' } }, lateOnFirst)).toBe(true);
    expect(matches({ field: 'lastSeenAt', operator: 'between', value: ['2026-12-01', '2026-12-01'] }, lateOnFirst)).toBe(true);
    expect(matches({ field: 'lastSeenAt', operator: 'after', value: '2026-12-01' }, lateOnFirst)).toBe(false);
    expect(matches({ field: 'lastSeenAt', operator: 'before', value: '2026-12-01' }, lateOnFirst)).toBe(false);
    expect(matches({ field: 'lastSeenAt', operator: 'after', value: '2026-11-30' }, lateOnFirst)).toBe(true);
    expect(matches({ field: 'trait.renewal', operator: 'between', value: ['2026-12-01', '2026-12-01'] }, lateOnFirst)).toBe(true);
    // Instants are taken as they are.
    expect(matches({ field: 'lastSeenAt', operator: 'before', value: '2026-12-01T23:45:00Z' }, lateOnFirst)).toBe(true);
  });

  it('count nothing still to come as within the last days', () => {
    const ahead = facts(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-02T23:00:00Z'), '2026-12-10');
    expect(matches({ field: 'trait.renewal', operator: 'within_last_days', value: 1 }, ahead)).toBe(false);
    expect(matches({ field: 'event', operator: 'performed', value: { name: 'Order Completed', withinLastDays: 30 } }, ahead)).toBe(false);
    const past = facts(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-02T11:00:00Z'), '2026-12-02');
    expect(matches({ field: 'trait.renewal', operator: 'within_last_days', value: 1 }, past)).toBe(true);
    expect(matches({ field: 'event', operator: 'performed', value: { name: 'Order Completed', withinLastDays: 30 } }, past)).toBe(true);
  });
});

describe('numbers sent as text', () => {
  it('count as numbers when they are plain decimals, for traits and event properties', () => {
    for (const [text, number] of [['34', 34], ['20.50', 20.5], ['-3', -3], [' 7 ', 7], ['1.5e3', 1500], ['+2', 2], ['.5', 0.5]] as const) expect(numberFromJson(text), text).toBe(number);
    for (const text of ['40 years', '', '.', '0x10', '1e999', '1e15', '2e1000', '\t7', 'NaN', 'Infinity']) expect(numberFromJson(text), text).toBeNull();
    const now = new Date('2026-12-02T12:00:00Z');
    const person = personFacts({
      traits: [{ key: 'age', value: '34', expiresAt: null }],
      events: [{ name: 'Order Completed', type: 'track', properties: { revenue: '70' }, occurredAt: new Date('2026-12-01T00:00:00Z') }],
    });
    const matches = (condition: object) => evaluateRules(checkRules({ operator: 'AND', conditions: [condition] }, { traitTypes: new Map([['age', 'number']]) }), person, now);
    expect(matches({ field: 'trait.age', operator: 'gt', value: 30 })).toBe(true);
    expect(matches({ field: 'trait.age', operator: 'eq', value: 34 })).toBe(true);
    expect(matches({ field: 'event', operator: 'performed', value: { name: 'Order Completed', where: [{ property: 'revenue', operator: 'gt', value: 50 }] } })).toBe(true);
  });
});
