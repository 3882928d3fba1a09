// The rule tree a segment is defined by, as stored in segment.rules and sent by the console.

export type GroupOperator = 'AND' | 'OR';

export interface RuleGroup {
  operator: GroupOperator;
  conditions: RuleNode[];
}

export interface RuleCondition {
  field: string;
  operator: ConditionOperator;
  value?: unknown;
  /** Only for `trait.<key>`: the value type, when the data should not decide it. */
  valueType?: ScalarType;
}

export type RuleNode = RuleGroup | RuleCondition;

export type ScalarType = 'string' | 'number' | 'boolean' | 'date';

/** What a field holds: a scalar, or one of the structured kinds with their own value shape. */
export type FieldType = ScalarType | 'event' | 'segment' | 'identity';

export const COMPARISON_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'not_in',
  'contains',
  'starts_with',
  'exists',
  'not_exists',
  'within_last_days',
  'before',
  'after',
] as const;
export const EVENT_OPERATORS = ['performed', 'not_performed'] as const;

export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export type EventOperator = (typeof EVENT_OPERATORS)[number];
export type ConditionOperator = ComparisonOperator | EventOperator;

export const OPERATORS_BY_TYPE: Record<FieldType, readonly ConditionOperator[]> = {
  string: ['eq', 'neq', 'in', 'not_in', 'contains', 'starts_with', 'exists', 'not_exists'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'exists', 'not_exists'],
  boolean: ['eq', 'neq', 'exists', 'not_exists'],
  date: ['before', 'after', 'between', 'within_last_days', 'exists', 'not_exists'],
  event: ['performed', 'not_performed'],
  segment: ['eq', 'neq', 'in', 'not_in'],
  identity: ['eq', 'neq', 'in', 'not_in'],
};

/** Operators on event properties (`where` of an event condition); the value's JSON type decides the comparison. */
export const PROPERTY_OPERATORS = ['eq', 'neq', 'in', 'contains', 'starts_with', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'] as const;
export type PropertyOperator = (typeof PROPERTY_OPERATORS)[number];

export interface PropertyFilter {
  property: string;
  operator: PropertyOperator;
  value?: string | number | boolean | (string | number | boolean)[];
}

/** The value of an `event` condition: performed (or not) `name` at least `minCount` times, in a window, with property filters. */
export interface EventConditionValue {
  name: string;
  /** At least this many times (default 1); `not_performed` means fewer than this many. */
  minCount?: number;
  withinLastDays?: number;
  /** Inclusive bounds (ISO dates or instants). */
  from?: string;
  to?: string;
  where?: PropertyFilter[];
}

export function isGroup(node: unknown): node is RuleGroup {
  return typeof node === 'object' && node !== null && 'conditions' in node;
}
