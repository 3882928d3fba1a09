import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { seedGraph } from '../../test/fixtures.js';

const WHOLE_GRAPH = `query Graph($first: Int) {
  persons(first: $first) {
    totalCount
    edges { node {
      id displayName
      identities { value }
      traits { key }
      consents { purpose }
      events(first: 5) { edges { node { name } } }
      segments { name }
      lifetimeValue { currentValue }
    } }
  }
}`;

describe('the Person graph', () => {
  let app: TestApp;
  let ids: string[];

  beforeAll(async () => {
    app = await createTestApp();
    ids = await seedGraph(app.db, 60);
  });
  afterAll(() => app?.close());

  it('answers the whole graph with the same number of statements for 5 and 50 persons', async () => {
    const five = await app.gql(WHOLE_GRAPH, { first: 5 });
    const fifty = await app.gql(WHOLE_GRAPH, { first: 50 });
    expect(five.errors).toBeUndefined();
    expect(fifty.errors).toBeUndefined();
    expect(five.data.persons.edges).toHaveLength(5);
    expect(fifty.data.persons.edges).toHaveLength(50);
    expect(fifty.data.persons.totalCount).toBe(60);
    expect(five.statements).toBe(fifty.statements);
    expect(fifty.statements).toBeLessThanOrEqual(10);
    const node = fifty.data.persons.edges[0].node;
    expect(node.identities).toHaveLength(3);
    expect(node.traits.map((trait: { key: string }) => trait.key)).toEqual(['city', 'plan', 'tier']);
    expect(node.consents).toHaveLength(2);
    expect(node.events.edges).toHaveLength(5);
    expect(node.segments).toEqual([{ name: 'Everyone' }]);
    expect(node.lifetimeValue.currentValue).toBeGreaterThan(0);
  });

  it('serves a person with every relation field', async () => {
    const result = await app.gql(
      `query ($id: ID!) { person(id: $id) {
        id email phone firstName lastName displayName firstSeenAt lastSeenAt
        identities(kind: EMAIL) { kind provider value rawValue isPrimary person { id } }
        all: identities { kind links { provider externalId rule } }
        traits { key value type source expiresAt }
        plan: trait(key: "plan") { value }
        gone: trait(key: "expired_offer") { value }
        consents { purpose granted expiresAt }
        events(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name messageId occurredAt properties } } }
        orders: events(first: 10, name: "Order Completed") { totalCount edges { node { name } } }
        segments { name memberCount }
        lifetimeValue { currentValue totalPurchases }
        engagement { overall }
        mergeHistory { id }
      } }`,
      { id: ids[6] },
    );
    expect(result.errors).toBeUndefined();
    const person = result.data.person;
    expect(person).toMatchObject({ id: ids[6], email: 'person7@example.org', firstName: 'Person7', lastName: 'Test', displayName: 'Person7 Test' });
    expect(person.identities).toEqual([{ kind: 'EMAIL', provider: 'shopify', value: 'person7@example.org', rawValue: 'Person7@Example.org', isPrimary: true, person: { id: ids[6] } }]);
    expect(person.all.find((identity: { kind: string }) => identity.kind === 'EXTERNAL_ID').links).toEqual([{ provider: 'app', externalId: 'usr_7', rule: 'EXTERNAL_ID' }]);
    expect(person.plan).toEqual({ value: 'plan-7' });
    expect(person.gone).toBeNull(); // expired traits are not served
    expect(person.traits.map((trait: { key: string }) => trait.key)).not.toContain('expired_offer');
    expect(person.consents).toEqual([
      { purpose: 'MARKETING_EMAIL', granted: true, expiresAt: null },
      { purpose: 'MARKETING_SMS', granted: false, expiresAt: expect.any(String) }, // an expired grant counts as not granted
    ]);
    expect(person.events.totalCount).toBe(7);
    expect(person.events.edges.map((edge: { node: { messageId: string } }) => edge.node.messageId)).toEqual(['msg-7-7', 'msg-7-6', 'msg-7-5']);
    expect(person.events.pageInfo.hasNextPage).toBe(true);
    expect(person.orders.totalCount).toBe(3);
    expect(person.engagement).toBeNull();

    const next = await app.gql(`query ($id: ID!, $after: String) { person(id: $id) { events(first: 10, after: $after) { totalCount pageInfo { hasNextPage } edges { node { messageId } } } } }`, {
      id: ids[6],
      after: person.events.pageInfo.endCursor,
    });
    expect(next.data.person.events.totalCount).toBe(7);
    expect(next.data.person.events.pageInfo.hasNextPage).toBe(false);
    expect(next.data.person.events.edges.map((edge: { node: { messageId: string } }) => edge.node.messageId)).toEqual(['msg-7-4', 'msg-7-3', 'msg-7-2', 'msg-7-1']);
  });

  it('resolves an id that was merged away to the surviving person', async () => {
    await app.db.query('UPDATE person SET merged_into_id = $1 WHERE id = $2', [ids[1], ids[2]]);
    await app.db.query('UPDATE person SET merged_into_id = $1 WHERE id = $2', [ids[2], ids[3]]);
    const result = await app.gql('query ($id: ID!) { person(id: $id) { id requestedId } }', { id: ids[3] });
    expect(result.data.person).toEqual({ id: ids[1], requestedId: ids[3] });
    const list = await app.gql('{ persons(first: 100) { totalCount } }');
    expect(list.data.persons.totalCount).toBe(58);
    await app.db.query('UPDATE person SET merged_into_id = NULL WHERE id = ANY($1)', [[ids[2], ids[3]]]);
  });

  it('searches by name, email, phone and external id', async () => {
    const search = async (query: string) =>
      ((await app.gql('query ($q: String) { persons(query: $q, first: 50) { totalCount edges { node { firstName } } } }', { q: query })).data.persons.edges as { node: { firstName: string } }[]).map(
        (edge) => edge.node.firstName,
      );
    expect(await search('person12 te')).toEqual(['Person12']);
    expect(await search('  person12   te ')).toEqual(['Person12']);
    expect(await search('PERSON12@EXAMPLE.ORG')).toEqual(['Person12']);
    expect(await search('(415) 555-0012')).toEqual(['Person12']);
    expect(await search('usr_12')).toEqual(['Person12']);
    expect((await search('person1')).sort()).toEqual(['Person1', 'Person10', 'Person11', 'Person12', 'Person13', 'Person14', 'Person15', 'Person16', 'Person17', 'Person18', 'Person19'].sort());
    expect(await search('%')).toEqual([]);
    expect(await search('nobody-at-all')).toEqual([]);
  });

  /** Every person id, walking the persons list `first` at a time. */
  async function walkPersons(first: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await app.gql('query ($first: Int, $after: String) { persons(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }', { first, after });
      seen.push(...page.data.persons.edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!page.data.persons.pageInfo.hasNextPage) return seen;
      after = page.data.persons.pageInfo.endCursor;
    }
  }

  it('pages through persons with cursors and never repeats one', async () => {
    const seen = await walkPersons(7);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it('pages through persons and events that share a millisecond without skipping any (PostgreSQL keeps microseconds)', async () => {
    // Last seen and event times that differ only in their microseconds, as now() writes them.
    const [{ total }] = await app.db.query('SELECT count(*)::int AS total FROM person WHERE merged_into_id IS NULL');
    await app.db.query(
      `UPDATE person SET last_seen_at = '2030-01-01T00:00:00.000Z'::timestamptz + make_interval(secs => (n % 4) * 0.000001)
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM person WHERE merged_into_id IS NULL) numbered WHERE person.id = numbered.id`,
    );
    const seen = await walkPersons(3);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toHaveLength(total);

    const personId = seen[0];
    await app.db.query(
      `INSERT INTO event (message_id, person_id, type, name, source, occurred_at)
       SELECT 'same-ms-' || n, $1, 'track', 'Same Millisecond', 'test', '2029-06-01T00:00:00.000Z'::timestamptz + make_interval(secs => (n % 3) * 0.000001)
       FROM generate_series(1, 9) AS n`,
      [personId],
    );
    const events: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await app.gql(
        'query ($id: ID!, $after: String) { person(id: $id) { events(first: 2, name: "Same Millisecond", after: $after) { pageInfo { hasNextPage endCursor } edges { node { messageId } } } } }',
        { id: personId, after },
      );
      const connection = page.data.person.events;
      events.push(...connection.edges.map((edge: { node: { messageId: string } }) => edge.node.messageId));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(events.sort()).toEqual(Array.from({ length: 9 }, (_, index) => `same-ms-${index + 1}`).sort());

    // The name filter is a prefix, whatever the case; empty means no filter; % and _ are plain characters.
    const count = async (name: string) =>
      (await app.gql('query ($id: ID!, $name: String) { person(id: $id) { events(first: 1, name: $name) { totalCount } } }', { id: personId, name })).data.person.events.totalCount;
    expect(await count('same MILLI')).toBe(9);
    expect(await count('')).toBe(await count('   '));
    expect(await count('')).toBeGreaterThanOrEqual(9);
    expect(await count('same%')).toBe(0);
  });

  it('answers bad input with a clear, coded error, never a 500 or a stack', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['query ($id: ID!) { person(id: $id) { id } }', { id: '8b7f0c1e-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
      ['query ($id: ID!) { person(id: $id) { id } }', { id: "1' OR '1'='1" }, 'BAD_USER_INPUT'],
      ['{ persons(after: "not-a-cursor") { totalCount } }', {}, 'BAD_USER_INPUT'],
      ['{ persons(after: "WzFd") { totalCount } }', {}, 'BAD_USER_INPUT'],
      ['{ persons(first: -1) { totalCount } }', {}, 'BAD_USER_INPUT'],
      ['{ persons(first: 1000) { totalCount } }', {}, 'BAD_USER_INPUT'], // over the maximum page size
      ['{ persons(first: 100000) { totalCount } }', {}, 'GRAPHQL_VALIDATION_FAILED'], // over the query cost limit, refused before it runs
      ['query ($id: ID!) { person(id: $id) { events(first: 1000) { totalCount } } }', { id: '00000000-0000-0000-0000-000000000000' }, 'NOT_FOUND'],
      ['query ($id: ID!) { person(id: $id) { events(after: "garbage") { totalCount } } }', { id: ids[0] }, 'BAD_USER_INPUT'],
      ['{ persons(first: "ten") { totalCount } }', {}, 'GRAPHQL_VALIDATION_FAILED'],
      ['{ persons { nope } }', {}, 'GRAPHQL_VALIDATION_FAILED'],
    ];
    for (const [query, variables, code] of cases) {
      const result = await app.gql(query, variables);
      expect(result.status, query).toBeLessThan(500);
      expect(result.errors, query).toHaveLength(1);
      expect(result.errors![0].extensions?.code, query).toBe(code);
      expect(JSON.stringify(result.errors), query).not.toMatch(/stacktrace|at .*\.js:\d+|SELECT|postgres/i);
    }
  });
});
