import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

const INGEST = `mutation ($records: [IdentityRecordInput!]!) {
  ingestIdentities(records: $records) {
    fetched created updated linked unchanged ambiguous errors merges
    outcomes { provider externalId action personId matchedBy mergeCandidateId error issues }
  }
}`;

describe('ingestIdentities', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('creates, links across providers, and changes nothing on re-import', async () => {
    const records = [
      { provider: 'app', externalId: 'usr_1', email: 'Jane.Doe+shop@Gmail.com', firstName: 'Jane', lastName: 'Doe' },
      { provider: 'shopify', externalId: 'sh_1', email: 'janedoe@gmail.com', phone: '(415) 555-0101', firstName: 'Jane', lastName: 'Doe' },
      { provider: 'stripe', externalId: 'cus_1', phone: '+1 415 555 0101', firstName: 'J.', lastName: 'Doe' },
    ];
    const first = await app.gql(INGEST, { records });
    expect(first.errors).toBeUndefined();
    const result = first.data.ingestIdentities;
    expect(result).toMatchObject({ fetched: 3, created: 1, linked: 2, ambiguous: 0, errors: 0 });
    const personIds = new Set(result.outcomes.map((outcome: { personId: string }) => outcome.personId));
    expect(personIds.size).toBe(1);
    expect(result.outcomes.map((outcome: { matchedBy: string | null }) => outcome.matchedBy)).toEqual([null, 'EMAIL', 'PHONE']);

    const again = await app.gql(INGEST, { records });
    expect(again.data.ingestIdentities).toMatchObject({ fetched: 3, unchanged: 3, created: 0, linked: 0, updated: 0 });

    const person = await app.gql(
      `query ($id: ID!) { person(id: $id) { email phone firstName identities { kind provider value links { provider externalId rule } } } }`,
      { id: [...personIds][0] },
    );
    expect(person.data.person).toMatchObject({ email: 'janedoe@gmail.com', phone: '+14155550101', firstName: 'Jane' });
    const kinds = person.data.person.identities.map((identity: { kind: string; provider: string }) => `${identity.kind}:${identity.provider}`).sort();
    expect(kinds).toEqual(['EMAIL:app', 'EXTERNAL_ID:app', 'EXTERNAL_ID:shopify', 'EXTERNAL_ID:stripe', 'PHONE:shopify']);
    // Why linked: each identity names the record that brought it and the rule that attached it.
    const linkOf = (kind: string, provider: string) =>
      person.data.person.identities.find((identity: { kind: string; provider: string }) => identity.kind === kind && identity.provider === provider).links;
    expect(linkOf('PHONE', 'shopify')).toEqual([{ provider: 'shopify', externalId: 'sh_1', rule: 'EMAIL' }]);
    expect(linkOf('EXTERNAL_ID', 'stripe')).toEqual([{ provider: 'stripe', externalId: 'cus_1', rule: 'PHONE' }]);
    expect(linkOf('EXTERNAL_ID', 'app')).toEqual([{ provider: 'app', externalId: 'usr_1', rule: 'NEW_PERSON' }]);
  });

  it('rejects bad records with a reason and writes nothing for them', async () => {
    const before = await app.db.query('SELECT (SELECT count(*) FROM person) AS persons, (SELECT count(*) FROM source_record) AS records');
    const result = await app.gql(INGEST, {
      records: [
        { provider: '', externalId: 'x1', email: 'a@b.co' },
        { provider: 'app', externalId: '   ', email: 'a@b.co' },
        { provider: 'app', externalId: 'bad\u0000id', email: 'a@b.co' },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.ingestIdentities.errors).toBe(3);
    for (const outcome of result.data.ingestIdentities.outcomes) {
      expect(outcome.action).toBe('REJECTED');
      expect(outcome.error).toMatch(/provider|externalId/);
      expect(outcome.personId).toBeNull();
    }
    const after = await app.db.query('SELECT (SELECT count(*) FROM person) AS persons, (SELECT count(*) FROM source_record) AS records');
    expect(after).toEqual(before);
  });

  it("sets a record's traits on its person, newest observation first, and reports unusable keys", async () => {
    const result = await app.gql(INGEST, {
      records: [
        { provider: 'shopify', externalId: 'tr-1', email: 'trait.owner@fastmail.com', firstName: 'Tia', traits: { acceptsMarketing: true, tier: 'gold', '': 'x' }, observedAt: '2025-05-01T00:00:00Z' },
        { provider: 'stripe', externalId: 'tr-2', email: 'trait.owner@fastmail.com', firstName: 'Tia', traits: { tier: 'silver' }, observedAt: '2025-01-01T00:00:00Z' },
      ],
    });
    expect(result.errors).toBeUndefined();
    const [first] = result.data.ingestIdentities.outcomes;
    expect(first.issues.some((issue: string) => issue.startsWith('traits:'))).toBe(true);
    const person = await app.gql(`query ($id: ID!) { person(id: $id) { traits { key value source } } }`, { id: first.personId });
    expect(person.data.person.traits).toEqual([
      { key: 'acceptsMarketing', value: true, source: 'shopify' },
      { key: 'tier', value: 'gold', source: 'shopify' }, // the stripe value is older
    ]);
  });
});
