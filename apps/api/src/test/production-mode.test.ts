// NODE_ENV=production: no introspection or field suggestions, CSRF preflight enforced, unexpected
// errors masked (no SQL, no stack, no personal data; a correlation id that is in the log).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from './harness.js';

describe('production mode', () => {
  let app: TestApp;
  let personId: string;
  beforeAll(async () => {
    app = await createTestApp({}, { NODE_ENV: 'production' });
    const ingest = await app.gql(`mutation { ingestIdentities(records: [{ provider: "app", externalId: "p-1", email: "linus.prod@fastmail.com", firstName: "Linus" }]) { outcomes { personId } } }`);
    personId = ingest.data.ingestIdentities.outcomes[0].personId;
  });
  afterAll(() => app?.close());

  it('refuses introspection, even to an administrator, and gives no field suggestions', async () => {
    const introspection = await app.gql('{ __schema { types { name } } }');
    expect(introspection.data).toBeUndefined();
    expect(introspection.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    const typo = await app.gql('{ persns(first: 1) { totalCount } }');
    expect(typo.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors?.[0]?.message).not.toMatch(/did you mean/i);
    // No statement counts leak out either.
    expect(Number.isNaN(typo.statements)).toBe(true);
  });

  it('enforces the CSRF preflight: simple requests that a browser sends cross-site are refused', async () => {
    const query = encodeURIComponent('{ me { actor } }');
    const get = await fetch(`${app.url}/graphql?query=${query}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
    const form = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, body: '{"query":"{ me { actor } }"}' });
    expect(form.status).toBe(400);
    // With a preflighted header, a GET query goes through.
    const preflighted = await fetch(`${app.url}/graphql?query=${query}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
  });

  it('masks unexpected errors: a correlation id, no SQL, no stack, no personal data', async () => {
    await app.db.query('ALTER TABLE person_note RENAME TO person_note_hidden');
    try {
      const response = await app.gql('query ($id: ID!) { person(id: $id) { email notes { body } } }', { id: personId });
      const error = response.errors?.[0];
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error?.message).toMatch(/^Internal server error \(correlation id [0-9a-f-]{36}\)$/);
      expect(error?.extensions?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      const text = JSON.stringify(response.errors);
      for (const leak of ['person_note', 'relation "', 'does not exist', 'SELECT', 'stacktrace', ' at ', 'linus.prod']) expect(text).not.toContain(leak);
      // notes is non-null, so the person is null; nothing of it is served half-way.
      expect(response.data).toEqual({ person: null });
    } finally {
      await app.db.query('ALTER TABLE person_note_hidden RENAME TO person_note');
    }
  });

  it('sets the session cookie Secure', async () => {
    await app.gql(`mutation { createStaffUser(email: "ops@staff.example.com", password: "correct horse battery", role: VIEWER) { id } }`);
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { signIn(email: "ops@staff.example.com", password: "correct horse battery") { expiresAt } }' }),
    });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure; SameSite=Strict$|; HttpOnly; Secure; SameSite=Strict$/);
  });
});
