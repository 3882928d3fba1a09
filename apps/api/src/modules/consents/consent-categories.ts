// Segment Consent Management sends, on every event, context.consent.categoryPreferences: the
// customer's own consent categories ("Advertising", OneTrust's "C0004") → true/false. Spine keeps
// consent per purpose, so SPINE_CONSENT_CATEGORIES says which purposes each category stands for.
import { isJsonObject } from '../events/json-safety.js';
import { ConsentPurpose, isConsentPurpose } from './consent-purpose.js';

/** Category name in lower case → the purposes it stands for. */
export type ConsentCategories = ReadonlyMap<string, readonly ConsentPurpose[]>;

const EXAMPLE = 'e.g. Advertising=MARKETING_EMAIL+PERSONALIZATION,Analytics=ANALYTICS_TRACKING';

/**
 * 'Advertising=MARKETING_EMAIL+PERSONALIZATION,Analytics=analytics_tracking' → the mapping, or every
 * problem found. Names and purposes are taken in any case; a name may hold spaces, not commas or '='.
 */
export function parseConsentCategories(text: string): { categories: ConsentCategories; problems: string[] } {
  const categories = new Map<string, ConsentPurpose[]>();
  const problems: string[] = [];
  for (const pair of text.split(',').map((item) => item.trim()).filter(Boolean)) {
    const parts = pair.split('=');
    const name = parts[0].trim();
    const purposes = (parts[1] ?? '').split('+').map((purpose) => purpose.trim().toUpperCase());
    if (parts.length !== 2 || name === '' || purposes.some((purpose) => purpose === '')) {
      problems.push(`"${pair}" is not Category=PURPOSE[+PURPOSE...] (${EXAMPLE})`);
      continue;
    }
    const unknown = purposes.filter((purpose) => !isConsentPurpose(purpose));
    if (unknown.length) {
      problems.push(`${name}: ${unknown.map((purpose) => `"${purpose}"`).join(', ')} ${unknown.length === 1 ? 'is not a consent purpose' : 'are not consent purposes'} (${Object.values(ConsentPurpose).join(', ')})`);
      continue;
    }
    const key = name.toLowerCase();
    if (categories.has(key)) problems.push(`${name} is given twice (names are compared in any case)`);
    else categories.set(key, [...new Set(purposes as ConsentPurpose[])]);
  }
  return { categories, problems };
}

/** context.consent.categoryPreferences when it is an object; null for everything else. */
export function categoryPreferencesOf(context: Record<string, unknown> | null): Record<string, unknown> | null {
  const consent = context?.consent;
  if (!isJsonObject(consent)) return null;
  const preferences = consent.categoryPreferences;
  return isJsonObject(preferences) ? preferences : null;
}

/**
 * What one event's preferences say per purpose: a purpose several categories stand for is granted
 * only when all of them are true. Values that are not booleans are no preference and are skipped.
 * A category is configured (any case) or is itself the name of a purpose (`analytics_tracking`);
 * `unmapped` says that a boolean preference was neither.
 */
export function purposesFromPreferences(preferences: Record<string, unknown>, categories: ConsentCategories): { purposes: Map<ConsentPurpose, boolean>; unmapped: boolean } {
  const purposes = new Map<ConsentPurpose, boolean>();
  let unmapped = false;
  for (const [category, value] of Object.entries(preferences)) {
    if (typeof value !== 'boolean') continue;
    const mapped = categories.get(category.toLowerCase()) ?? (isConsentPurpose(category.toUpperCase()) ? [category.toUpperCase() as ConsentPurpose] : undefined);
    if (!mapped) {
      unmapped = true;
      continue;
    }
    for (const purpose of mapped) purposes.set(purpose, (purposes.get(purpose) ?? true) && value);
  }
  return { purposes, unmapped };
}
