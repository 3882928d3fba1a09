import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

const SET = `mutation ($id: ID!, $input: ConsentInput!) { setConsent(personId: $id, input: $input) { purpose granted source expiresAt } }`;

describe('setConsent', () => {
  let app: TestApp;
  let personId: string;
  beforeAll(async () => {
    app = await createTestApp();
    const ingest = await app.gql(`mutation { ingestIdentities(records: [{ provider: "app", externalId: "c1", email: "c1@fastmail.com" }]) { outcomes { personId } } }`);
    personId = ingest.data.ingestIdentities.outcomes[0].personId;
  });
  afterAll(() => app?.close());

  it('keeps every decision in the history and serves the current state; an expired grant is not granted', async () => {
    const decisions = [
      { purpose: 'MARKETING_EMAIL', granted: true, source: 'signup-form' },
      { purpose: 'MARKETING_EMAIL', granted: false, source: 'unsubscribe-link' },
      { purpose: 'MARKETING_EMAIL', granted: true, source: 'preference-center' },
      { purpose: 'MARKETING_SMS', granted: true, source: 'checkout', expiresAt: '2099-01-01T00:00:00Z' },
    ];
    const answers = [];
    for (const input of decisions) {
      const result = await app.gql(SET, { id: personId, input });
      expect(result.errors).toBeUndefined();
      answers.push(result.data.setConsent);
    }
    expect(answers.map((answer) => answer.granted)).toEqual([true, false, true, true]);
    // Time passes: the SMS grant expires.
    await app.db.query(`UPDATE consent SET expires_at = now() - interval '1 second' WHERE person_id = $1 AND purpose = 'MARKETING_SMS'`, [personId]);
    const history = await app.db.query(`SELECT purpose, granted, source FROM consent_history WHERE person_id = $1 ORDER BY occurred_at, recorded_at`, [personId]);
    expect(history).toEqual(decisions.map(({ purpose, granted, source }) => ({ purpose, granted, source })));
    const served = await app.gql(`query ($id: ID!) { person(id: $id) { consents { purpose granted source } } }`, { id: personId });
    expect(served.data.person.consents).toEqual([
      { purpose: 'MARKETING_EMAIL', granted: true, source: 'preference-center' },
      { purpose: 'MARKETING_SMS', granted: false, source: 'checkout' },
    ]);
  });

  it('serves each purpose\'s history, newest first, with the address masked for credentials without pii:read', async () => {
    const other = (await app.gql(`mutation { ingestIdentities(records: [{ provider: "app", externalId: "c2", email: "c2@fastmail.com" }]) { outcomes { personId } } }`)).data.ingestIdentities.outcomes[0].personId;
    await app.db.query(
      `INSERT INTO consent_history (person_id, purpose, granted, source, ip, occurred_at) VALUES
         ($1, 'MARKETING_PUSH', true, 'app-onboarding', '203.0.113.7', '2025-01-01T00:00:00Z'),
         ($1, 'MARKETING_PUSH', false, 'settings', '203.0.113.8', '2025-06-01T00:00:00Z')`,
      [other],
    );
    await app.db.query(`INSERT INTO consent (person_id, purpose, granted, source, ip, updated_at) VALUES ($1, 'MARKETING_PUSH', false, 'settings', '203.0.113.8', '2025-06-01T00:00:00Z')`, [other]);
    const simple = `query ($id: ID!) { person(id: $id) { consents { purpose granted history { granted source ip occurredAt } } } }`;
    const served = await app.gql(simple, { id: other });
    expect(served.errors).toBeUndefined();
    expect(served.data.person.consents).toEqual([
      {
        purpose: 'MARKETING_PUSH',
        granted: false,
        history: [
          { granted: false, source: 'settings', ip: '203.0.113.8', occurredAt: '2025-06-01T00:00:00.000Z' },
          { granted: true, source: 'app-onboarding', ip: '203.0.113.7', occurredAt: '2025-01-01T00:00:00.000Z' },
        ],
      },
    ]);

    // The history of several persons' consents costs one statement, not one per consent.
    const both = await app.gql(`{ persons(first: 10) { edges { node { id consents { history { granted } } } } } }`);
    expect(both.errors).toBeUndefined();
    const lengths = Object.fromEntries(both.data.persons.edges.map((edge: any) => [edge.node.id, edge.node.consents.map((consent: { history: unknown[] }) => consent.history.length)]));
    expect(lengths).toEqual({ [personId]: [3, 1], [other]: [2] });
    const without = await app.gql(`{ persons(first: 10) { edges { node { id consents { granted } } } } }`);
    expect(both.statements - without.statements).toBe(1);

    const key = (await app.gql(`mutation { createApiKey(name: "reader", scopes: ["graph:read"]) { token } }`)).data.createApiKey.token;
    const masked = await app.gql(simple, { id: other }, { authorization: `Bearer ${key}` });
    expect(masked.errors).toBeUndefined();
    expect(masked.data.person.consents[0].history.map((change: { ip: string }) => change.ip)).toEqual(['***', '***']);
  });

  it('refuses an expiresAt that is not in the future, naming it, and records nothing', async () => {
    const before = await app.db.query(`SELECT purpose, granted, expires_at FROM consent WHERE person_id = $1 ORDER BY purpose`, [personId]);
    const historyBefore = await app.db.query(`SELECT count(*)::int AS n FROM consent_history WHERE person_id = $1`, [personId]);
    const past = await app.gql(SET, { id: personId, input: { purpose: 'MARKETING_EMAIL', granted: true, source: 'banner', expiresAt: '2020-01-01T00:00:00Z' } });
    expect(past.errors).toHaveLength(1);
    expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(past.errors?.[0].message).toMatch(/^expiresAt 2020-01-01T00:00:00.000Z is not in the future/);
    expect(await app.db.query(`SELECT purpose, granted, expires_at FROM consent WHERE person_id = $1 ORDER BY purpose`, [personId])).toEqual(before);
    expect(await app.db.query(`SELECT count(*)::int AS n FROM consent_history WHERE person_id = $1`, [personId])).toEqual(historyBefore);
  });

  it('answers unknown persons and purposes with typed errors', async () => {
    const missing = await app.gql(SET, { id: '00000000-0000-0000-0000-000000000000', input: { purpose: 'PROFILING', granted: true } });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const badPurpose = await app.gql(SET, { id: personId, input: { purpose: 'SPAM', granted: true } });
    expect(badPurpose.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await app.db.query(`SELECT count(*)::int AS n FROM consent_history WHERE purpose = 'PROFILING'`)).toEqual([{ n: 0 }]);
  });
});
