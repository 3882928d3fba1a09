// Every field a rule may name. SQL text for a field comes only from here; everything a user
// types (trait keys, event names, values) becomes a query parameter.
import { OPERATORS_BY_TYPE, type ConditionOperator, type FieldType, type ScalarType } from './rule-tree.js';

export const CONSENT_PURPOSES = [
  'MARKETING_EMAIL',
  'MARKETING_SMS',
  'MARKETING_PUSH',
  'DATA_PROCESSING',
  'THIRD_PARTY_SHARING',
  'ANALYTICS_TRACKING',
  'PERSONALIZATION',
  'PROFILING',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Computed features count events over this many trailing days. */
export const FEATURE_WINDOW_DAYS = 30;
/** Event types that show a person was active (identify/alias/group are bookkeeping). */
export const ACTIVITY_EVENT_TYPES = ['track', 'page', 'screen'] as const;
export const EMAIL_OPEN_EVENTS = ['Email Opened', 'email_opened'] as const;
export const EMAIL_CLICK_EVENTS = ['Email Link Clicked', 'Email Clicked', 'email_clicked'] as const;
/** pricingViews: page/screen/track events whose name, or whose string `properties.path`, contains this (case-insensitively). */
export const PRICING_MARKER = 'pricing';

export type ComputedFeature = 'activeDays' | 'coreActions' | 'pricingViews' | 'emailOpens' | 'emailClicks' | 'daysSinceSignup' | 'daysSinceLastActive';

export type FieldSource =
  | { kind: 'person'; column: 'email' | 'phone' | 'first_name' | 'last_name' | 'first_seen_at' | 'last_seen_at' | 'created_at' }
  | { kind: 'ltv'; column: 'current_value' | 'predicted_value' | 'total_purchases' | 'average_purchase_value' | 'churn_probability' | 'expected_purchases' }
  | { kind: 'engagement'; column: 'overall' | 'recency' | 'frequency' | 'monetary' }
  | { kind: 'computed'; feature: ComputedFeature }
  | { kind: 'consent'; purpose: ConsentPurpose }
  | { kind: 'trait'; key: string }
  | { kind: 'event' }
  | { kind: 'segment' }
  | { kind: 'identity' };

export interface FieldDefinition {
  path: string;
  label: string;
  type: FieldType;
  operators: readonly ConditionOperator[];
  source: FieldSource;
  description?: string;
}

function field(path: string, label: string, type: FieldType, source: FieldSource, description?: string): FieldDefinition {
  return { path, label, type, operators: OPERATORS_BY_TYPE[type], source, ...(description ? { description } : {}) };
}

const window = `in the last ${FEATURE_WINDOW_DAYS} days`;

export const STATIC_FIELDS: readonly FieldDefinition[] = [
  field('email', 'Email', 'string', { kind: 'person', column: 'email' }),
  field('phone', 'Phone', 'string', { kind: 'person', column: 'phone' }),
  field('firstName', 'First name', 'string', { kind: 'person', column: 'first_name' }),
  field('lastName', 'Last name', 'string', { kind: 'person', column: 'last_name' }),
  field('firstSeenAt', 'First seen', 'date', { kind: 'person', column: 'first_seen_at' }),
  field('lastSeenAt', 'Last seen', 'date', { kind: 'person', column: 'last_seen_at' }),
  field('createdAt', 'Created', 'date', { kind: 'person', column: 'created_at' }),
  field('ltv.currentValue', 'Lifetime value: to date', 'number', { kind: 'ltv', column: 'current_value' }),
  field('ltv.predictedValue', 'Lifetime value: predicted', 'number', { kind: 'ltv', column: 'predicted_value' }),
  field('ltv.totalPurchases', 'Lifetime value: purchases', 'number', { kind: 'ltv', column: 'total_purchases' }),
  field('ltv.averagePurchaseValue', 'Lifetime value: average purchase', 'number', { kind: 'ltv', column: 'average_purchase_value' }),
  field('ltv.churnProbability', 'Lifetime value: churn probability', 'number', { kind: 'ltv', column: 'churn_probability' }),
  field('ltv.expectedPurchases', 'Lifetime value: expected purchases', 'number', { kind: 'ltv', column: 'expected_purchases' }),
  field('engagement.overall', 'Engagement: overall', 'number', { kind: 'engagement', column: 'overall' }),
  field('engagement.recency', 'Engagement: recency', 'number', { kind: 'engagement', column: 'recency' }),
  field('engagement.frequency', 'Engagement: frequency', 'number', { kind: 'engagement', column: 'frequency' }),
  field('engagement.monetary', 'Engagement: monetary', 'number', { kind: 'engagement', column: 'monetary' }),
  field('activeDays', 'Active days', 'number', { kind: 'computed', feature: 'activeDays' }, `UTC days with a track, page or screen event ${window}`),
  field('coreActions', 'Core actions', 'number', { kind: 'computed', feature: 'coreActions' }, `track events ${window}, other than e-mail opens and clicks`),
  field('pricingViews', 'Pricing views', 'number', { kind: 'computed', feature: 'pricingViews' }, `track, page or screen events ${window} whose name or properties.path contains "pricing"`),
  field('emailOpens', 'E-mail opens', 'number', { kind: 'computed', feature: 'emailOpens' }, `${EMAIL_OPEN_EVENTS.join(' / ')} events ${window}`),
  field('emailClicks', 'E-mail clicks', 'number', { kind: 'computed', feature: 'emailClicks' }, `${EMAIL_CLICK_EVENTS.join(' / ')} events ${window}`),
  field('daysSinceSignup', 'Days since sign-up', 'number', { kind: 'computed', feature: 'daysSinceSignup' }, 'whole days since the person was first seen'),
  field('daysSinceLastActive', 'Days since last active', 'number', { kind: 'computed', feature: 'daysSinceLastActive' }, 'whole days since the latest track, page or screen event (absent without one)'),
  ...CONSENT_PURPOSES.map((purpose) =>
    field(`consent.${purpose}`, `Consent: ${purpose}`, 'boolean', { kind: 'consent', purpose }, 'true when granted and not expired; a missing or expired grant is false'),
  ),
  field('event', 'Performed an event', 'event', { kind: 'event' }, 'value: { name, minCount?, withinLastDays?, from?, to?, where?: [{ property, operator, value }] }'),
  field('segment', 'Member of segment', 'segment', { kind: 'segment' }, 'value: a segment id (eq/neq) or a list of ids (in/not_in)'),
  field('identity.provider', 'Has an identity from provider', 'identity', { kind: 'identity' }, 'value: a provider (eq/neq) or a list of providers (in/not_in)'),
];

const STATIC_BY_PATH = new Map(STATIC_FIELDS.map((definition) => [definition.path, definition]));

export const TRAIT_PREFIX = 'trait.';
export const MAX_TRAIT_KEY_LENGTH = 200;

export function traitField(key: string, type: ScalarType): FieldDefinition {
  return field(`${TRAIT_PREFIX}${key}`, `Trait: ${key}`, type, { kind: 'trait', key });
}

/** The catalog entry for a path, or undefined; trait fields need their type from the caller. */
export function staticField(path: string): FieldDefinition | undefined {
  return STATIC_BY_PATH.get(path);
}
