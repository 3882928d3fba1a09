// Compiles a checked rule tree into one parameterized SQL query over live persons (alias p).
// SQL text comes only from this file and the field catalog; every value, trait key, event name
// and property name is a parameter.
import { ACTIVITY_EVENT_TYPES, EMAIL_CLICK_EVENTS, EMAIL_OPEN_EVENTS, FEATURE_WINDOW_DAYS, PRICING_MARKER, type ComputedFeature } from './field-catalog.js';
import { PERSONAL_VALUE_SQL_PATTERNS } from './personal-values.js';
import { NUMERIC_TEXT_LIMIT, NUMERIC_TEXT_SQL } from './numeric-text.js';
import type { ComparisonOperator, ScalarType } from './rule-tree.js';
import type {
  CheckedCondition,
  CheckedEventCondition,
  CheckedGroup,
  CheckedNode,
  CheckedPropertyFilter,
  CheckedScalarCondition,
  ScalarValue,
} from './validate-rules.js';

export const DAY_MS = 86_400_000;

export interface CompileOptions {
  /** The reference time: windows, expiries and "days since" are measured from it. */
  now: Date;
  /** Number of the first parameter ($n), when the query is embedded after other parameters. */
  firstParameter?: number;
  /**
   * Trait keys and event properties whose text values are guarded: no value condition on them
   * (text or number, which reads numbers sent as text) matches a text value that holds an e-mail
   * address or a phone number (personal-values.ts). Spine guards, for callers without pii:read,
   * every key that does not itself name personal data.
   */
  guardsPersonalValues?: (key: string) => boolean;
}

export interface CompiledRules {
  /** FROM clause: person p plus 1:1 joins the rules need. */
  from: string;
  /** Boolean SQL over p (and the joins); never NULL-sensitive: no negation wraps it. */
  where: string;
  parameters: unknown[];
}

/** Property operators that compare a value (number ones too: "+14155550177" is read as a number). */
const VALUE_PROPERTY_OPERATORS = new Set<string>(['eq', 'neq', 'in', 'contains', 'starts_with', 'gt', 'gte', 'lt', 'lte']);

type SqlCast = 'text' | 'float8' | 'boolean' | 'timestamptz' | 'int' | 'bigint' | 'text[]' | 'float8[]' | 'boolean[]' | 'uuid[]' | 'jsonb';

const CAST_BY_TYPE: Record<ScalarType, SqlCast> = { string: 'text', number: 'float8', boolean: 'boolean', date: 'timestamptz' };
const ARRAY_CAST_BY_TYPE: Record<ScalarType, SqlCast> = { string: 'text[]', number: 'float8[]', boolean: 'boolean[]', date: 'text[]' };

class Parameters {
  readonly values: unknown[] = [];
  private readonly byKey = new Map<string, string>();
  constructor(private readonly first: number) {}

  add(value: unknown, cast: SqlCast): string {
    this.values.push(value);
    return `$${this.first + this.values.length - 1}::${cast}`;
  }

  /** One parameter for a constant used many times (the reference time, catalog lists). */
  shared(key: string, value: unknown, cast: SqlCast): string {
    let placeholder = this.byKey.get(key);
    if (!placeholder) {
      placeholder = this.add(value, cast);
      this.byKey.set(key, placeholder);
    }
    return placeholder;
  }
}

export function compileRules(rules: CheckedGroup, options: CompileOptions): CompiledRules {
  const parameters = new Parameters(options.firstParameter ?? 1);
  const joins = new Set<string>();
  const now = () => parameters.shared('now', options.now.toISOString(), 'timestamptz');
  const windowStart = () => parameters.shared('window', new Date(options.now.getTime() - FEATURE_WINDOW_DAYS * DAY_MS).toISOString(), 'timestamptz');
  const activityTypes = () => parameters.shared('activity', [...ACTIVITY_EVENT_TYPES], 'text[]');
  /** SQL that is true when the text expression holds no e-mail address or phone number. */
  const impersonal = (text: string) =>
    `NOT (${text} ~ ${parameters.shared('email-pattern', PERSONAL_VALUE_SQL_PATTERNS.email, 'text')} OR ${text} ~ ${parameters.shared('phone-pattern', PERSONAL_VALUE_SQL_PATTERNS.phone, 'text')})`;
  const guarded = (key: string) => options.guardsPersonalValues?.(key) ?? false;

  const node = (current: CheckedNode, conjunctive: boolean): string => (current.kind === 'group' ? group(current, conjunctive) : condition(current, conjunctive));

  const group = (current: CheckedGroup, conjunctive: boolean): string => {
    if (current.conditions.length === 0) return current.operator === 'AND' ? 'TRUE' : 'FALSE';
    const childConjunctive = conjunctive && (current.operator === 'AND' || current.conditions.length === 1);
    const parts = current.conditions.map((child) => node(child, childConjunctive));
    return parts.length === 1 ? parts[0] : `(${parts.join(current.operator === 'AND' ? ' AND ' : ' OR ')})`;
  };

  const condition = (current: CheckedCondition, conjunctive: boolean): string => {
    switch (current.kind) {
      case 'scalar':
        return scalar(current);
      case 'consent': {
        const purpose = parameters.add(current.purpose, 'text');
        if (current.operator === 'exists' || current.operator === 'not_exists') {
          const recorded = `EXISTS (SELECT 1 FROM consent c WHERE c.person_id = p.id AND c.purpose = ${purpose})`;
          return current.operator === 'exists' ? recorded : `NOT ${recorded}`;
        }
        const granted = `EXISTS (SELECT 1 FROM consent c WHERE c.person_id = p.id AND c.purpose = ${purpose} AND c.granted AND (c.expires_at IS NULL OR c.expires_at > ${now()}))`;
        const wantsGranted = (current.operator === 'eq') === current.value;
        return wantsGranted ? granted : `NOT ${granted}`;
      }
      case 'identity': {
        const has = `EXISTS (SELECT 1 FROM identity i WHERE i.person_id = p.id AND i.provider = ANY(${parameters.add(current.providers, 'text[]')}))`;
        return current.positive ? has : `NOT ${has}`;
      }
      case 'segment': {
        const member = `EXISTS (SELECT 1 FROM segment_membership sm WHERE sm.person_id = p.id AND sm.segment_id = ANY(${parameters.add(current.ids, 'uuid[]')}) AND sm.exited_at IS NULL)`;
        return current.positive ? member : `NOT ${member}`;
      }
      case 'event':
        return event(current, conjunctive);
    }
  };

  const scalar = (current: CheckedScalarCondition): string => {
    const { source } = current;
    switch (source.kind) {
      case 'person':
        return compare(`p.${source.column}`, current.type, current.operator, current.value);
      case 'ltv':
        joins.add('LEFT JOIN lifetime_value lv ON lv.person_id = p.id');
        return compare(`lv.${source.column}`, current.type, current.operator, current.value);
      case 'engagement':
        joins.add('LEFT JOIN engagement_score es ON es.person_id = p.id');
        return compare(`es.${source.column}`, current.type, current.operator, current.value);
      case 'computed':
        return compare(feature(source.feature), 'number', current.operator, current.value);
      case 'trait': {
        const live = `t.person_id = p.id AND t.key = ${parameters.add(source.key, 'text')} AND (t.expires_at IS NULL OR t.expires_at > ${now()})`;
        if (current.operator === 'exists' || current.operator === 'not_exists') {
          const present = `EXISTS (SELECT 1 FROM trait t WHERE ${live} AND t.value IS NOT NULL AND jsonb_typeof(t.value) <> 'null')`;
          return current.operator === 'exists' ? present : `NOT ${present}`;
        }
        // Equality on strings and booleans compares the JSON itself (a value of another JSON type is
        // never equal), against a constant: cheaper per row than reading the value out, and
        // indexable on (key, value).
        const test =
          current.operator === 'eq' && (current.type === 'string' || current.type === 'boolean')
            ? `t.value = ${parameters.add(JSON.stringify(current.value), 'jsonb')}`
            : compare(traitValue(current.type), current.type, current.operator, current.value);
        // Every type: a number condition reads text too ("+14155550177" > 14155550176 would spell a phone out).
        const guard = guarded(source.key) ? ` AND (jsonb_typeof(t.value) <> 'string' OR ${impersonal(`(t.value #>> '{}')`)})` : '';
        return `EXISTS (SELECT 1 FROM trait t WHERE ${live} AND ${test}${guard})`;
      }
    }
  };

  /** A comparison that is NULL (so false) when the expression is NULL, except for exists/not_exists. */
  const compare = (expression: string, type: ScalarType, operator: ComparisonOperator, value: ScalarValue | ScalarValue[] | undefined): string => {
    const cast = CAST_BY_TYPE[type];
    switch (operator) {
      case 'exists':
        return `${expression} IS NOT NULL`;
      case 'not_exists':
        return `${expression} IS NULL`;
      case 'eq':
        return `${expression} = ${parameters.add(value, cast)}`;
      case 'neq':
        return `${expression} <> ${parameters.add(value, cast)}`;
      case 'gt':
      case 'after':
        return `${expression} > ${parameters.add(value, cast)}`;
      case 'gte':
        return `${expression} >= ${parameters.add(value, cast)}`;
      case 'lt':
      case 'before':
        return `${expression} < ${parameters.add(value, cast)}`;
      case 'lte':
        return `${expression} <= ${parameters.add(value, cast)}`;
      case 'between': {
        const [low, high] = value as ScalarValue[];
        return `${expression} BETWEEN ${parameters.add(low, cast)} AND ${parameters.add(high, cast)}`;
      }
      case 'in':
        return `${expression} = ANY(${parameters.add(value, ARRAY_CAST_BY_TYPE[type])})`;
      case 'not_in':
        return `${expression} <> ALL(${parameters.add(value, ARRAY_CAST_BY_TYPE[type])})`;
      case 'contains':
        return `strpos(lower(${expression}), lower(${parameters.add(value, 'text')})) > 0`;
      case 'starts_with':
        return `starts_with(lower(${expression}), lower(${parameters.add(value, 'text')}))`;
      case 'within_last_days':
        // The last N days up to now: a date still to come is not within them.
        return `(${expression} >= ${parameters.add(new Date(options.now.getTime() - (value as number) * DAY_MS).toISOString(), 'timestamptz')} AND ${expression} <= ${now()})`;
    }
  };

  const feature = (name: ComputedFeature): string => {
    // Activity is what happened up to now: an event stamped ahead (clock skew within what ingestion
    // accepts) counts once its time has come.
    const recent = (filter: string, count = 'count(*)') =>
      `(SELECT ${count} FROM event e WHERE e.person_id = p.id AND e.occurred_at >= ${windowStart()} AND e.occurred_at <= ${now()} AND ${filter})`;
    switch (name) {
      case 'activeDays':
        return recent(`e.type = ANY(${activityTypes()})`, `count(DISTINCT (e.occurred_at AT TIME ZONE 'UTC')::date)`);
      case 'coreActions':
        return recent(`e.type = 'track' AND e.name <> ALL(${parameters.shared('email-events', [...EMAIL_OPEN_EVENTS, ...EMAIL_CLICK_EVENTS], 'text[]')})`);
      case 'pricingViews': {
        const marker = parameters.shared('pricing', PRICING_MARKER, 'text');
        return recent(
          `e.type = ANY(${activityTypes()}) AND (strpos(lower(e.name), ${marker}) > 0 OR (jsonb_typeof(e.properties -> 'path') = 'string' AND strpos(lower(e.properties ->> 'path'), ${marker}) > 0))`,
        );
      }
      case 'emailOpens':
        return recent(`e.name = ANY(${parameters.shared('email-opens', [...EMAIL_OPEN_EVENTS], 'text[]')})`);
      case 'emailClicks':
        return recent(`e.name = ANY(${parameters.shared('email-clicks', [...EMAIL_CLICK_EVENTS], 'text[]')})`);
      case 'daysSinceSignup':
        return `floor(extract(epoch FROM (${now()} - p.first_seen_at)) / 86400)`;
      case 'daysSinceLastActive':
        return `floor(extract(epoch FROM (${now()} - (SELECT max(e.occurred_at) FROM event e WHERE e.person_id = p.id AND e.occurred_at <= ${now()} AND e.type = ANY(${activityTypes()})))) / 86400)`;
    }
  };

  const event = (current: CheckedEventCondition, conjunctive: boolean): string => {
    const filters = [`e.name = ${parameters.add(current.name, 'text')}`];
    if (current.withinLastDays !== undefined) {
      filters.push(`e.occurred_at >= ${parameters.add(new Date(options.now.getTime() - current.withinLastDays * DAY_MS).toISOString(), 'timestamptz')}`, `e.occurred_at <= ${now()}`);
    }
    if (current.from !== undefined) filters.push(`e.occurred_at >= ${parameters.add(current.from, 'timestamptz')}`);
    if (current.to !== undefined) filters.push(`e.occurred_at <= ${parameters.add(current.to, 'timestamptz')}`);
    for (const filter of current.where) filters.push(propertyFilter(filter));
    const matching = filters.join(' AND ');
    const performed = current.operator === 'performed';
    if (current.minCount === 1) {
      const exists = `EXISTS (SELECT 1 FROM event e WHERE e.person_id = p.id AND ${matching})`;
      return performed ? exists : `NOT ${exists}`;
    }
    const minCount = parameters.add(current.minCount, 'bigint');
    // Where the condition must hold for every member (only ANDs above it), a grouped semi-join
    // lets PostgreSQL aggregate the matching events once; elsewhere, count per person.
    if (performed && conjunctive) return `p.id IN (SELECT e.person_id FROM event e WHERE e.person_id IS NOT NULL AND ${matching} GROUP BY e.person_id HAVING count(*) >= ${minCount})`;
    return `(SELECT count(*) FROM event e WHERE e.person_id = p.id AND ${matching}) ${performed ? '>=' : '<'} ${minCount}`;
  };

  const propertyFilter = (filter: CheckedPropertyFilter): string => {
    const test = propertyTest(filter);
    if (!VALUE_PROPERTY_OPERATORS.has(filter.operator) || !guarded(filter.property)) return test;
    const property = parameters.add(filter.property, 'text');
    return `(${test} AND (jsonb_typeof(e.properties -> ${property}) <> 'string' OR ${impersonal(`(e.properties ->> ${property})`)}))`;
  };

  const propertyTest = (filter: CheckedPropertyFilter): string => {
    const property = parameters.add(filter.property, 'text');
    const json = `(e.properties -> ${property})`;
    const value = filter.value;
    switch (filter.operator) {
      case 'exists':
        return `${json} IS NOT NULL`;
      case 'not_exists':
        return `${json} IS NULL`;
      case 'eq':
        return `${json} = ${parameters.add(JSON.stringify(value), 'jsonb')}`;
      case 'neq':
        return `${json} <> ${parameters.add(JSON.stringify(value), 'jsonb')}`;
      case 'in':
        return `${json} IN (SELECT jsonb_array_elements(${parameters.add(JSON.stringify(value), 'jsonb')}))`;
      case 'contains':
        return `(CASE WHEN jsonb_typeof(${json}) = 'string' THEN strpos(lower(e.properties ->> ${property}), lower(${parameters.add(value, 'text')})) > 0 END)`;
      case 'starts_with':
        return `(CASE WHEN jsonb_typeof(${json}) = 'string' THEN starts_with(lower(e.properties ->> ${property}), lower(${parameters.add(value, 'text')})) END)`;
      default: {
        const operator = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[filter.operator];
        return `${numberOf(json, `(e.properties ->> ${property})`)} ${operator} ${parameters.add(value, 'float8')}`;
      }
    }
  };

  const where = node(rules, true);
  return { from: ['person p', ...joins].join(' '), where: `p.merged_into_id IS NULL AND ${where}`, parameters: parameters.values };
}

/**
 * A JSON value as a number: a JSON number, or a string holding one (" 20.50", "-3", "1.5e3"), as
 * sources often send amounts and counts, by the rule the lifetime value reads amounts with
 * (numeric-text.ts); else NULL. The exponent is bounded and numeric casts first, so nothing overflows.
 */
function numberOf(json: string, text: string): string {
  const trimmed = `btrim(${text})`;
  // Nested CASE: only text that matched is cast (AND does not promise an order of evaluation).
  return `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN (${json})::float8 WHEN jsonb_typeof(${json}) = 'string' AND ${trimmed} ~ '${NUMERIC_TEXT_SQL}' THEN (CASE WHEN abs(${trimmed}::numeric) < ${NUMERIC_TEXT_LIMIT} THEN ${trimmed}::numeric::float8 END) END)`;
}

/** A trait's JSON value as SQL of the given type; values of another JSON type become NULL (no match). */
function traitValue(type: ScalarType): string {
  switch (type) {
    case 'string':
      return `(CASE WHEN jsonb_typeof(t.value) = 'string' THEN t.value #>> '{}' END)`;
    case 'number':
      return numberOf('t.value', `(t.value #>> '{}')`);
    case 'boolean':
      return `(CASE WHEN jsonb_typeof(t.value) = 'boolean' THEN (t.value)::boolean END)`;
    case 'date':
      return `(CASE WHEN jsonb_typeof(t.value) = 'string' THEN segment_rules_timestamptz(t.value #>> '{}') END)`;
  }
}

/** SELECT of the matching live persons' ids. */
export function selectMatchingPersons(compiled: CompiledRules, columns = 'p.id'): string {
  return `SELECT ${columns} FROM ${compiled.from} WHERE ${compiled.where}`;
}
