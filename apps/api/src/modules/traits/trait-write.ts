import type { TraitType } from './trait.type.js';

/** One observation of a trait of a person, as every write path (setTraits, identify) hands it over. */
export interface TraitWrite {
  personId: string;
  key: string;
  value: unknown;
  /** null: keep the key's type (DEMOGRAPHIC for a new key). */
  type: TraitType | null;
  source: string | null;
  setOnce: boolean;
  observedAt: Date;
  expiresAt: Date | null;
}

export const MAX_TRAIT_KEY_LENGTH = 200;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why a trait key is unusable, or null when it is fine. Any other string is a plain key (`__proto__` included). */
export function traitKeyProblem(key: string): string | null {
  if (key.trim() === '') return 'a trait key must not be blank';
  if (key.length > MAX_TRAIT_KEY_LENGTH) return `trait key "${key.slice(0, 40)}…" is longer than ${MAX_TRAIT_KEY_LENGTH} characters`;
  if (CONTROL.test(key)) return `trait key ${JSON.stringify(key.slice(0, 40))} contains control characters`;
  return null;
}
