// The consent purposes, free of GraphQL so that configuration (SPINE_CONSENT_CATEGORIES) can name
// them before the schema's decorators are loaded; consent.type.ts registers the enum in the schema.
export enum ConsentPurpose {
  MARKETING_EMAIL = 'MARKETING_EMAIL',
  MARKETING_SMS = 'MARKETING_SMS',
  MARKETING_PUSH = 'MARKETING_PUSH',
  DATA_PROCESSING = 'DATA_PROCESSING',
  THIRD_PARTY_SHARING = 'THIRD_PARTY_SHARING',
  ANALYTICS_TRACKING = 'ANALYTICS_TRACKING',
  PERSONALIZATION = 'PERSONALIZATION',
  PROFILING = 'PROFILING',
}

const PURPOSES = new Set<string>(Object.values(ConsentPurpose));

export function isConsentPurpose(value: string): value is ConsentPurpose {
  return PURPOSES.has(value);
}
