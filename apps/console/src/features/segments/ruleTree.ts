// The segment builder's rule tree: the API's rule JSON (docs/segments.md) with an id on every
// node so React can key rows and focus survives edits. Plain functions, no React, unit-tested.

export type GroupOperator = 'AND' | 'OR';

export interface EditorGroup {
  kind: 'group';
  id: string;
  operator: GroupOperator;
  children: EditorNode[];
}

export interface EditorCondition {
  kind: 'condition';
  id: string;
  field: string;
  operator: string;
  /** Absent for exists / not_exists. */
  value?: unknown;
  /** Only for traits: the type the API resolved when the segment was saved. */
  valueType?: string;
}

export type EditorNode = EditorGroup | EditorCondition;

/** What the builder needs to know about a field (from `segmentFields`). */
export interface FieldInfo {
  path: string;
  valueType: string;
  operators: readonly string[];
}

export interface EventValue {
  name: string;
  minCount?: number;
  withinLastDays?: number;
}

/** The API refuses deeper trees; the builder stops offering "Add group" at this depth. */
export const MAX_DEPTH = 5;

let counter = 0;
function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}`;
}

export function createGroup(operator: GroupOperator = 'AND', children: EditorNode[] = []): EditorGroup {
  return { kind: 'group', id: nextId('g'), operator, children };
}

/** A new condition on `field`, with its first operator and an empty value of the right shape. */
export function createCondition(field: FieldInfo): EditorCondition {
  const operator = field.operators[0] ?? 'eq';
  return withValue({ kind: 'condition', id: nextId('c'), field: field.path, operator }, defaultValue(field.valueType, operator));
}

function withValue(condition: EditorCondition, value: unknown): EditorCondition {
  const next = { ...condition };
  if (value === undefined) delete next.value;
  else next.value = value;
  return next;
}

/** The value a condition starts with for a type and operator (undefined: the operator takes none). */
export function defaultValue(valueType: string, operator: string): unknown {
  if (operator === 'exists' || operator === 'not_exists') return undefined;
  if (valueType === 'event') return { name: '', minCount: 1 } satisfies EventValue;
  if (operator === 'in' || operator === 'not_in') return [];
  if (operator === 'between') return valueType === 'date' ? ['', ''] : [null, null];
  if (operator === 'within_last_days') return 30;
  if (valueType === 'boolean') return true;
  if (valueType === 'number') return null;
  return '';
}

/** Keeps the value when the new operator takes the same shape, else starts over. */
export function changeOperator(condition: EditorCondition, operator: string, valueType: string): EditorCondition {
  const before = valueShape(valueType, condition.operator);
  const after = valueShape(valueType, operator);
  let value = before === after && condition.value !== undefined ? condition.value : defaultValue(valueType, operator);
  // One value and a list of them carry over into each other ("is Gold" → "is one of [Gold]", and back to the first).
  const single = condition.value !== undefined && condition.value !== '' && !Array.isArray(condition.value);
  if (before === valueType && after === 'list' && single) value = [condition.value];
  if (before === 'list' && after === valueType && Array.isArray(condition.value) && condition.value.length > 0) value = condition.value[0];
  return withValue({ ...condition, operator }, value);
}

function valueShape(valueType: string, operator: string): string {
  if (operator === 'exists' || operator === 'not_exists') return 'none';
  if (operator === 'in' || operator === 'not_in') return 'list';
  if (operator === 'between') return 'range';
  if (operator === 'within_last_days') return 'days';
  return valueType;
}

/** A new field resets the operator (unless the field allows the current one) and the value. */
export function changeField(condition: EditorCondition, field: FieldInfo): EditorCondition {
  const { valueType: _dropped, ...rest } = condition;
  void _dropped;
  const operator = field.operators.includes(condition.operator) ? condition.operator : (field.operators[0] ?? 'eq');
  return withValue({ ...rest, field: field.path, operator }, defaultValue(field.valueType, operator));
}

function mapTree(node: EditorNode, id: string, update: (node: EditorNode) => EditorNode | null): EditorNode | null {
  if (node.id === id) return update(node);
  if (node.kind === 'condition') return node;
  let changed = false;
  const children: EditorNode[] = [];
  for (const child of node.children) {
    const next = mapTree(child, id, update);
    if (next !== child) changed = true;
    if (next) children.push(next);
  }
  return changed ? { ...node, children } : node;
}

function updateGroup(root: EditorGroup, groupId: string, update: (group: EditorGroup) => EditorGroup): EditorGroup {
  return mapTree(root, groupId, (node) => (node.kind === 'group' ? update(node) : node)) as EditorGroup;
}

export function addNode(root: EditorGroup, groupId: string, node: EditorNode): EditorGroup {
  return updateGroup(root, groupId, (group) => ({ ...group, children: [...group.children, node] }));
}

/** Removes a condition or group; the root group itself is never removed (it is emptied instead). */
export function removeNode(root: EditorGroup, id: string): EditorGroup {
  if (id === root.id) return { ...root, children: [] };
  return mapTree(root, id, () => null) as EditorGroup;
}

export function setGroupOperator(root: EditorGroup, groupId: string, operator: GroupOperator): EditorGroup {
  return updateGroup(root, groupId, (group) => ({ ...group, operator }));
}

export function replaceCondition(root: EditorGroup, condition: EditorCondition): EditorGroup {
  return mapTree(root, condition.id, (node) => (node.kind === 'condition' ? condition : node)) as EditorGroup;
}

/** How deep a group is (the root is 1). */
export function groupDepth(root: EditorGroup, groupId: string): number {
  const visit = (group: EditorGroup, depth: number): number => {
    if (group.id === groupId) return depth;
    for (const child of group.children) {
      if (child.kind !== 'group') continue;
      const found = visit(child, depth + 1);
      if (found) return found;
    }
    return 0;
  };
  return visit(root, 1);
}

export function countConditions(node: EditorNode): number {
  return node.kind === 'condition' ? 1 : node.children.reduce((sum, child) => sum + countConditions(child), 0);
}

/** The JSON the API takes (ids dropped: they only matter to the builder). */
export function toRules(node: EditorGroup): RulesGroupJson;
export function toRules(node: EditorNode): RulesGroupJson | RulesConditionJson;
export function toRules(node: EditorNode): RulesGroupJson | RulesConditionJson {
  if (node.kind === 'group') return { operator: node.operator, conditions: node.children.map((child) => toRules(child)) };
  const json: RulesConditionJson = { field: node.field, operator: node.operator };
  if (node.value !== undefined) json.value = node.value;
  if (node.valueType !== undefined) json.valueType = node.valueType;
  return json;
}

export interface RulesGroupJson {
  operator: GroupOperator;
  conditions: Array<RulesGroupJson | RulesConditionJson>;
}

export interface RulesConditionJson {
  field: string;
  operator: string;
  value?: unknown;
  valueType?: string;
}

export class RulesShapeError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads rule JSON into a builder tree. Only the shape is checked here (groups and conditions);
 * fields, operators and values are the API's to validate, so the builder shows its located messages.
 */
export function fromRules(json: unknown, path = 'rules'): EditorGroup {
  const node = readNode(json, path);
  if (node.kind !== 'group') throw new RulesShapeError(`${path}: the top level must be a group ({ "operator": "AND", "conditions": [] })`);
  return node;
}

function readNode(json: unknown, path: string): EditorNode {
  if (!isObject(json)) throw new RulesShapeError(`${path}: expected an object`);
  if ('conditions' in json) {
    if (json.operator !== 'AND' && json.operator !== 'OR') throw new RulesShapeError(`${path}.operator: expected "AND" or "OR"`);
    if (!Array.isArray(json.conditions)) throw new RulesShapeError(`${path}.conditions: expected an array`);
    const children = json.conditions.map((child, index) => readNode(child, `${path}.conditions[${index}]`));
    return createGroup(json.operator, children);
  }
  if (typeof json.field !== 'string') throw new RulesShapeError(`${path}.field: expected a string`);
  if (typeof json.operator !== 'string') throw new RulesShapeError(`${path}.operator: expected a string`);
  const condition: EditorCondition = { kind: 'condition', id: nextId('c'), field: json.field, operator: json.operator };
  if (json.value !== undefined) condition.value = json.value;
  if (typeof json.valueType === 'string') condition.valueType = json.valueType;
  return condition;
}

export type ParsedRules = { ok: true; tree: EditorGroup } | { ok: false; error: string };

/** The JSON view's "Apply": text to a tree, or a message saying what is wrong with it. */
export function parseRulesJson(text: string): ParsedRules {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    return { ok: true, tree: fromRules(json) };
  } catch (error) {
    if (error instanceof RulesShapeError) return { ok: false, error: error.message };
    throw error;
  }
}

/**
 * The node an API error path points at (`rules.conditions[1].conditions[0].value` → that
 * condition), so its message can be shown beside it. Null when the path leaves the tree.
 */
export function nodeAtErrorPath(root: EditorGroup, path: string): EditorNode | null {
  if (!path.startsWith('rules')) return null;
  let node: EditorNode = root;
  for (const match of path.slice('rules'.length).matchAll(/\.conditions\[(\d+)\]/g)) {
    if (node.kind !== 'group') return null;
    const child: EditorNode | undefined = node.children[Number(match[1])];
    if (!child) return null;
    node = child;
  }
  return node;
}
