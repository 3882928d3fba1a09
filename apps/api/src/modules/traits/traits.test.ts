import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

const SET = `mutation ($id: ID!, $traits: [TraitInput!]!) { setTraits(personId: $id, traits: $traits) { key value type source expiresAt } }`;
const TRAITS = `query ($id: ID!) { person(id: $id) { traits { key value type source } } }`;

describe('setTraits', () => {
  let app: TestApp;
  let ann: string;
  let bob: string;
  beforeAll(async () => {
    app = await createTestApp();
    const ingest = await app.gql(`mutation { ingestIdentities(records: [{ provider: "app", externalId: "ann", email: "ann@fastmail.com" }, { provider: "app", externalId: "bob", email: "bob@fastmail.com" }]) { outcomes { personId } } }`);
    [ann, bob] = ingest.data.ingestIdentities.outcomes.map((outcome: { personId: string }) => outcome.personId);
  });
  afterAll(() => app?.close());

  it('newest write wins, setOnce keeps the first value, type and source per key, expired traits are not served', async () => {
    let result = await app.gql(SET, { id: ann, traits: [{ key: 'plan', value: 'free', source: 'billing', type: 'TRANSACTIONAL' }, { key: 'first_touch', value: 'google', setOnce: true, source: 'web' }] });
    expect(result.errors).toBeUndefined();
    result = await app.gql(SET, { id: ann, traits: [{ key: 'plan', value: 'pro', source: 'billing-v2' }, { key: 'first_touch', value: 'facebook', setOnce: true }, { key: 'offer', value: '10%', expiresAt: '2099-01-01T00:00:00Z' }] });
    expect(result.errors).toBeUndefined();
    expect(result.data.setTraits).toEqual([
      { key: 'first_touch', value: 'google', type: 'DEMOGRAPHIC', source: 'web', expiresAt: null },
      { key: 'offer', value: '10%', type: 'DEMOGRAPHIC', source: null, expiresAt: '2099-01-01T00:00:00.000Z' },
      { key: 'plan', value: 'pro', type: 'TRANSACTIONAL', source: 'billing-v2', expiresAt: null },
    ]);
    // Time passes: the offer expires and is no longer served.
    await app.db.query(`UPDATE trait SET expires_at = now() - interval '1 second' WHERE person_id = $1 AND key = 'offer'`, [ann]);
    const served = await app.gql(TRAITS, { id: ann });
    expect(served.data.person.traits.map((trait: { key: string }) => trait.key)).toEqual(['first_touch', 'plan']);
    // An expired value counts as absent: setOnce fills it again.
    result = await app.gql(SET, { id: ann, traits: [{ key: 'offer', value: '20%', setOnce: true }] });
    expect(result.data.setTraits).toEqual([{ key: 'offer', value: '20%', type: 'DEMOGRAPHIC', source: null, expiresAt: null }]);
  });

  it('refuses an expiresAt that is not in the future, naming it, and writes nothing of the call', async () => {
    const set = await app.gql(SET, { id: bob, traits: [{ key: 'coupon', value: '5%', expiresAt: '2099-01-01T00:00:00Z' }] });
    expect(set.errors).toBeUndefined();
    const past = await app.gql(SET, { id: bob, traits: [{ key: 'tier', value: 'gold' }, { key: 'coupon', value: '50%', expiresAt: '2020-01-01T00:00:00Z' }] });
    expect(past.errors).toHaveLength(1);
    expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(past.errors?.[0].message).toBe('traits[1]: expiresAt 2020-01-01T00:00:00.000Z is not in the future (leave it out for a value that does not expire)');
    const served = await app.gql(`query ($id: ID!) { person(id: $id) { traits { key value } } }`, { id: bob });
    expect(served.data.person.traits.filter((trait: { key: string }) => ['coupon', 'tier'].includes(trait.key))).toEqual([{ key: 'coupon', value: '5%' }]);
  });

  it('stores __proto__ and constructor as plain keys without polluting anything, and validates keys', async () => {
    const result = await app.gql(SET, { id: bob, traits: [{ key: '__proto__', value: { polluted: true } }, { key: 'constructor', value: 'plain' }, { key: 'nested', value: { a: [1, { b: null }] } }] });
    expect(result.errors).toBeUndefined();
    expect(result.data.setTraits.map((trait: { key: string }) => trait.key)).toEqual(['__proto__', 'constructor', 'nested']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    for (const [traits, message] of [
      [[{ key: '', value: 1 }], /blank/],
      [[{ key: 'x'.repeat(201), value: 1 }], /longer than 200/],
      [[{ key: 'a', value: 1 }, { key: 'a', value: 2 }], /more than once/],
      [[{ key: 'nul', value: 'a\u0000b' }], /cannot be stored/],
      [[{ key: 'nul\u0000key', value: 1 }], /control characters/],
    ] as const) {
      const bad = await app.gql(SET, { id: bob, traits });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0].message).toMatch(message);
    }
    const missing = await app.gql(SET, { id: '00000000-0000-0000-0000-000000000000', traits: [{ key: 'a', value: 1 }] });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('first-touch setOnce survives a merge into a later person; plain traits take the newest', async () => {
    const ingest = await app.gql(`mutation { ingestIdentities(records: [{ provider: "app", externalId: "early" }, { provider: "app", externalId: "late" }]) { outcomes { personId } } }`);
    const [early, late] = ingest.data.ingestIdentities.outcomes.map((outcome: { personId: string }) => outcome.personId);
    await app.gql(SET, { id: early, traits: [{ key: 'first_touch', value: 'newsletter', setOnce: true }, { key: 'city', value: 'Oslo' }] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await app.gql(SET, { id: late, traits: [{ key: 'first_touch', value: 'ads', setOnce: true }, { key: 'city', value: 'Bergen' }] });
    // The earlier person is merged into the later one: its first touch wins, the newer city stays.
    const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t) { id } }`, { s: early, t: late });
    expect(merged.errors).toBeUndefined();
    const served = await app.gql(TRAITS, { id: late });
    expect(served.data.person.traits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'first_touch', value: 'newsletter' }),
        expect.objectContaining({ key: 'city', value: 'Bergen' }),
      ]),
    );
    // Writing setOnce to the merged-away id goes to the survivor and keeps the first value.
    const after = await app.gql(SET, { id: early, traits: [{ key: 'first_touch', value: 'tv', setOnce: true }] });
    expect(after.data.setTraits).toEqual([expect.objectContaining({ key: 'first_touch', value: 'newsletter' })]);
  });
});
