import { describe, expect, it } from 'vitest';
import { conditionText } from '../src/features/segments/ruleText';
import type { EditorCondition } from '../src/features/segments/ruleTree';

const condition = (field: string, operator: string, value?: unknown): EditorCondition => ({
  kind: 'condition',
  id: 'c1',
  field,
  operator,
  ...(value === undefined ? {} : { value }),
});

const sentence = (text: ReturnType<typeof conditionText>) => [text.field, text.operator, text.value].filter(Boolean).join(' ');

describe('conditionText', () => {
  it('names the field by its label, the operator in words and quotes text values', () => {
    expect(sentence(conditionText(condition('trait.plan', 'eq', 'pro'), 'Plan'))).toBe('Plan is “pro”');
    expect(sentence(conditionText(condition('ltv.currentValue', 'gte', 100), 'Lifetime value'))).toBe('Lifetime value at least 100');
    expect(sentence(conditionText(condition('consent.MARKETING_EMAIL', 'eq', true)))).toBe('consent.MARKETING_EMAIL is true');
  });

  it('leaves the value out where the operator takes none', () => {
    expect(conditionText(condition('phone', 'exists'), 'Phone')).toEqual({ field: 'Phone', operator: 'has a value', value: null });
  });

  it('reads lists, ranges and day windows', () => {
    expect(sentence(conditionText(condition('trait.plan', 'in', ['pro', 'team']), 'Plan'))).toBe('Plan is one of “pro”, “team”');
    expect(sentence(conditionText(condition('ltv.currentValue', 'between', [10, 20]), 'Lifetime value'))).toBe('Lifetime value between 10 and 20');
    expect(sentence(conditionText(condition('lastSeenAt', 'within_last_days', 30), 'Last seen'))).toBe('Last seen in the last 30 days');
    expect(sentence(conditionText(condition('trait.plan', 'in', []), 'Plan'))).toBe('Plan is one of (nothing)');
  });

  it('reads event conditions with their count, window and property filters', () => {
    expect(sentence(conditionText(condition('event', 'performed', { name: 'Order Completed', minCount: 1 }), 'Performed an event'))).toBe(
      'Event performed “Order Completed”, at least once',
    );
    expect(
      sentence(
        conditionText(
          condition('event', 'not_performed', { name: 'Signed Up', withinLastDays: 7, where: [{ property: 'plan', operator: 'eq', value: 'pro' }] }),
          'Event',
        ),
      ),
    ).toBe('Event did not perform “Signed Up”, in the last 7 days, where plan is “pro”');
    expect(sentence(conditionText(condition('event', 'performed', { name: 'Order Completed', minCount: 3 }), 'Event'))).toBe(
      'Event performed “Order Completed”, at least 3 times',
    );
  });

  it('names segments by name, and says when no segment has an id any more', () => {
    const vip = '6f1c2a60-3b7e-4c1d-9a55-0c2f5e9b1a01';
    const churned = '0b9d7e21-5a44-4f0e-8e6b-7d3c1a2b3c4d';
    const gone = 'd2a4c8e0-1111-4222-8333-944455556666';
    const names = new Map([
      [vip, 'VIP customers'],
      [churned, 'Churned'],
    ]);
    expect(sentence(conditionText(condition('segment', 'eq', vip), 'Member of segment', 'segment', names))).toBe('Member of segment is “VIP customers”');
    // Ids are UUIDs: any case is the same segment.
    expect(sentence(conditionText(condition('segment', 'neq', vip.toUpperCase()), 'Member of segment', 'segment', names))).toBe(
      'Member of segment is not “VIP customers”',
    );
    expect(sentence(conditionText(condition('segment', 'in', [churned, gone]), 'Member of segment', 'segment', names))).toBe(
      `Member of segment is one of “Churned”, an unknown segment (${gone})`,
    );
    expect(sentence(conditionText(condition('segment', 'eq', ''), 'Member of segment', 'segment', names))).toBe('Member of segment is (none)');
    // Before the names are loaded, the id as it is.
    expect(sentence(conditionText(condition('segment', 'eq', vip), 'Member of segment', 'segment'))).toBe(`Member of segment is “${vip}”`);
  });
});
