// Sessions, API keys, the audit log, the data subject export and rate limits, through HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

const PASSWORD = 'correct horse battery';
const anonymous = { authorization: '' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('access control', () => {
  let app: TestApp;
  let personId: string;

  beforeAll(async () => {
    app = await createTestApp();
    const ingest = await app.gql(`mutation { ingestIdentities(records: [{ provider: "shopify", externalId: "s-1", email: "grace.hopper@fastmail.com", firstName: "Grace", lastName: "Hopper" }]) { outcomes { personId } } }`);
    personId = ingest.data.ingestIdentities.outcomes[0].personId;
    for (const [email, role] of [
      ['sam@staff.example.com', 'SUPPORT'],
      ['vic@staff.example.com', 'VIEWER'],
    ]) {
      const created = await app.gql(`mutation ($email: String!, $role: Role!) { createStaffUser(email: $email, password: "${PASSWORD}", role: $role, name: "Staff") { id role disabled } }`, { email, role });
      expect(created.data.createStaffUser).toMatchObject({ role, disabled: false });
    }
  });
  afterAll(() => app?.close());

  const signIn = async (email: string, password = PASSWORD) => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { token expiresAt viewer { role permissions } } }`, variables: { email, password } }),
    });
    return { response, body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  };

  it('signs staff in with a session cookie (HttpOnly, SameSite=Strict) or a bearer token, and out again', async () => {
    const { response, body } = await signIn('  SAM@staff.example.com ');
    expect(body.data.signIn.viewer).toEqual({ role: 'SUPPORT', permissions: ['graph:read', 'identity:write', 'pii:read', 'privacy:export', 'profile:write'] });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^spine_session=sps_[\w-]{43}; Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/);
    const session = cookie.split(';')[0]!;
    // The cookie works on its own; so does the token as a bearer credential.
    const viaCookie = await app.gql('{ me { actor role } }', {}, { ...anonymous, cookie: session });
    expect(viaCookie.data.me).toEqual({ actor: 'staff:sam@staff.example.com', role: 'SUPPORT' });
    const viaBearer = await app.gql('{ me { actor } }', {}, bearer(body.data.signIn.token));
    expect(viaBearer.data.me.actor).toBe('staff:sam@staff.example.com');
    // Only a hash of the token is stored.
    expect(await app.db.query('SELECT 1 FROM staff_session WHERE token_hash::text LIKE $1', [`%${body.data.signIn.token}%`])).toEqual([]);

    const out = await app.gql('mutation { signOut }', {}, { ...anonymous, cookie: session });
    expect(out.data.signOut).toBe(true);
    expect((await app.gql('{ me { actor } }', {}, { ...anonymous, cookie: session })).data.me).toBeNull();
    const after = await app.gql('{ persons(first: 1) { totalCount } }', {}, { ...anonymous, cookie: session });
    expect(after.data).toBeUndefined();
    expect(after.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    // A bearer token that no longer works is refused outright, not taken for anonymous.
    const refused = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(body.data.signIn.token) }, body: '{"query":"{ me { actor } }"}' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses wrong passwords alike for known and unknown accounts, and throttles repeated failures', async () => {
    const unknown = await signIn('nobody@staff.example.com');
    const wrong = await signIn('vic@staff.example.com', 'not the password');
    expect(unknown.body.errors?.[0]).toMatchObject({ message: 'Wrong e-mail or password.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(wrong.body.errors?.[0]).toEqual(unknown.body.errors?.[0]);
    for (let attempt = 2; attempt <= 5; attempt += 1) expect((await signIn('vic@staff.example.com', `wrong ${attempt}`)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Locked now, even with the right password.
    const locked = await signIn('vic@staff.example.com');
    expect(locked.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const failures = await app.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'SIGN_IN_FAILED'`);
    expect(failures[0].n).toBe(7);
  });

  it('disables a user: their sessions end at once', async () => {
    const { body } = await signIn('sam@staff.example.com');
    const users = await app.gql('{ staffUsers { id email } }');
    const sam = users.data.staffUsers.find((user: { email: string }) => user.email === 'sam@staff.example.com');
    const disabled = await app.gql(`mutation ($id: ID!) { updateStaffUser(id: $id, disabled: true) { disabled } }`, { id: sam.id });
    expect(disabled.data.updateStaffUser.disabled).toBe(true);
    const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(body.data.signIn.token) }, body: '{"query":"{ me { actor } }"}' });
    expect(response.status).toBe(401);
    expect((await signIn('sam@staff.example.com')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await app.gql(`mutation ($id: ID!) { updateStaffUser(id: $id, disabled: false) { disabled } }`, { id: sam.id });
  });

  it('issues scoped API keys shown once, lists them, binds ingest keys to a source and revokes them', async () => {
    await app.services.sources.create(app.db, { name: 'storefront', provider: 'shopify' });
    const created = await app.gql(`mutation { createApiKey(name: "storefront server", scopes: ["ingest:write"], source: "storefront") { token apiKey { id prefix scopes source } } }`);
    const { token, apiKey } = created.data.createApiKey;
    expect(token).toMatch(/^spa_[\w-]{43}$/);
    expect(apiKey).toMatchObject({ prefix: token.slice(0, 10), scopes: ['ingest:write'], source: 'storefront' });
    expect((await app.gql('{ apiKeys { id } }')).data.apiKeys.map((key: { id: string }) => key.id)).toContain(apiKey.id);

    // It sends as its source's provider: defaulted when left out, refused when another is named.
    const ingested = await app.gql(`mutation { ingestIdentities(records: [{ provider: "", externalId: "s-2", email: "ada.byron@fastmail.com" }]) { outcomes { provider action } } }`, {}, bearer(token));
    expect(ingested.data.ingestIdentities.outcomes).toEqual([{ provider: 'shopify', action: 'CREATED' }]);
    const other = await app.gql(`mutation { trackEvents(events: [{ userId: "u1", name: "Signed Up", source: "stripe" }]) { accepted } }`, {}, bearer(token));
    expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(other.errors?.[0]?.message).toContain('"shopify" only');
    // It cannot read the graph.
    expect((await app.gql('{ persons(first: 1) { totalCount } }', {}, bearer(token))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Bad requests for keys are explained.
    const bad = await app.gql(`mutation { createApiKey(name: "x", scopes: ["graph:write"]) { token } }`);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(bad.errors?.[0]?.message).toContain('Unknown scope graph:write');

    await app.gql(`mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: apiKey.id });
    const revoked = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: '{"query":"{ me { actor } }"}' });
    expect(revoked.status).toBe(401);
  });

  it('keeps an append-only audit log of views, merges, unmerges, decisions, exports and erasures, readable by admins only', async () => {
    const { body } = await signIn('sam@staff.example.com');
    const support = bearer(body.data.signIn.token);
    await app.gql('query ($id: ID!) { person(id: $id) { email } }', { id: personId }, { ...support, 'x-spine-reason': 'ticket 4711' });
    // The page asks again (its events, a filter): still one view of this person by this viewer.
    await app.gql('query ($id: ID!) { person(id: $id) { events(first: 5) { totalCount } } }', { id: personId }, { ...support, 'x-spine-reason': 'ticket 4711' });
    const second = await app.gql(`mutation { ingestIdentities(records: [{ provider: "stripe", externalId: "c-9", email: "g.hopper@fastmail.com", firstName: "Grace" }]) { outcomes { personId } } }`);
    const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "same woman") { id } }`, { s: second.data.ingestIdentities.outcomes[0].personId, t: personId }, support);
    await app.gql(`mutation ($id: ID!) { unmerge(mergeId: $id, reason: "different middle names") { id } }`, { id: merged.data.mergePersons.id }, support);
    const exported = await app.gql(`query ($id: ID!) { exportPerson(id: $id, reason: "DSAR 12") }`, { id: personId }, support);
    expect(exported.errors).toBeUndefined();

    const log = await app.gql(`query ($id: ID!) { auditLog(personId: $id, first: 10) { actor action reason details } }`, { id: personId });
    expect(log.data.auditLog.map((entry: { action: string }) => entry.action)).toEqual(['EXPORT_PERSON', 'UNMERGE', 'MERGE', 'VIEW_PERSON']);
    expect(log.data.auditLog[3]).toMatchObject({ actor: 'staff:sam@staff.example.com', reason: 'ticket 4711' });
    expect(log.data.auditLog[0]).toMatchObject({ reason: 'DSAR 12' });
    expect(log.data.auditLog[1]).toMatchObject({ action: 'UNMERGE', reason: 'different middle names' });
    expect(JSON.stringify(log.data)).not.toContain('grace.hopper');
    // Support may not read it.
    expect((await app.gql('{ auditLog { id } }', {}, support)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Newest first by id (numerically: entry 10 comes before entry 9), and paged with `before`.
    const all = (await app.gql('{ auditLog(first: 500) { id } }')).data.auditLog.map((entry: { id: string }) => Number(entry.id));
    expect(all.length).toBeGreaterThan(10);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const firstPage = (await app.gql('{ auditLog(first: 4) { id } }')).data.auditLog.map((entry: { id: string }) => Number(entry.id));
    const nextPage = (await app.gql(`{ auditLog(first: 4, before: "${firstPage[3]}") { id } }`)).data.auditLog.map((entry: { id: string }) => Number(entry.id));
    expect([...firstPage, ...nextPage]).toEqual(all.slice(0, 8));

    // The database itself refuses to rewrite it.
    await expect(app.db.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(app.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(app.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('logs searches and lookups of persons under a keyed hash of what was searched, never the text', async () => {
    await app.gql(`mutation { createStaffUser(email: "val@staff.example.com", password: "${PASSWORD}", role: VIEWER, name: "Val") { id } }`);
    const { body } = await signIn('val@staff.example.com');
    const viewer = bearer(body.data.signIn.token);
    const search = (query: string) => app.gql('query ($q: String!) { persons(query: $q, first: 5) { edges { node { id } } } }', { q: query }, viewer);
    expect((await search('Grace Hopper')).data.persons.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([personId]);
    // The same search again (the list re-asks as the user types and waits), written differently: one entry.
    await search('  grace   HOPPER ');
    await search('nobody at all');
    const lookup = await app.gql(`{ resolvePerson(identity: { kind: EMAIL, value: "Grace.Hopper@fastmail.com" }) { id } }`, {}, viewer);
    expect(lookup.data.resolvePerson.id).toBe(personId);

    const searches = async () =>
      (await app.gql(`{ auditLog(actor: "staff:val@staff.example.com", first: 20) { action personId details } }`)).data.auditLog.filter((entry: { action: string }) => entry.action !== 'SIGN_IN');
    const entries = await searches();
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual(['LOOKUP_PERSON', 'SEARCH_PERSONS', 'SEARCH_PERSONS']);
    expect(entries[0]).toMatchObject({ personId, details: { kind: 'EMAIL', results: 1, personIds: [personId] } });
    expect(entries[1]).toMatchObject({ personId: null, details: { results: 0, personIds: [] } });
    expect(entries[2]).toMatchObject({ personId, details: { results: 1, personIds: [personId] } });
    // What was searched is not in the log, in any form a reader can use without the installation's key.
    const raw = JSON.stringify(await app.db.query(`SELECT * FROM audit_log WHERE action IN ('SEARCH_PERSONS', 'LOOKUP_PERSON')`)).toLowerCase();
    for (const text of ['grace', 'hopper', 'nobody', 'fastmail']) expect(raw).not.toContain(text);

    // An administrator asks who searched for a text: written any way, the same entries.
    const searchedFor = async (text: string) => (await app.gql('query ($t: String!) { auditLog(searchedFor: $t) { action actor } }', { t: text })).data.auditLog;
    expect(await searchedFor('GRACE hopper')).toEqual([{ action: 'SEARCH_PERSONS', actor: 'staff:val@staff.example.com' }]);
    expect(await searchedFor('hopper')).toEqual([]);
    expect(await searchedFor('Grace.Hopper@fastmail.com ')).toEqual([{ action: 'LOOKUP_PERSON', actor: 'staff:val@staff.example.com' }]);
    // Listing persons without a query is not a search.
    await app.gql('{ persons(first: 5) { totalCount } }', {}, viewer);
    expect(await searches()).toHaveLength(3);
  });

  it('exports everything held on a person as JSON', async () => {
    await app.gql(`mutation ($id: ID!) { setConsent(personId: $id, input: { purpose: MARKETING_EMAIL, granted: true, source: "web" }) { granted } }`, { id: personId });
    await app.gql(`mutation ($id: ID!) { trackEvents(events: [{ personId: $id, messageId: "x-1", name: "Order Completed", properties: { revenue: 12 } }]) { accepted } }`, { id: personId });
    const exported = (await app.gql(`query ($id: ID!) { exportPerson(id: $id) }`, { id: personId })).data.exportPerson;
    expect(exported).toMatchObject({ format: 'spine.person-export.v1', personId });
    expect(exported.persons).toEqual([expect.objectContaining({ id: personId, email: 'grace.hopper@fastmail.com', first_name: 'Grace' })]);
    expect(exported.identities.map((identity: { kind: string }) => identity.kind).sort()).toEqual(['EMAIL', 'EXTERNAL_ID']);
    expect(exported.sourceRecords).toEqual([expect.objectContaining({ provider: 'shopify', external_id: 's-1' })]);
    expect(exported.consentHistory).toEqual([expect.objectContaining({ purpose: 'MARKETING_EMAIL', granted: true })]);
    expect(exported.events).toEqual([expect.objectContaining({ message_id: 'x-1', name: 'Order Completed' })]);
    expect(exported.merges).toHaveLength(1);
    const missing = await app.gql(`{ exportPerson(id: "00000000-0000-4000-8000-000000000000") }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('rate limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({}, { SPINE_RATE_LIMIT_PER_MINUTE: '5', SPINE_TRACKING_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => app?.close());

  it('answers 429 with Retry-After per credential once its budget for the minute is spent', async () => {
    const statuses: number[] = [];
    for (let call = 0; call < 6; call += 1) statuses.push((await app.gql('{ persons(first: 1) { totalCount } }')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer test-admin-token-0123456789abcdef' }, body: '{"query":"{ me { actor } }"}' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('RATE_LIMITED');
    // Another caller has a budget of its own.
    expect((await app.gql('{ me { actor } }', {}, anonymous)).status).toBe(200);
  });

  it('limits the tracking API per write key', async () => {
    const { writeKey } = await app.services.sources.create(app.db, { name: 'web', provider: 'app' });
    const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    const statuses: number[] = [];
    for (let call = 0; call < 4; call += 1) {
      const response = await fetch(`${app.url}/v1/track`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify({ userId: 'u1', event: 'Clicked', messageId: `m-${call}` }) });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('frontend clients on other origins', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({}, { SPINE_CORS_ORIGINS: 'https://shop.example.com' });
  });
  afterAll(() => app?.close());

  it('let the configured origins call with an API key, never with cookies, and nobody else', async () => {
    const preflight = (origin: string) =>
      fetch(`${app.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    const allowed = await preflight('https://shop.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await preflight('https://evil.example.net')).headers.get('access-control-allow-origin')).toBeNull();

    const key = (await app.gql(`mutation { createApiKey(name: "storefront", scopes: ["graph:read"]) { token } }`)).data.createApiKey.token;
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { origin: 'https://shop.example.com', 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ me { actor permissions } }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(((await response.json()) as { data: unknown }).data).toEqual({ me: { actor: 'api-key:storefront', permissions: ['graph:read'] } });
  });
});
