import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

const TRACK = `mutation ($events: [EventInput!]!) { trackEvents(events: $events) { accepted duplicates rejected errors } }`;
const PERSON = `query ($id: ID!) { person(id: $id) { id events(first: 10) { totalCount edges { node { messageId name utmCampaign properties person { id } } } } } }`;

describe('trackEvents', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('creates the person of an unknown userId (provider app), dedups by messageId and rejects bad events one by one', async () => {
    const events = [
      { messageId: 'gql-1', userId: 'gql-user', name: 'Signed Up', properties: { plan: 'pro' }, context: { campaign: { name: 'launch' } }, occurredAt: '2025-03-01T10:00:00Z' },
      { messageId: 'gql-2', userId: 'gql-user', name: 'Order Completed', properties: { total: 30 } },
      { messageId: 'gql-1', userId: 'gql-user', name: 'Signed Up' },
      { name: 'Nobody' },
      { userId: 'gql-user', name: 'Bad type', type: 'purchase' },
      { userId: 'gql-user', name: 'Bad props', properties: [1, 2] },
      { personId: '00000000-0000-0000-0000-000000000000', name: 'Ghost' },
      { messageId: 'shop-1', userId: 'shop-customer-9', source: 'shopify', name: 'Checkout Started' },
    ];
    const first = await app.gql(TRACK, { events });
    expect(first.errors).toBeUndefined();
    expect(first.data.trackEvents).toMatchObject({ accepted: 3, duplicates: 1, rejected: 4 });
    expect(first.data.trackEvents.errors).toEqual([
      expect.stringMatching(/^events\[3\]: one of personId, userId or anonymousId/),
      expect.stringMatching(/^events\[4\]: type must be one of/),
      expect.stringMatching(/^events\[5\]: properties must be a JSON object/),
      expect.stringMatching(/^events\[6\]: no person with id/),
    ]);
    const again = await app.gql(TRACK, { events: events.slice(0, 2) });
    expect(again.data.trackEvents).toMatchObject({ accepted: 0, duplicates: 2, rejected: 0 });

    const [app_] = await app.db.query(`SELECT person_id FROM identity WHERE kind = 'EXTERNAL_ID' AND scope = 'app' AND value = 'gql-user'`);
    const [shop] = await app.db.query(`SELECT person_id FROM identity WHERE kind = 'EXTERNAL_ID' AND scope = 'shopify' AND value = 'shop-customer-9'`);
    expect(app_.person_id).toBeTruthy();
    expect(shop.person_id).toBeTruthy();
    const result = await app.gql(PERSON, { id: app_.person_id });
    expect(result.data.person.events.totalCount).toBe(2);
    const signedUp = result.data.person.events.edges.find((edge: any) => edge.node.messageId === 'gql-1').node;
    expect(signedUp).toMatchObject({ name: 'Signed Up', utmCampaign: 'launch', properties: { plan: 'pro' }, person: { id: app_.person_id } });
  });

  it('tracks by personId, also for an id that was merged away', async () => {
    const ingest = await app.gql(`mutation { ingestIdentities(records: [{ provider: "crm", externalId: "a", email: "a@fastmail.com" }, { provider: "crm", externalId: "b", email: "b@fastmail.com" }]) { outcomes { personId } } }`);
    const [a, b] = ingest.data.ingestIdentities.outcomes.map((outcome: { personId: string }) => outcome.personId);
    await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t) { id } }`, { s: a, t: b });
    const tracked = await app.gql(TRACK, { events: [{ personId: a, name: 'After Merge', messageId: 'after-merge' }] });
    expect(tracked.data.trackEvents).toMatchObject({ accepted: 1, rejected: 0 });
    const [row] = await app.db.query(`SELECT person_id FROM event WHERE message_id = 'after-merge'`);
    expect(row.person_id).toBe(b);
  });

  it('keeps the SQL statement count flat when resolving Event.person for many events', async () => {
    const events = Array.from({ length: 30 }, (_, index) => ({ messageId: `flat-${index}`, userId: `flat-user-${index % 10}`, name: 'Flat' }));
    await app.gql(TRACK, { events });
    const query = `query ($first: Int) { persons(first: $first, query: null) { edges { node { events(first: 5) { edges { node { person { id displayName } } } } } } } }`;
    const small = await app.gql(query, { first: 2 });
    const large = await app.gql(query, { first: 10 });
    expect(large.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
  });
});
