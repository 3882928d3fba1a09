import type { PersonFacts } from '../src/index.js';

/** One live person with nothing but what the test gives. */
export function personFacts(facts: Partial<PersonFacts>): PersonFacts {
  const epoch = new Date('2026-01-01T00:00:00Z');
  return {
    id: 'p',
    mergedIntoId: null,
    email: null,
    phone: null,
    firstName: null,
    lastName: null,
    firstSeenAt: epoch,
    lastSeenAt: epoch,
    createdAt: epoch,
    traits: [],
    consents: [],
    events: [],
    identities: [],
    lifetimeValue: null,
    engagement: null,
    segmentIds: [],
    ...facts,
  };
}
