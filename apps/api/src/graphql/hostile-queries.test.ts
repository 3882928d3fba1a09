// Hostile queries are refused before any resolver runs: the statement count proves no SQL ran.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.js';
import { seedGraph } from '../test/fixtures.js';

describe('hostile GraphQL queries', () => {
  let app: TestApp;
  let id: string;
  beforeAll(async () => {
    app = await createTestApp();
    [id] = await seedGraph(app.db, 3);
  });
  afterAll(() => app?.close());

  const refusedWithoutSql = async (query: string, variables?: Record<string, unknown>) => {
    const result = await app.gql(query, variables);
    expect(result.status, query.slice(0, 80)).toBeLessThan(500);
    expect(result.data?.persons ?? result.data?.person ?? null).toBeNull();
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(result.statements, query.slice(0, 80)).toBe(0);
    return result;
  };

  it('refuses 20 levels of nesting', async () => {
    let selection = 'id';
    for (let level = 0; level < 10; level += 1) selection = `person { identities { ${selection} } }`;
    await refusedWithoutSql(`query ($id: ID!) { person(id: $id) { identities { ${selection} } } }`, { id });
  });

  it('refuses 500 aliases', async () => {
    const aliases = Array.from({ length: 500 }, (_, index) => `a${index}: persons(first: 1) { totalCount }`).join(' ');
    await refusedWithoutSql(`{ ${aliases} }`);
  });

  it('refuses first: 99999999 (its cost, before the page size check would)', async () => {
    const result = await refusedWithoutSql('{ persons(first: 99999999) { totalCount } }');
    expect(result.errors![0].message).toMatch(/cost limit/i);
    // Under the cost limit, the maximum page size still applies, also before any SQL.
    const large = await refusedWithoutSql('{ persons(first: 5000) { totalCount } }');
    expect(large.errors![0].extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });

  it('refuses a fragment cycle', async () => {
    await refusedWithoutSql('{ persons { edges { node { ...A } } } } fragment A on Person { identities { person { ...B } } } fragment B on Person { identities { person { ...A } } }');
  });

  it('refuses batched arrays of operations', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: 100 }, () => ({ query: '{ persons { totalCount } }' }))),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
  });

  it('still answers an ordinary query (the whole-graph query of the console)', async () => {
    const result = await app.gql(`{ persons(first: 3) { edges { node { id identities { value links { rule } } traits { key } consents { purpose }
      events(first: 5) { edges { node { name } } } segments { name } lifetimeValue { currentValue } mergeHistory { id } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.persons.edges).toHaveLength(3);
  });
});
