import { describe, expect, it } from 'vitest';
import { consentDecisions } from '../src/features/person-360/components/consentDecisions';

describe('consentDecisions', () => {
  it('calls a refusal right after a grant a revocation, any other refusal a denial (newest first)', () => {
    const history = [false, false, true, false].map((granted) => ({ granted }));
    expect(consentDecisions(history)).toEqual(['Denied', 'Revoked', 'Granted', 'Denied']);
  });

  it('is empty for an empty history', () => {
    expect(consentDecisions([])).toEqual([]);
  });
});
