// independentGroups: resolving the groups apart must give exactly what resolving the batch whole
// gives (the bulk import writes one group while it resolves the next).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InMemoryIdentityStore,
  independentGroups,
  ingestRecords,
  normalizeRecord,
  resolveBatch,
  resolveBatchInSlices,
  type NormalizedRecord,
  type ResolutionPlan,
  type Snapshot,
  type SourceRecordInput,
} from '../src/index.js';

const now = new Date('2024-06-01T00:00:00Z');

// Few values, so that records share them often: emails, phones and households tie records into
// components, names make evidence agree or conflict, and a shared email can become a hub.
const recordArbitrary: fc.Arbitrary<SourceRecordInput> = fc.record({
  provider: fc.constantFrom('app', 'shopify', 'stripe', 'amazon'),
  externalId: fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'),
  email: fc.constantFrom(null, 'ann.lee@gmail.com', 'annlee@gmail.com', 'bob@kim.example.org', 'family@fastmail.com', 'carl@outlook.com', 'test@test.com'),
  phone: fc.constantFrom(null, '(312) 871-9049', '+1 415 555 0123', '415-555-0177', '0000000000'),
  firstName: fc.constantFrom(null, 'Ann', 'Annie', 'A.', 'Bob', 'Robert', 'Carl', 'Dana'),
  lastName: fc.constantFrom(null, 'Lee', 'Kim', 'Diaz'),
  address: fc.constantFrom(
    null,
    { line1: '12 Oak Street', line2: 'Apt 4', city: 'Springfield', state: 'IL', postalCode: '62704', country: 'US' },
    { line1: '12 Oak St', line2: '#4', city: 'Springfield', state: 'IL', postalCode: '62704', country: 'US' },
    { line1: '9 Elm Road', line2: null, city: 'Austin', state: 'TX', postalCode: '73301', country: 'US' },
  ),
  observedAt: fc.integer({ min: 1, max: 28 }).map((day) => `2024-02-${String(day).padStart(2, '0')}T00:00:00Z`),
});

const sharesArbitrary = fc.constantFrom<number[]>([0.5, 0.5], [0.2, 0.3, 0.5], [0.05, 0.2, 0.25, 0.25, 0.25], [0.1, 0.1, 0.1, 0.1, 0.6]);

/** A plan (or the plans of the groups) with the ids of persons born in them replaced by the first record they got. */
function canonical(plans: ResolutionPlan[], snapshot: Snapshot) {
  const born = new Map<string, string>();
  const outcomes = plans.flatMap((plan) => plan.outcomes).sort((a, b) => a.index - b.index);
  for (const outcome of outcomes) {
    if (outcome.personId && !snapshot.persons.has(outcome.personId) && !born.has(outcome.personId)) born.set(outcome.personId, `born@${outcome.index}`);
  }
  for (const plan of plans) for (const person of plan.newPersons) if (!born.has(person.id)) born.set(person.id, `born-without-records:${person.firstName}`);
  const id = (personId: string | null) => (personId === null ? null : (born.get(personId) ?? personId));
  // Evidence names persons in its text too.
  const text = (value: unknown) => JSON.stringify(value).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (uuid) => born.get(uuid) ?? (snapshot.persons.has(uuid) ? uuid : 'a person born and folded away'));
  const sorted = <T>(values: T[]) => values.map(text).sort();
  const all = <K extends keyof ResolutionPlan>(key: K) => plans.flatMap((plan) => plan[key] as unknown[]);
  const metrics: Record<string, number> = {};
  for (const plan of plans) for (const [key, value] of Object.entries(plan.metrics)) metrics[key] = (metrics[key] ?? 0) + value;
  const candidates = plans.flatMap((plan) => plan.candidates);
  return {
    outcomes: outcomes.map((outcome) => text({
      ...outcome,
      personId: id(outcome.personId),
      // A candidate ref is the sorted ids of its persons: compare the persons instead.
      candidateRef: outcome.candidateRef === null ? null : (candidates.find((candidate) => candidate.ref === outcome.candidateRef)?.recordKeys.slice().sort() ?? outcome.candidateRef),
    })),
    newPersons: sorted(plans.flatMap((plan) => plan.newPersons).map((person) => ({ ...person, id: id(person.id) }))),
    merges: sorted(plans.flatMap((plan) => plan.merges).map((merge) => ({ ...merge, sourceId: id(merge.sourceId), targetId: id(merge.targetId) }))),
    newIdentities: sorted(plans.flatMap((plan) => plan.newIdentities).map((identity) => ({ ...identity, personId: id(identity.personId) }))),
    touched: sorted(plans.flatMap((plan) => plan.touchedIdentities).map((touched) => ({ ...touched, personId: id(touched.personId) }))),
    personUpdates: sorted(plans.flatMap((plan) => plan.personUpdates).map((update) => ({ ...update, personId: id(update.personId) }))),
    records: sorted(plans.flatMap((plan) => plan.records).map(({ candidateRef, ...record }) => ({ ...record, personId: id(record.personId), candidate: candidateRef !== null }))),
    candidates: sorted(candidates.map(({ ref, personIds, ...candidate }) => ({ ...candidate, persons: personIds.map(id).sort() }))),
    flags: sorted(all('flags')),
    claims: sorted(plans.flatMap((plan) => plan.claims).map((update) => ({ ...update, claim: { ...update.claim, members: update.claim.members?.map((member) => ({ ...member, personId: id(member.personId) })) } }))),
    metrics,
  };
}

async function scenario(history: SourceRecordInput[], batchInputs: SourceRecordInput[]) {
  const store = new InMemoryIdentityStore();
  // Persons, claims, flags and candidates already stored, which the batch's groups share or not.
  await ingestRecords(store, history, { now, batchSize: 7 });
  const batch: NormalizedRecord[] = batchInputs.map((input, index) => normalizeRecord(input, { now }, index));
  const snapshot = await store.loadSnapshot(batch);
  return { batch, snapshot };
}

describe('independentGroups', () => {
  it('resolving the groups apart gives what resolving the batch whole gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArbitrary, { maxLength: 25 }), fc.array(recordArbitrary, { minLength: 2, maxLength: 40 }), sharesArbitrary, async (history, batchInputs, shares) => {
        const { batch, snapshot } = await scenario(history, batchInputs);
        const whole = resolveBatch(batch, snapshot, { autoMerge: true });
        const groups = independentGroups(batch, snapshot, shares);
        expect(groups.flat().length).toBe(batch.length);
        const apart = groups.map((group) => resolveBatch(group, snapshot, { autoMerge: true }));
        expect(canonical(apart, snapshot)).toEqual(canonical([whole], snapshot));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps records that share a value, or a stored person, in one group, each group in batch order', async () => {
    const { batch, snapshot } = await scenario(
      [{ provider: 'app', externalId: 'u1', email: 'ann.lee@gmail.com', phone: '(312) 871-9049', firstName: 'Ann', lastName: 'Lee', observedAt: '2024-01-01T00:00:00Z' }],
      [
        { provider: 'shopify', externalId: 's1', email: 'annlee@gmail.com', firstName: 'Ann', lastName: 'Lee' },
        { provider: 'stripe', externalId: 'c1', email: 'bob@kim.example.org', firstName: 'Bob', lastName: 'Kim' },
        // Shares nothing with s1 in the batch, but its phone is held by the stored person s1's email matches.
        { provider: 'amazon', externalId: 'a1', phone: '312-871-9049', firstName: 'Ann', lastName: 'Lee' },
        { provider: 'klaviyo', externalId: 'k1', email: 'carl@outlook.com', firstName: 'Carl' },
        { provider: 'stripe', externalId: 'c2', email: 'bob@kim.example.org', firstName: 'Robert', lastName: 'Kim' },
      ],
    );
    const groups = independentGroups(batch, snapshot, [0.2, 0.2, 0.2, 0.2, 0.2]);
    const groupOf = (externalId: string) => groups.findIndex((group) => group.some((record) => record.externalId === externalId));
    expect(groupOf('s1')).toBe(groupOf('a1'));
    expect(groupOf('c1')).toBe(groupOf('c2'));
    expect(new Set([groupOf('s1'), groupOf('c1'), groupOf('k1')]).size).toBe(3);
    for (const group of groups) expect(group.map((record) => record.index)).toEqual(group.map((record) => record.index).sort((a, b) => a - b));
  });

  it('keeps a household member found through an address with the records that carry that member\'s own values', async () => {
    const home = { line1: '12 Oak Street', line2: 'Apt 4', city: 'Springfield', state: 'IL', postalCode: '62704', country: 'US' };
    const { batch, snapshot } = await scenario(
      [
        { provider: 'app', externalId: 'ann', email: 'ann.lee@gmail.com', firstName: 'Ann', lastName: 'Lee', address: home, observedAt: '2024-01-01T00:00:00Z' },
        { provider: 'app', externalId: 'bob', email: 'bob.lee@fastmail.com', firstName: 'Bob', lastName: 'Lee', address: home, observedAt: '2024-01-02T00:00:00Z' },
      ],
      [
        // Bob at the address (its hash is Ann's; Bob is the household member of that name) ...
        { provider: 'amazon', externalId: 'order-1', firstName: 'Bob', lastName: 'Lee', address: home },
        { provider: 'klaviyo', externalId: 'k1', email: 'carl@outlook.com', firstName: 'Carl' },
        // ... and Bob by his own email: nothing else ties the two records together.
        { provider: 'shopify', externalId: 's1', email: 'bob.lee@fastmail.com', phone: '(312) 871-9049', firstName: 'Robert', lastName: 'Lee' },
      ],
    );
    expect([...snapshot.claims.values()].some((claim) => (claim.members ?? []).length > 0)).toBe(true);
    const groups = independentGroups(batch, snapshot, [0.34, 0.33, 0.33]);
    const groupOf = (externalId: string) => groups.findIndex((group) => group.some((record) => record.externalId === externalId));
    expect(groupOf('order-1')).toBe(groupOf('s1'));
    const apart = groups.map((group) => resolveBatch(group, snapshot, {}));
    expect(canonical(apart, snapshot)).toEqual(canonical([resolveBatch(batch, snapshot, {})], snapshot));
  });

  it('resolveBatchInSlices gives the plan resolveBatch gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArbitrary, { maxLength: 15 }), fc.array(recordArbitrary, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 8 }), async (history, batchInputs, slice) => {
        const { batch, snapshot } = await scenario(history, batchInputs);
        let pauses = 0;
        const sliced = await resolveBatchInSlices(batch, snapshot, {}, async () => void (pauses += 1), slice);
        expect(pauses).toBe(Math.ceil(batch.length / slice) - 1);
        expect(canonical([sliced], snapshot)).toEqual(canonical([resolveBatch(batch, snapshot, {})], snapshot));
      }),
      { numRuns: 100 },
    );
  });
});
