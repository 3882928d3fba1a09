// Checks a rule tree (untrusted JSON) against the field catalog and returns either located
// errors or a checked tree, with every value normalized and every type resolved, that the
// compiler and the reference evaluator both take.
import { CONSENT_PURPOSES, MAX_TRAIT_KEY_LENGTH, TRAIT_PREFIX, staticField, traitField, type ConsentPurpose, type FieldDefinition, type FieldSource } from './field-catalog.js';
import {
  COMPARISON_OPERATORS,
  EVENT_OPERATORS,
  PROPERTY_OPERATORS,
  type ComparisonOperator,
  type EventOperator,
  type GroupOperator,
  type PropertyOperator,
  type ScalarType,
} from './rule-tree.js';

export const MAX_DEPTH = 5;
export const MAX_CONDITIONS = 200;
export const MAX_LIST_LENGTH = 1000;
export const MAX_STRING_LENGTH = 1000;
export const MAX_DAYS = 36500;
export const MAX_EVENT_COUNT = 1_000_000;

export type RuleErrorCode =
  | 'INVALID_GROUP'
  | 'INVALID_CONDITION'
  | 'UNKNOWN_FIELD'
  | 'OPERATOR_NOT_ALLOWED'
  | 'INVALID_VALUE'
  | 'TOO_DEEP'
  | 'TOO_MANY_CONDITIONS'
  | 'UNKNOWN_SEGMENT'
  | 'SEGMENT_CYCLE';

export interface RuleError {
  /** Where in the tree, e.g. `conditions[1].conditions[0].value` ('' for the root). */
  path: string;
  code: RuleErrorCode;
  message: string;
}

export interface RuleContext {
  /** Trait value types known from the data (or declared), by key. */
  traitTypes?: ReadonlyMap<string, ScalarType>;
  /** Existing segments by id, with the segment ids their own rules refer to; checks existence and cycles when given. */
  segments?: ReadonlyMap<string, { name: string; references: readonly string[] }>;
  /** The segment these rules define (on update): referring to it, directly or through others, is a cycle. */
  segmentId?: string;
  maxDepth?: number;
  /**
   * How Spine stores an e-mail or phone value (the identity normalizers: lower case, Gmail dots and
   * +tags, E.164): values compared with `email`/`phone` by eq, neq, in, not_in are written so.
   */
  normalizeValue?: (column: 'email' | 'phone', value: string) => string;
}

export type ScalarSource = Extract<FieldSource, { kind: 'person' | 'ltv' | 'engagement' | 'computed' | 'trait' }>;
export type ScalarValue = string | number | boolean;

export interface CheckedGroup {
  kind: 'group';
  operator: GroupOperator;
  conditions: CheckedNode[];
}
export interface CheckedScalarCondition {
  kind: 'scalar';
  path: string;
  source: ScalarSource;
  type: ScalarType;
  operator: ComparisonOperator;
  /** Dates as ISO instants; lists for in/not_in; [low, high] for between; days for within_last_days. */
  value: ScalarValue | ScalarValue[] | undefined;
}
export interface CheckedConsentCondition {
  kind: 'consent';
  purpose: ConsentPurpose;
  operator: 'eq' | 'neq' | 'exists' | 'not_exists';
  value: boolean | undefined;
}
export interface CheckedPropertyFilter {
  property: string;
  operator: PropertyOperator;
  value: ScalarValue | ScalarValue[] | undefined;
}
export interface CheckedEventCondition {
  kind: 'event';
  operator: EventOperator;
  name: string;
  minCount: number;
  withinLastDays: number | undefined;
  from: string | undefined;
  to: string | undefined;
  where: CheckedPropertyFilter[];
}
export interface CheckedSegmentCondition {
  kind: 'segment';
  /** Member of any of `ids` (positive) or of none of them. */
  positive: boolean;
  ids: string[];
}
export interface CheckedIdentityCondition {
  kind: 'identity';
  positive: boolean;
  providers: string[];
}
export type CheckedCondition = CheckedScalarCondition | CheckedConsentCondition | CheckedEventCondition | CheckedSegmentCondition | CheckedIdentityCondition;
export type CheckedNode = CheckedGroup | CheckedCondition;

export type ValidationResult = { ok: true; rules: CheckedGroup; errors: [] } | { ok: false; rules: undefined; errors: RuleError[] };

export class RuleValidationError extends Error {
  constructor(readonly errors: RuleError[]) {
    super(`Invalid segment rules: ${errors.map(formatRuleError).join('; ')}`);
    this.name = 'RuleValidationError';
  }
}

export function formatRuleError(error: RuleError): string {
  return error.path ? `${error.path}: ${error.message}` : error.message;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Dates need a day; instants need an offset, so that JavaScript and PostgreSQL read them alike
// (the SQL function segment_rules_timestamptz accepts exactly these shapes too).
const EXACT_OPERATORS = new Set<string>(['eq', 'neq', 'in', 'not_in']);

export const ISO_DATE_PATTERN = '^(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
export const ISO_INSTANT_PATTERN = '^(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,6})?)?(Z|[+-](0\\d|1[0-4]):[0-5]\\d)$';
const ISO_DATE = new RegExp(ISO_DATE_PATTERN);
const ISO_INSTANT = new RegExp(ISO_INSTANT_PATTERN);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
};
const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** Collects every trait key a rule tree names (without validating it), so callers can load their types. */
export function collectTraitKeys(rules: unknown): string[] {
  const keys = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (!isPlainObject(node) || depth > 50) return;
    if (Array.isArray(node.conditions)) node.conditions.forEach((child) => visit(child, depth + 1));
    else if (typeof node.field === 'string' && node.field.startsWith(TRAIT_PREFIX)) keys.add(node.field.slice(TRAIT_PREFIX.length));
  };
  visit(rules, 0);
  return [...keys];
}

/** The segment ids a (possibly invalid) rule tree refers to. */
export function collectSegmentReferences(rules: unknown): string[] {
  const ids = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (!isPlainObject(node) || depth > 50) return;
    if (Array.isArray(node.conditions)) node.conditions.forEach((child) => visit(child, depth + 1));
    else if (node.field === 'segment') {
      for (const id of Array.isArray(node.value) ? node.value : [node.value]) if (typeof id === 'string' && UUID.test(id)) ids.add(id.toLowerCase());
    }
  };
  visit(rules, 0);
  return [...ids];
}

export function validateRules(input: unknown, context: RuleContext = {}): ValidationResult {
  const errors: RuleError[] = [];
  const maxDepth = context.maxDepth ?? MAX_DEPTH;
  let conditionCount = 0;
  const fail = (path: string, code: RuleErrorCode, message: string): undefined => {
    errors.push({ path, code, message });
    return undefined;
  };

  const group = (node: Record<string, unknown>, path: string, depth: number): CheckedGroup | undefined => {
    if (depth > maxDepth) return fail(path, 'TOO_DEEP', `groups may be nested at most ${maxDepth} levels deep`);
    const extra = Object.keys(node).filter((key) => key !== 'operator' && key !== 'conditions' && key !== 'id');
    if (extra.length) return fail(join(path, extra[0]), 'INVALID_GROUP', `unknown property "${extra[0].slice(0, 40)}" in a group (expected operator and conditions)`);
    if (node.operator !== 'AND' && node.operator !== 'OR') return fail(join(path, 'operator'), 'INVALID_GROUP', `a group's operator must be "AND" or "OR", got ${describe(node.operator)}`);
    if (!Array.isArray(node.conditions)) return fail(join(path, 'conditions'), 'INVALID_GROUP', 'a group needs a list of conditions');
    const children: CheckedNode[] = [];
    node.conditions.forEach((child, index) => {
      const checked = nodeOf(child, join(join(path, 'conditions'), index), depth);
      if (checked) children.push(checked);
    });
    return { kind: 'group', operator: node.operator, conditions: children };
  };

  const nodeOf = (node: unknown, path: string, parentDepth: number): CheckedNode | undefined => {
    if (!isPlainObject(node)) return fail(path, 'INVALID_CONDITION', `expected a condition { field, operator, value } or a group { operator, conditions }, got ${describe(node)}`);
    if ('conditions' in node) return group(node, path, parentDepth + 1);
    conditionCount += 1;
    if (conditionCount === MAX_CONDITIONS + 1) return fail(path, 'TOO_MANY_CONDITIONS', `a segment may have at most ${MAX_CONDITIONS} conditions`);
    if (conditionCount > MAX_CONDITIONS) return undefined;
    return condition(node, path);
  };

  const condition = (node: Record<string, unknown>, path: string): CheckedCondition | undefined => {
    const extra = Object.keys(node).filter((key) => !['field', 'operator', 'value', 'valueType', 'id'].includes(key));
    if (extra.length) return fail(join(path, extra[0]), 'INVALID_CONDITION', `unknown property "${extra[0].slice(0, 40)}" in a condition (expected field, operator, value)`);
    if (typeof node.field !== 'string' || !node.field) return fail(join(path, 'field'), 'UNKNOWN_FIELD', `a condition needs a field name, got ${describe(node.field)}`);
    const definition = fieldOf(node, path);
    if (!definition) return undefined;
    const operator = node.operator;
    if (typeof operator !== 'string' || !definition.operators.includes(operator as never)) {
      const known = (COMPARISON_OPERATORS as readonly unknown[]).includes(operator) || (EVENT_OPERATORS as readonly unknown[]).includes(operator);
      return fail(
        join(path, 'operator'),
        'OPERATOR_NOT_ALLOWED',
        `${known ? `operator "${operator}" is not allowed` : `unknown operator ${describe(operator)}`} for ${definition.path} (${definition.type}); use one of ${definition.operators.join(', ')}`,
      );
    }
    const valuePath = join(path, 'value');
    const source = definition.source;
    switch (source.kind) {
      case 'event':
        return eventCondition(node.value, valuePath, operator as EventOperator);
      case 'segment':
        return segmentCondition(node.value, valuePath, operator as ComparisonOperator);
      case 'identity': {
        const providers = stringList(node.value, valuePath, operator as ComparisonOperator, 'a provider');
        return providers && { kind: 'identity', positive: operator === 'eq' || operator === 'in', providers: providers.map((provider) => provider.toLowerCase()) };
      }
      case 'consent': {
        const value = scalarValue(node.value, valuePath, 'boolean', operator as ComparisonOperator);
        if (value === null) return undefined;
        return { kind: 'consent', purpose: source.purpose, operator: operator as CheckedConsentCondition['operator'], value: value as boolean | undefined };
      }
      default: {
        let value = scalarValue(node.value, valuePath, definition.type as ScalarType, operator as ComparisonOperator);
        if (value === null) return undefined;
        const normalize = context.normalizeValue;
        if (normalize && source.kind === 'person' && (source.column === 'email' || source.column === 'phone') && EXACT_OPERATORS.has(operator)) {
          const column = source.column;
          value = Array.isArray(value) ? value.map((item) => normalize(column, item as string)) : normalize(column, value as string);
        }
        return { kind: 'scalar', path: definition.path, source, type: definition.type as ScalarType, operator: operator as ComparisonOperator, value };
      }
    }
  };

  const fieldOf = (node: Record<string, unknown>, path: string): FieldDefinition | undefined => {
    const name = node.field as string;
    if (!name.startsWith(TRAIT_PREFIX)) {
      if (node.valueType !== undefined) return fail(join(path, 'valueType'), 'INVALID_CONDITION', 'valueType may only be given for trait.<key> fields');
      const definition = staticField(name);
      if (definition) return definition;
      if (name.startsWith('consent.')) return fail(join(path, 'field'), 'UNKNOWN_FIELD', `unknown consent purpose in "${name.slice(0, 60)}"; use one of ${CONSENT_PURPOSES.join(', ')}`);
      return fail(join(path, 'field'), 'UNKNOWN_FIELD', `unknown field "${name.slice(0, 60)}"; see segmentFields for the catalog (traits are trait.<key>)`);
    }
    const key = name.slice(TRAIT_PREFIX.length);
    if (!key || key.length > MAX_TRAIT_KEY_LENGTH) return fail(join(path, 'field'), 'UNKNOWN_FIELD', `a trait field is trait.<key> with a key of 1 to ${MAX_TRAIT_KEY_LENGTH} characters`);
    let type: ScalarType | undefined;
    if (node.valueType !== undefined) {
      if (!['string', 'number', 'boolean', 'date'].includes(node.valueType as string)) {
        return fail(join(path, 'valueType'), 'INVALID_CONDITION', `valueType must be string, number, boolean or date, got ${describe(node.valueType)}`);
      }
      type = node.valueType as ScalarType;
    }
    type ??= context.traitTypes?.get(key) ?? inferTraitType(node.operator, node.value);
    return traitField(key, type);
  };

  /** The normalized value, undefined for exists/not_exists, or null after recording an error. */
  const scalarValue = (value: unknown, path: string, type: ScalarType, operator: ComparisonOperator): ScalarValue | ScalarValue[] | undefined | null => {
    const invalid = (message: string) => (fail(path, 'INVALID_VALUE', message), null);
    switch (operator) {
      case 'exists':
      case 'not_exists':
        return value === undefined || value === null ? undefined : invalid(`${operator} takes no value, got ${describe(value)}`);
      case 'within_last_days':
        return isWholeNumber(value, 1, MAX_DAYS) ? value : invalid(`within_last_days needs a whole number of days from 1 to ${MAX_DAYS}, got ${describe(value)}`);
      case 'in':
      case 'not_in': {
        if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST_LENGTH) return invalid(`${operator} needs a list of 1 to ${MAX_LIST_LENGTH} ${type} values, got ${describe(value)}`);
        const items = value.map((item, index) => single(item, join(path, index), type));
        return items.some((item) => item === null) ? null : (items as ScalarValue[]);
      }
      case 'between': {
        if (!Array.isArray(value) || value.length !== 2) return invalid(`between needs [low, high] (two ${type} values), got ${describe(value)}`);
        const low = single(value[0], join(path, 0), type);
        const high = single(value[1], join(path, 1), type, 'end');
        if (low === null || high === null) return null;
        const ordered = type === 'date' ? Date.parse(low as string) <= Date.parse(high as string) : (low as number) <= (high as number);
        return ordered ? [low, high] : invalid('between needs low <= high');
      }
      case 'contains':
      case 'starts_with':
        if (typeof value !== 'string' || value.length === 0) return invalid(`${operator} needs a non-empty string, got ${describe(value)}`);
        return single(value, path, 'string');
      default:
        return single(value, path, type, operator === 'after' ? 'end' : 'start');
    }
  };

  const single = (value: unknown, path: string, type: ScalarType, bound: 'start' | 'end' = 'start'): ScalarValue | null => {
    const invalid = (message: string) => (fail(path, 'INVALID_VALUE', message), null);
    switch (type) {
      case 'string':
        if (typeof value !== 'string') return invalid(`expected a string, got ${describe(value)}`);
        return value.length > MAX_STRING_LENGTH ? invalid(`strings may be at most ${MAX_STRING_LENGTH} characters`) : value;
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e15 ? value : invalid(`expected a number, got ${describe(value)}`);
      case 'boolean':
        return typeof value === 'boolean' ? value : invalid(`expected true or false, got ${describe(value)}`);
      case 'date': {
        const instant = parseDate(value, bound);
        return instant ?? invalid(`expected a date (YYYY-MM-DD) or an instant with an offset (e.g. 2025-01-31T12:00:00Z), got ${describe(value)}`);
      }
    }
  };

  const stringList = (value: unknown, path: string, operator: ComparisonOperator, what: string): string[] | undefined => {
    if (operator === 'eq' || operator === 'neq') {
      if (typeof value !== 'string' || !value || value.length > MAX_STRING_LENGTH) return fail(path, 'INVALID_VALUE', `${operator} needs ${what}, got ${describe(value)}`);
      return [value];
    }
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST_LENGTH) return fail(path, 'INVALID_VALUE', `${operator} needs a list of 1 to ${MAX_LIST_LENGTH} values, got ${describe(value)}`);
    const bad = value.findIndex((item) => typeof item !== 'string' || !item || item.length > MAX_STRING_LENGTH);
    if (bad >= 0) return fail(join(path, bad), 'INVALID_VALUE', `expected ${what}, got ${describe(value[bad])}`);
    return value as string[];
  };

  const segmentCondition = (value: unknown, path: string, operator: ComparisonOperator): CheckedSegmentCondition | undefined => {
    const ids = stringList(value, path, operator, 'a segment id');
    if (!ids) return undefined;
    const normalized: string[] = [];
    ids.forEach((id, index) => {
      const itemPath = Array.isArray(value) ? join(path, index) : path;
      if (!UUID.test(id)) return fail(itemPath, 'INVALID_VALUE', `"${id.slice(0, 60)}" is not a segment id`);
      const lower = id.toLowerCase();
      if (context.segmentId && lower === context.segmentId.toLowerCase()) return fail(itemPath, 'SEGMENT_CYCLE', 'a segment cannot refer to itself');
      if (context.segments && !context.segments.has(lower)) return fail(itemPath, 'UNKNOWN_SEGMENT', `no segment has the id ${lower}`);
      const chain = context.segmentId ? cycleThrough(lower, context.segmentId.toLowerCase(), context.segments) : undefined;
      if (chain) {
        const names = chain.map((step) => context.segments?.get(step)?.name ?? step);
        return fail(itemPath, 'SEGMENT_CYCLE', `a segment cannot refer to itself through another: ${names.join(' -> ')} -> this segment`);
      }
      normalized.push(lower);
    });
    if (normalized.length !== ids.length) return undefined;
    return { kind: 'segment', positive: operator === 'eq' || operator === 'in', ids: normalized };
  };

  const eventCondition = (value: unknown, path: string, operator: EventOperator): CheckedEventCondition | undefined => {
    if (!isPlainObject(value)) return fail(path, 'INVALID_VALUE', `an event condition needs { name, minCount?, withinLastDays?, from?, to?, where? }, got ${describe(value)}`);
    const before = errors.length;
    const extra = Object.keys(value).filter((key) => !['name', 'minCount', 'withinLastDays', 'from', 'to', 'where'].includes(key));
    if (extra.length) fail(join(path, extra[0]), 'INVALID_VALUE', `unknown property "${extra[0].slice(0, 40)}" of an event condition`);
    const name = value.name;
    if (typeof name !== 'string' || !name || name.length > MAX_STRING_LENGTH) fail(join(path, 'name'), 'INVALID_VALUE', `an event name is required, got ${describe(name)}`);
    const minCount = value.minCount ?? 1;
    if (!isWholeNumber(minCount, 1, MAX_EVENT_COUNT)) fail(join(path, 'minCount'), 'INVALID_VALUE', `minCount must be a whole number from 1 to ${MAX_EVENT_COUNT}, got ${describe(minCount)}`);
    const withinLastDays = value.withinLastDays;
    if (withinLastDays !== undefined && !isWholeNumber(withinLastDays, 1, MAX_DAYS)) fail(join(path, 'withinLastDays'), 'INVALID_VALUE', `withinLastDays must be a whole number from 1 to ${MAX_DAYS}, got ${describe(withinLastDays)}`);
    const from = value.from === undefined ? undefined : parseDate(value.from);
    if (from === null) fail(join(path, 'from'), 'INVALID_VALUE', `from must be a date (YYYY-MM-DD) or an instant with an offset, got ${describe(value.from)}`);
    const to = value.to === undefined ? undefined : parseDate(value.to, 'end');
    if (to === null) fail(join(path, 'to'), 'INVALID_VALUE', `to must be a date (YYYY-MM-DD) or an instant with an offset, got ${describe(value.to)}`);
    if (from && to && Date.parse(from) > Date.parse(to)) fail(join(path, 'to'), 'INVALID_VALUE', 'to must not be before from');
    const where: CheckedPropertyFilter[] = [];
    if (value.where !== undefined) {
      if (!Array.isArray(value.where) || value.where.length > 20) fail(join(path, 'where'), 'INVALID_VALUE', `where must be a list of at most 20 property filters, got ${describe(value.where)}`);
      else value.where.forEach((filter, index) => {
        const checked = propertyFilter(filter, join(join(path, 'where'), index));
        if (checked) where.push(checked);
      });
    }
    if (errors.length > before) return undefined;
    return { kind: 'event', operator, name: name as string, minCount: minCount as number, withinLastDays: withinLastDays as number | undefined, from: from ?? undefined, to: to ?? undefined, where };
  };

  const propertyFilter = (filter: unknown, path: string): CheckedPropertyFilter | undefined => {
    if (!isPlainObject(filter)) return fail(path, 'INVALID_VALUE', `a property filter is { property, operator, value }, got ${describe(filter)}`);
    const extra = Object.keys(filter).filter((key) => !['property', 'operator', 'value'].includes(key));
    if (extra.length) return fail(join(path, extra[0]), 'INVALID_VALUE', `unknown property "${extra[0].slice(0, 40)}" of a property filter`);
    const property = filter.property;
    if (typeof property !== 'string' || !property || property.length > MAX_TRAIT_KEY_LENGTH) return fail(join(path, 'property'), 'INVALID_VALUE', `a property name is required, got ${describe(property)}`);
    const operator = filter.operator as PropertyOperator;
    if (!PROPERTY_OPERATORS.includes(operator)) return fail(join(path, 'operator'), 'OPERATOR_NOT_ALLOWED', `operator ${describe(operator)} is not allowed on event properties; use one of ${PROPERTY_OPERATORS.join(', ')}`);
    const valuePath = join(path, 'value');
    const value = filter.value;
    const scalar = (item: unknown) => typeof item === 'string' || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item) && Math.abs(item) < 1e15);
    switch (operator) {
      case 'exists':
      case 'not_exists':
        return value === undefined || value === null ? { property, operator, value: undefined } : fail(valuePath, 'INVALID_VALUE', `${operator} takes no value, got ${describe(value)}`);
      case 'in':
        if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST_LENGTH || !value.every(scalar)) return fail(valuePath, 'INVALID_VALUE', `in needs a list of 1 to ${MAX_LIST_LENGTH} strings, numbers or booleans, got ${describe(value)}`);
        return { property, operator, value: value as ScalarValue[] };
      case 'contains':
      case 'starts_with':
        if (typeof value !== 'string' || !value || value.length > MAX_STRING_LENGTH) return fail(valuePath, 'INVALID_VALUE', `${operator} needs a non-empty string, got ${describe(value)}`);
        return { property, operator, value };
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (typeof value !== 'number' || !scalar(value)) return fail(valuePath, 'INVALID_VALUE', `${operator} needs a number, got ${describe(value)}`);
        return { property, operator, value };
      default:
        if (!scalar(value) || (typeof value === 'string' && value.length > MAX_STRING_LENGTH)) return fail(valuePath, 'INVALID_VALUE', `${operator} needs a string, number or boolean, got ${describe(value)}`);
        return { property, operator, value: value as ScalarValue };
    }
  };

  if (!isPlainObject(input)) {
    fail('', 'INVALID_GROUP', `rules must be a group { operator: "AND" | "OR", conditions: [...] }, got ${describe(input)}`);
    return { ok: false, rules: undefined, errors };
  }
  if (!('conditions' in input)) {
    fail('', 'INVALID_GROUP', 'rules must be a group { operator: "AND" | "OR", conditions: [...] } at the top, not a single condition');
    return { ok: false, rules: undefined, errors };
  }
  const checked = group(input, '', 1);
  if (errors.length || !checked) return { ok: false, rules: undefined, errors };
  return { ok: true, rules: checked, errors: [] };
}

/** Validates and throws a RuleValidationError listing every problem. */
export function checkRules(input: unknown, context: RuleContext = {}): CheckedGroup {
  const result = validateRules(input, context);
  if (!result.ok) throw new RuleValidationError(result.errors);
  return result.rules;
}

function isWholeNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * An ISO instant (UTC, with Z) for a valid date or instant, else null. A date is a whole day in UTC:
 * as a lower bound (and as a value) it is its first instant, as an upper bound (`to`, the high end
 * of `between`, `after`) its last, so that `to: "2025-01-31"` includes all of the 31st.
 */
export function parseDate(value: unknown, bound: 'start' | 'end' = 'start'): string | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE.exec(value) ?? ISO_INSTANT.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.parse rolls 2025-02-31 over to March; PostgreSQL refuses it: refuse days a month lacks.
  if (year < 1 || day > new Date(Date.UTC(2000, month, 0)).getUTCDate() || (month === 2 && day === 29 && !isLeapYear(year))) return null;
  const time = Date.parse(match[0].length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) return null;
  const instant = new Date(time);
  if (instant.getUTCFullYear() < 1 || instant.getUTCFullYear() > 9999) return null;
  // Microseconds: PostgreSQL keeps them, so the day's last instant is .999999.
  return match[0].length === 10 && bound === 'end' ? `${instant.toISOString().slice(0, 10)}T23:59:59.999999Z` : instant.toISOString();
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function inferTraitType(operator: unknown, value: unknown): ScalarType {
  if (operator === 'before' || operator === 'after' || operator === 'within_last_days') return 'date';
  const sample = Array.isArray(value) ? value[0] : value;
  if (typeof sample === 'number') return 'number';
  if (typeof sample === 'boolean') return 'boolean';
  if (operator === 'between' && typeof sample === 'string') return 'date';
  return 'string';
}

/** The chain of segments from `start` back to `target` through their references, if there is one. */
function cycleThrough(start: string, target: string, segments: RuleContext['segments']): string[] | undefined {
  if (!segments) return undefined;
  const seen = new Set<string>();
  const walk = (id: string, chain: string[]): string[] | undefined => {
    if (seen.has(id)) return undefined;
    seen.add(id);
    for (const next of segments.get(id)?.references ?? []) {
      if (next === target) return [...chain, id];
      const found = walk(next, [...chain, id]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, []);
}

