// A straightforward in-memory evaluator of checked rules over one person's facts: the reference
// the SQL compiler is tested against (property tests), and a readable statement of the semantics.
// Not for production use: segments are evaluated by PostgreSQL.
import { ACTIVITY_EVENT_TYPES, EMAIL_CLICK_EVENTS, EMAIL_OPEN_EVENTS, FEATURE_WINDOW_DAYS, PRICING_MARKER, type ComputedFeature } from './field-catalog.js';
import { DAY_MS } from './compile-rules.js';
import { parseDate, type CheckedCondition, type CheckedGroup, type CheckedNode, type CheckedPropertyFilter, type CheckedScalarCondition, type ScalarValue } from './validate-rules.js';
import type { ScalarType } from './rule-tree.js';
import { holdsPersonalValue } from './personal-values.js';
import { numberFromJson } from './numeric-text.js';

export interface PersonFacts {
  id: string;
  mergedIntoId: string | null;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  createdAt: Date;
  traits: { key: string; value: unknown; expiresAt: Date | null }[];
  consents: { purpose: string; granted: boolean; expiresAt: Date | null }[];
  events: { name: string; type: string; properties: Record<string, unknown>; occurredAt: Date }[];
  identities: { provider: string }[];
  lifetimeValue: Record<string, number | null> | null;
  engagement: Record<string, number | null> | null;
  /** Segments the person is currently a member of. */
  segmentIds: string[];
}

const PERSON_COLUMNS = { email: 'email', phone: 'phone', first_name: 'firstName', last_name: 'lastName', first_seen_at: 'firstSeenAt', last_seen_at: 'lastSeenAt', created_at: 'createdAt' } as const;
const LTV_COLUMNS = {
  current_value: 'currentValue',
  predicted_value: 'predictedValue',
  total_purchases: 'totalPurchases',
  average_purchase_value: 'averagePurchaseValue',
  churn_probability: 'churnProbability',
  expected_purchases: 'expectedPurchases',
} as const;

type Comparable = string | number | boolean | Date | null | undefined;

export function evaluateRules(rules: CheckedGroup, person: PersonFacts, now: Date, options: { guardsPersonalValues?: (key: string) => boolean } = {}): boolean {
  if (person.mergedIntoId !== null) return false;
  /** A string under a guarded key that holds an e-mail address or phone number matches no string condition. */
  const hidden = (key: string, value: unknown) => typeof value === 'string' && (options.guardsPersonalValues?.(key) ?? false) && holdsPersonalValue(value);
  const live = (expiresAt: Date | null) => expiresAt === null || expiresAt.getTime() > now.getTime();

  const node = (current: CheckedNode): boolean => {
    if (current.kind === 'group') return current.operator === 'AND' ? current.conditions.every(node) : current.conditions.some(node);
    return condition(current);
  };

  const condition = (current: CheckedCondition): boolean => {
    switch (current.kind) {
      case 'scalar':
        return scalar(current);
      case 'consent': {
        const record = person.consents.find((consent) => consent.purpose === current.purpose);
        if (current.operator === 'exists') return record !== undefined;
        if (current.operator === 'not_exists') return record === undefined;
        const granted = record !== undefined && record.granted && live(record.expiresAt);
        return granted === ((current.operator === 'eq') === current.value);
      }
      case 'identity': {
        const has = person.identities.some((identity) => current.providers.includes(identity.provider));
        return has === current.positive;
      }
      case 'segment': {
        const member = person.segmentIds.some((id) => current.ids.includes(id));
        return member === current.positive;
      }
      case 'event': {
        const count = person.events.filter(
          (event) =>
            event.name === current.name &&
            (current.withinLastDays === undefined || (event.occurredAt.getTime() >= now.getTime() - current.withinLastDays * DAY_MS && event.occurredAt.getTime() <= now.getTime())) &&
            (current.from === undefined || event.occurredAt.getTime() >= Date.parse(current.from)) &&
            (current.to === undefined || event.occurredAt.getTime() <= Date.parse(current.to)) &&
            current.where.every((filter) => propertyMatches(filter, event.properties) && !(VALUE_PROPERTY_OPERATORS.has(filter.operator) && hidden(filter.property, ownProperty(event.properties, filter.property)))),
        ).length;
        return current.operator === 'performed' ? count >= current.minCount : count < current.minCount;
      }
    }
  };

  const scalar = (current: CheckedScalarCondition): boolean => {
    const { source } = current;
    switch (source.kind) {
      case 'person':
        return compare(person[PERSON_COLUMNS[source.column]], current, now);
      case 'ltv':
        return compare(person.lifetimeValue?.[LTV_COLUMNS[source.column]] ?? null, current, now);
      case 'engagement':
        return compare(person.engagement?.[source.column] ?? null, current, now);
      case 'computed':
        return compare(feature(source.feature), current, now);
      case 'trait': {
        const trait = person.traits.find((candidate) => candidate.key === source.key && live(candidate.expiresAt));
        const present = trait !== undefined && trait.value !== null && trait.value !== undefined;
        if (current.operator === 'exists') return present;
        if (current.operator === 'not_exists') return !present;
        if (trait !== undefined && hidden(source.key, trait.value)) return false;
        return trait !== undefined && compare(traitValue(trait.value, current.type), current, now);
      }
    }
  };

  const feature = (name: ComputedFeature): number | null => {
    const windowStart = now.getTime() - FEATURE_WINDOW_DAYS * DAY_MS;
    const recent = person.events.filter((event) => event.occurredAt.getTime() >= windowStart && event.occurredAt.getTime() <= now.getTime());
    const active = (event: { type: string }) => (ACTIVITY_EVENT_TYPES as readonly string[]).includes(event.type);
    const emailEvents: readonly string[] = [...EMAIL_OPEN_EVENTS, ...EMAIL_CLICK_EVENTS];
    switch (name) {
      case 'activeDays':
        return new Set(recent.filter(active).map((event) => event.occurredAt.toISOString().slice(0, 10))).size;
      case 'coreActions':
        return recent.filter((event) => event.type === 'track' && !emailEvents.includes(event.name)).length;
      case 'pricingViews':
        return recent.filter((event) => {
          if (!active(event)) return false;
          const path = event.properties.path;
          return event.name.toLowerCase().includes(PRICING_MARKER) || (typeof path === 'string' && path.toLowerCase().includes(PRICING_MARKER));
        }).length;
      case 'emailOpens':
        return recent.filter((event) => (EMAIL_OPEN_EVENTS as readonly string[]).includes(event.name)).length;
      case 'emailClicks':
        return recent.filter((event) => (EMAIL_CLICK_EVENTS as readonly string[]).includes(event.name)).length;
      case 'daysSinceSignup':
        return Math.floor((now.getTime() - person.firstSeenAt.getTime()) / DAY_MS);
      case 'daysSinceLastActive': {
        const times = person.events.filter((event) => active(event) && event.occurredAt.getTime() <= now.getTime()).map((event) => event.occurredAt.getTime());
        return times.length ? Math.floor((now.getTime() - Math.max(...times)) / DAY_MS) : null;
      }
    }
  };

  return node(rules);
}

/** A trait's JSON value read as `type`; values of another JSON type are absent. */
function traitValue(value: unknown, type: ScalarType): Comparable {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : null;
    case 'number':
      return numberFromJson(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      const instant = typeof value === 'string' ? parseDate(value) : null;
      return instant ? new Date(instant) : null;
    }
  }
}

function compare(actual: Comparable, condition: Pick<CheckedScalarCondition, 'type' | 'operator' | 'value'>, now: Date): boolean {
  const { operator, value } = condition;
  if (operator === 'exists') return actual !== null && actual !== undefined;
  if (operator === 'not_exists') return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  const key = (item: Comparable | ScalarValue): number | string | boolean => (item instanceof Date ? item.getTime() : condition.type === 'date' ? Date.parse(item as string) : (item as string | number | boolean));
  const left = key(actual);
  switch (operator) {
    case 'eq':
      return left === key(value as ScalarValue);
    case 'neq':
      return left !== key(value as ScalarValue);
    case 'gt':
    case 'after':
      return left > key(value as ScalarValue);
    case 'gte':
      return left >= key(value as ScalarValue);
    case 'lt':
    case 'before':
      return left < key(value as ScalarValue);
    case 'lte':
      return left <= key(value as ScalarValue);
    case 'between': {
      const [low, high] = value as ScalarValue[];
      return left >= key(low) && left <= key(high);
    }
    case 'in':
      return (value as ScalarValue[]).some((item) => key(item) === left);
    case 'not_in':
      return (value as ScalarValue[]).every((item) => key(item) !== left);
    case 'contains':
      return String(actual).toLowerCase().includes((value as string).toLowerCase());
    case 'starts_with':
      return String(actual).toLowerCase().startsWith((value as string).toLowerCase());
    case 'within_last_days':
      return (left as number) >= now.getTime() - (value as number) * DAY_MS && (left as number) <= now.getTime();
  }
}

const VALUE_PROPERTY_OPERATORS = new Set<string>(['eq', 'neq', 'in', 'contains', 'starts_with', 'gt', 'gte', 'lt', 'lte']);

function ownProperty(properties: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
}

function propertyMatches(filter: CheckedPropertyFilter, properties: Record<string, unknown>): boolean {
  const actual = ownProperty(properties, filter.property);
  const value = filter.value;
  switch (filter.operator) {
    case 'exists':
      return actual !== undefined;
    case 'not_exists':
      return actual === undefined;
    case 'eq':
      return actual !== undefined && jsonEqual(actual, value);
    case 'neq':
      return actual !== undefined && !jsonEqual(actual, value);
    case 'in':
      return actual !== undefined && (value as ScalarValue[]).some((item) => jsonEqual(actual, item));
    case 'contains':
      return typeof actual === 'string' && actual.toLowerCase().includes((value as string).toLowerCase());
    case 'starts_with':
      return typeof actual === 'string' && actual.toLowerCase().startsWith((value as string).toLowerCase());
    default: {
      const number = numberFromJson(actual);
      if (number === null) return false;
      const bound = value as number;
      return { gt: number > bound, gte: number >= bound, lt: number < bound, lte: number <= bound }[filter.operator];
    }
  }
}

function jsonEqual(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}
