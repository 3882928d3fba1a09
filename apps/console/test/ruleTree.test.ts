import { describe, expect, it } from 'vitest';
import {
  addNode,
  changeField,
  changeOperator,
  countConditions,
  createCondition,
  createGroup,
  defaultValue,
  type EditorCondition,
  fromRules,
  groupDepth,
  nodeAtErrorPath,
  parseRulesJson,
  removeNode,
  replaceCondition,
  setGroupOperator,
  toRules,
} from '../src/features/segments/ruleTree';

const plan = { path: 'trait.plan', valueType: 'string', operators: ['eq', 'neq', 'in', 'not_in', 'contains', 'exists'] };
const ltv = { path: 'ltv.currentValue', valueType: 'number', operators: ['eq', 'gt', 'between', 'in', 'exists'] };
const marketing = { path: 'consent.MARKETING_EMAIL', valueType: 'boolean', operators: ['eq', 'neq', 'exists', 'not_exists'] };
const event = { path: 'event', valueType: 'event', operators: ['performed', 'not_performed'] };
const firstSeen = { path: 'firstSeenAt', valueType: 'date', operators: ['before', 'after', 'between', 'within_last_days'] };

const sample = {
  operator: 'AND',
  conditions: [
    { field: 'trait.plan', operator: 'eq', value: 'pro', valueType: 'string' },
    { field: 'consent.MARKETING_EMAIL', operator: 'eq', value: true },
    {
      operator: 'OR',
      conditions: [
        { field: 'event', operator: 'performed', value: { name: 'Order Completed', minCount: 3, withinLastDays: 30 } },
        { field: 'email', operator: 'exists' },
      ],
    },
  ],
};

describe('rule tree', () => {
  it('round-trips the API rule JSON, with ids only inside the builder', () => {
    const tree = fromRules(sample);
    expect(toRules(tree)).toEqual(sample);
    const ids = new Set<string>();
    const collect = (node: ReturnType<typeof fromRules> | EditorCondition) => {
      ids.add(node.id);
      if (node.kind === 'group') node.children.forEach((child) => collect(child as never));
    };
    collect(tree);
    expect(ids.size).toBe(6);
    expect(countConditions(tree)).toBe(4);
  });

  it('adds conditions and groups, switches AND/OR and removes nodes without touching the input', () => {
    const root = createGroup();
    const withCondition = addNode(root, root.id, createCondition(plan));
    const inner = createGroup('AND');
    const withGroup = addNode(withCondition, root.id, inner);
    const nested = addNode(withGroup, inner.id, createCondition(marketing));
    const switched = setGroupOperator(nested, inner.id, 'OR');

    expect(root.children).toEqual([]);
    expect(toRules(switched)).toEqual({
      operator: 'AND',
      conditions: [
        { field: 'trait.plan', operator: 'eq', value: '' },
        { operator: 'OR', conditions: [{ field: 'consent.MARKETING_EMAIL', operator: 'eq', value: true }] },
      ],
    });
    expect(groupDepth(switched, inner.id)).toBe(2);

    const withoutGroup = removeNode(switched, inner.id);
    expect(toRules(withoutGroup).conditions).toHaveLength(1);
    expect(removeNode(switched, switched.id).children).toEqual([]);
  });

  it('replaces one condition by id', () => {
    // An unknown group id changes nothing.
    expect(addNode(createGroup(), 'none', createCondition(plan)).children).toEqual([]);
    const base = createGroup();
    const condition = createCondition(plan);
    const filled = replaceCondition(addNode(base, base.id, condition), { ...condition, value: 'pro' });
    expect(toRules(filled).conditions[0]).toEqual({ field: 'trait.plan', operator: 'eq', value: 'pro' });
  });

  it('gives each type and operator a value of the shape the API expects', () => {
    expect(defaultValue('string', 'eq')).toBe('');
    expect(defaultValue('number', 'gt')).toBeNull();
    expect(defaultValue('boolean', 'eq')).toBe(true);
    expect(defaultValue('number', 'between')).toEqual([null, null]);
    expect(defaultValue('date', 'between')).toEqual(['', '']);
    expect(defaultValue('date', 'within_last_days')).toBe(30);
    expect(defaultValue('string', 'in')).toEqual([]);
    expect(defaultValue('string', 'exists')).toBeUndefined();
    expect(defaultValue('event', 'performed')).toEqual({ name: '', minCount: 1 });
    expect(createCondition(event)).toMatchObject({ field: 'event', operator: 'performed', value: { name: '', minCount: 1 } });
    expect(createCondition(firstSeen)).toMatchObject({ operator: 'before', value: '' });
  });

  it('keeps the value when the operator takes the same shape, carries one value into a list and back, and resets it otherwise', () => {
    const condition = { ...createCondition(plan), value: 'pro' };
    expect(changeOperator(condition, 'neq', 'string').value).toBe('pro');
    const list = changeOperator(condition, 'in', 'string');
    expect(list.value).toEqual(['pro']);
    expect(changeOperator({ ...list, value: ['team', 'pro'] }, 'eq', 'string').value).toBe('team');
    expect(changeOperator({ ...condition, value: '' }, 'in', 'string').value).toEqual([]);
    expect(changeOperator({ ...list, value: [] }, 'eq', 'string').value).toBe('');
    expect(changeOperator(condition, 'between', 'string').value).toEqual(defaultValue('string', 'between'));
    const exists = changeOperator(condition, 'exists', 'string');
    expect('value' in exists).toBe(false);
    expect(toRules(exists)).toEqual({ field: 'trait.plan', operator: 'exists' });
  });

  it('resets operator and value on a new field, keeping an operator the new field allows', () => {
    const condition = { ...createCondition(plan), operator: 'in', value: ['pro'], valueType: 'string' };
    const number = changeField(condition, ltv);
    expect(number).toMatchObject({ field: 'ltv.currentValue', operator: 'in', value: [] });
    expect(number.valueType).toBeUndefined();
    expect(changeField(condition, marketing)).toMatchObject({ field: 'consent.MARKETING_EMAIL', operator: 'eq', value: true });
  });

  it('reads JSON from the power-user view, with a message for what is wrong', () => {
    expect(parseRulesJson('{"operator": "AND", "conditions": [')).toMatchObject({ ok: false, error: expect.stringMatching(/^Not valid JSON/) });
    expect(parseRulesJson('[]')).toEqual({ ok: false, error: 'rules: expected an object' });
    expect(parseRulesJson('{"field": "email", "operator": "exists"}')).toMatchObject({ ok: false, error: expect.stringContaining('top level must be a group') });
    expect(parseRulesJson('{"operator": "XOR", "conditions": []}')).toEqual({ ok: false, error: 'rules.operator: expected "AND" or "OR"' });
    expect(parseRulesJson('{"operator": "OR", "conditions": [{"field": 1, "operator": "eq"}]}')).toEqual({
      ok: false,
      error: 'rules.conditions[0].field: expected a string',
    });
    const parsed = parseRulesJson(JSON.stringify(sample));
    expect(parsed.ok && toRules(parsed.tree)).toEqual(sample);
  });

  it('finds the node an API error path points at', () => {
    const tree = fromRules(sample);
    const nested = tree.children[2];
    expect(nested.kind).toBe('group');
    if (nested.kind !== 'group') return;
    expect(nodeAtErrorPath(tree, 'rules.conditions[2].conditions[0].value.minCount')).toBe(nested.children[0]);
    expect(nodeAtErrorPath(tree, 'rules.conditions[1].value')).toBe(tree.children[1]);
    expect(nodeAtErrorPath(tree, 'rules')).toBe(tree);
    expect(nodeAtErrorPath(tree, 'rules.conditions[7]')).toBeNull();
    expect(nodeAtErrorPath(tree, 'rules.conditions[0].conditions[0]')).toBeNull();
    expect(nodeAtErrorPath(tree, 'name')).toBeNull();
  });
});
