import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

const INGEST = `mutation ($records: [IdentityRecordInput!]!) { ingestIdentities(records: $records) { merges outcomes { action personId error } } }`;

/** Every row of every table of ours, as text, that mentions the needle (case-insensitive). */
async function occurrences(app: TestApp, needle: string): Promise<string[]> {
  const tables = (await app.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)) as { tablename: string }[];
  const found: string[] = [];
  for (const { tablename } of tables) {
    const [{ count }] = await app.db.query(`SELECT count(*) AS count FROM "${tablename}" t WHERE t::text ILIKE $1`, [`%${needle}%`]);
    if (Number(count) > 0) found.push(`${tablename}: ${count}`);
  }
  return found;
}

describe('erasePerson', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('removes the person and everything merged into them from every table, and refuses their identifiers afterwards', async () => {
    const email = 'Erin.Erasable@fastmail.com';
    const phone = '+1 (415) 867-5309';
    const first = await app.gql(INGEST, {
      records: [
        { provider: 'shopify', externalId: 'er-1', email, firstName: 'Erinna', lastName: 'Zorblatt', address: { line1: '7 Quiet Lane', postalCode: '97201' }, traits: { shoeSize: 42 } },
        { provider: 'stripe', externalId: 'er-2', phone, firstName: 'Erinna', lastName: 'Zorblatt' },
        { provider: 'klaviyo', externalId: 'er-3', email: 'ERIN.ERASABLE@fastmail.com', firstName: 'Erinna', lastName: 'Zorblatt' },
        { provider: 'shopify', externalId: 'other-1', email: 'someone.else@fastmail.com', firstName: 'Sam', lastName: 'Else' },
      ],
    });
    const [erin, stripe] = first.data.ingestIdentities.outcomes;
    // A second person merged in, a review item that names her, events, consent, a segment.
    await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "same") { id } }`, { s: stripe.personId, t: erin.personId });
    await app.gql(INGEST, { records: [{ provider: 'qbo', externalId: 'er-4', email, firstName: 'Bartholomew', lastName: 'Zorblatt' }] });
    await app.db.query(`INSERT INTO event (message_id, person_id, type, name, source, properties, occurred_at) VALUES ('er-ev', $1, 'track', 'Order Completed', 'web', '{"email": "erin.erasable@fastmail.com"}', now())`, [erin.personId]);
    await app.gql(`mutation ($id: ID!) { setConsent(personId: $id, input: { purpose: MARKETING_EMAIL, granted: true, source: "test" }) { granted } }`, { id: erin.personId });
    await app.db.query(`INSERT INTO segment (id, name, rules) VALUES ('00000000-0000-0000-0000-0000000000e1', 'All', '{"operator":"AND","conditions":[]}')`);
    await app.db.query(`INSERT INTO segment_membership (segment_id, person_id) VALUES ('00000000-0000-0000-0000-0000000000e1', $1)`, [erin.personId]);
    // Staff notes that name her, on the survivor and on the merged-away person.
    await app.gql(`mutation ($id: ID!) { addPersonNote(personId: $id, body: "Erinna Zorblatt called about a refund") { id } }`, { id: erin.personId });
    await app.db.query(`INSERT INTO person_note (person_id, author, body) VALUES ($1, 'test', 'Zorblatt, stripe side')`, [stripe.personId]);
    expect(await occurrences(app, 'Zorblatt')).toContainEqual(expect.stringMatching(/^person_note: 2$/));

    const erased = await app.gql(`mutation ($id: ID!) { erasePerson(id: $id) }`, { id: stripe.personId }); // a merged-away id erases the whole person
    expect(erased.errors).toBeUndefined();
    expect(erased.data.erasePerson).toBe(true);

    // The audit log (append-only) is searched too: it names persons by id only.
    for (const needle of ['erin.erasable', 'Erin.Erasable', 'zorblatt', 'Erinna', '8675309', 'Quiet Lane']) {
      expect(await occurrences(app, needle), needle).toEqual([]);
    }
    // Only the PII-free erasure and audit logs still know the (random) ids: who merged and erased whom.
    expect(await occurrences(app, stripe.personId)).toEqual(['audit_log: 1']);
    expect(await occurrences(app, erin.personId)).toEqual(['erasure_log: 1', 'audit_log: 2']);
    const audit = await app.db.query(`SELECT action FROM audit_log WHERE person_id = $1 ORDER BY id`, [erin.personId]);
    expect(audit.map((row: { action: string }) => row.action)).toEqual(['MERGE', 'ERASE_PERSON']);
    const gone = await app.gql(`query ($id: ID!) { person(id: $id) { id } }`, { id: erin.personId });
    expect(gone.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Someone else is untouched.
    const other = await app.gql(`{ resolvePerson(identity: { kind: EMAIL, value: "someone.else@fastmail.com" }) { firstName } }`);
    expect(other.data.resolvePerson).toEqual({ firstName: 'Sam' });

    // The same identifiers are refused when they come back, whatever the record.
    const again = await app.gql(INGEST, {
      records: [
        { provider: 'app', externalId: 'new-1', email: ' ERIN.erasable@FASTMAIL.com ', firstName: 'Erin' },
        { provider: 'amazon', externalId: 'new-2', phone: '(415) 867 5309' },
        { provider: 'app', externalId: 'new-3', email: 'fresh.person@fastmail.com', firstName: 'Fresh' },
      ],
    });
    const actions = again.data.ingestIdentities.outcomes.map((outcome: { action: string; error: string | null }) => [outcome.action, outcome.error?.slice(0, 40) ?? null]);
    expect(actions).toEqual([
      ['REJECTED', 'an identifier of this record belongs to '],
      ['REJECTED', 'an identifier of this record belongs to '],
      ['CREATED', null],
    ]);
    expect(await occurrences(app, 'erin.erasable')).toEqual([]);
    const log = await app.db.query('SELECT counts FROM erasure_log');
    expect(log).toHaveLength(1);
    expect(log[0].counts).toMatchObject({ persons: 2, events: 1, consents: 1, memberships: 1, merges: 1 });
  });

  it('leaves each segment counting its remaining members', async () => {
    const created = await app.gql(INGEST, {
      records: [
        { provider: 'app', externalId: 'count-1', email: 'counted.one@fastmail.com', firstName: 'Una', lastName: 'Counted' },
        { provider: 'app', externalId: 'count-2', email: 'counted.two@fastmail.com', firstName: 'Dos', lastName: 'Counted' },
      ],
    });
    const [one] = created.data.ingestIdentities.outcomes.map((outcome: { personId: string }) => outcome.personId);
    const segment = await app.gql(`mutation { createSegment(input: { name: "Counted", rules: { operator: "AND", conditions: [{ field: "lastName", operator: "eq", value: "Counted" }] } }) { id memberCount } }`);
    expect(segment.data.createSegment.memberCount).toBe(2);
    const erased = await app.gql(`mutation ($id: ID!) { erasePerson(id: $id) }`, { id: one });
    expect(erased.errors).toBeUndefined();
    const after = await app.gql(`query ($id: ID!) { segment(id: $id) { memberCount members(first: 10) { totalCount } } }`, { id: segment.data.createSegment.id });
    expect(after.data.segment).toEqual({ memberCount: 1, members: { totalCount: 1 } });
  });

  it('answers an unknown or malformed id with a coded error', async () => {
    const unknown = await app.gql(`mutation { erasePerson(id: "00000000-0000-4000-8000-000000000000") }`);
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malformed = await app.gql(`mutation { erasePerson(id: "nope") }`);
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
