// The authorization matrix through the front door: each kind of credential × each PII field × each
// path to it (root, search, resolvePerson, segment members, merge candidate persons, an event's
// person) gets the value, a masked value, or FORBIDDEN/UNAUTHENTICATED, and the raw personal
// values never appear anywhere in a response they are not allowed in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, type TestApp } from '../../test/harness.js';

const EMAIL = 'ada.lovelace@fastmail.com';
const PHONE = '+14155550199';
const TRAIT_EMAIL = 'ada.second@fastmail.com';
const NOTE_EMAIL = 'ada.notes@fastmail.com';
/** Any of these in a masked response is a leak. */
const RAW_NEEDLES = ['ada.lovelace', 'lovelace@', 'fastmail', '5550199', '555-0199', '555 0199', '415 555', 'ada.second', 'ada.notes'];

const PERSON_FIELDS = `
  email phone phoneDisplay displayName
  identities { kind value rawValue metadata }
  traits { key value }
  events(first: 10) { edges { node { properties context person { email phone } } } }
  notes { body }`;

const PATHS: Record<string, string> = {
  root: `query ($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`,
  search: `query { persons(query: "Lovelace", first: 5) { edges { node { ${PERSON_FIELDS} } } } }`,
  resolvePerson: `query { resolvePerson(identity: { kind: EXTERNAL_ID, provider: "shopify", value: "shop-ada" }) { ${PERSON_FIELDS} } }`,
  segmentMembers: `query ($segment: ID!) { segment(id: $segment) { members(first: 5) { edges { node { ${PERSON_FIELDS} } } } } }`,
  mergeCandidate: `query { mergeCandidates(status: OPEN, first: 5) { persons { ${PERSON_FIELDS} } evidence { values detail } pendingRecords { payload } } }`,
};

type Expectation = 'raw' | 'masked' | 'FORBIDDEN' | 'UNAUTHENTICATED';

describe('authorization matrix', () => {
  let app: TestApp;
  let personId: string;
  let segmentId: string;
  const tokens: Record<string, string> = {};

  const as = (who: string) => ({ authorization: who === 'anonymous' ? '' : `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    app = await createTestApp();
    const ingest = await app.gql(
      `mutation ($records: [IdentityRecordInput!]!) { ingestIdentities(records: $records) { outcomes { action personId mergeCandidateId } } }`,
      {
        records: [
          { provider: 'shopify', externalId: 'shop-ada', email: EMAIL, phone: '(415) 555-0199', firstName: 'Ada', lastName: 'Lovelace', traits: { contactEmail: TRAIT_EMAIL, plan: 'pro' } },
          // Same e-mail, another first name: a review item, with this record waiting on it.
          { provider: 'stripe', externalId: 'cus-bob', email: EMAIL, firstName: 'Bob', lastName: 'Lovelace' },
        ],
      },
    );
    const [ada, bob] = ingest.data.ingestIdentities.outcomes;
    expect([ada.action, bob.action]).toEqual(['CREATED', 'AMBIGUOUS']);
    personId = ada.personId;
    const tracked = await app.gql(`mutation ($events: [EventInput!]!) { trackEvents(events: $events) { accepted errors } }`, {
      events: [{ personId, name: 'Signed Up', properties: { email: EMAIL, note: `call ${PHONE}` }, context: { traits: { email: EMAIL, phone: PHONE } } }],
    });
    expect(tracked.data.trackEvents).toEqual({ accepted: 1, errors: [] });
    await app.gql(`mutation ($id: ID!, $body: String!) { addPersonNote(personId: $id, body: $body) { id } }`, { id: personId, body: `Wrote from ${NOTE_EMAIL}, phone ${PHONE}` });
    const segment = await app.gql(`mutation { createStaticSegment(input: { name: "VIPs", identifiers: [{ kind: EMAIL, value: "${EMAIL}" }] }) { segment { id } } }`);
    segmentId = segment.data.createStaticSegment.segment.id;

    for (const role of ['ADMIN', 'SUPPORT', 'MARKETER', 'VIEWER']) {
      const email = `${role.toLowerCase()}@staff.example.com`;
      const created = await app.gql(`mutation ($email: String!, $role: Role!) { createStaffUser(email: $email, password: "correct horse battery", role: $role) { id } }`, { email, role });
      expect(created.errors).toBeUndefined();
      const signedIn = await app.gql(`mutation ($email: String!) { signIn(email: $email, password: "correct horse battery") { token viewer { role } } }`, { email }, { authorization: '' });
      expect(signedIn.data.signIn.viewer.role).toBe(role);
      tokens[role] = signedIn.data.signIn.token;
    }
    for (const [name, scopes] of [
      ['key:read', ['graph:read']],
      ['key:read+pii', ['graph:read', 'pii:read']],
      ['key:ingest', ['ingest:write']],
    ] as const) {
      const key = await app.gql(`mutation ($name: String!, $scopes: [String!]!) { createApiKey(name: $name, scopes: $scopes) { token } }`, { name, scopes });
      tokens[name] = key.data.createApiKey.token;
    }
  });
  afterAll(() => app?.close());

  const expected: Record<string, Expectation> = {
    ADMIN: 'raw',
    SUPPORT: 'raw',
    MARKETER: 'masked',
    VIEWER: 'masked',
    'key:read': 'masked',
    'key:read+pii': 'raw',
    'key:ingest': 'FORBIDDEN',
    anonymous: 'UNAUTHENTICATED',
  };

  for (const [who, expectation] of Object.entries(expected)) {
    for (const [path, query] of Object.entries(PATHS)) {
      it(`${who} via ${path}: ${expectation}`, async () => {
        const response = await app.gql(query, { id: personId, segment: segmentId }, as(who));
        const body = JSON.stringify(response);
        if (expectation === 'FORBIDDEN' || expectation === 'UNAUTHENTICATED') {
          expect(response.errors?.map((error) => error.extensions?.code)).toEqual([expectation]);
          expect(Object.values(response.data ?? {}).every((value) => value === null)).toBe(true);
        } else {
          expect(response.errors).toBeUndefined();
          expect(persons(response, path).length).toBeGreaterThan(0);
        }
        if (expectation === 'raw') {
          expect(body).toContain(EMAIL);
          expect(body).toContain(PHONE);
          expect(persons(response, path)[0].phoneDisplay).toBe('+1 415 555 0199');
          if (path !== 'mergeCandidate') expect(body).toContain(TRAIT_EMAIL);
        } else {
          for (const needle of RAW_NEEDLES) expect(body.toLowerCase(), `${needle} leaked to ${who} via ${path}`).not.toContain(needle);
        }
        if (expectation === 'masked') {
          const person = persons(response, path)[0];
          expect(person.email).toBe('a***@f***.com');
          expect(person.phone).toBe('+*********99');
          expect(person.phoneDisplay).toBe('+*********99');
        }
      });
    }
  }

  it('masks the raw records and evidence of a review item, and the identities of every kind', async () => {
    const response = await app.gql(PATHS.mergeCandidate!, {}, as('MARKETER'));
    const candidate = response.data.mergeCandidates[0];
    expect(candidate.pendingRecords[0].payload).toMatchObject({ provider: 'stripe', externalId: 'cus-bob', email: 'a***@f***.com', firstName: 'Bob' });
    const identities = candidate.persons[0].identities as { kind: string; value: string; rawValue: string }[];
    expect(identities.find((identity) => identity.kind === 'EXTERNAL_ID')).toMatchObject({ value: 'shop-ada' });
    expect(identities.find((identity) => identity.kind === 'ADDRESS_HASH')).toBeUndefined();
    const phone = identities.find((identity) => identity.kind === 'PHONE')!;
    expect(phone.value).toBe('+*********99');
    expect(phone.rawValue.replace(/[^0-9]/g, '')).toBe('99');
    expect(identities.find((identity) => identity.kind === 'EMAIL')).toMatchObject({ value: 'a***@f***.com', rawValue: 'a***@f***.com' });
  });

  // What each kind of credential may do: allowed calls get past the gate (their own error, e.g.
  // NOT_FOUND for the made-up ids used here, or none), the others are refused before they run.
  const NOBODY = '00000000-0000-4000-8000-000000000000';
  const OTHER = '00000000-0000-4000-8000-000000000001';
  const CALLS: Record<string, string> = {
    persons: `{ persons(first: 1) { totalCount } }`,
    mergePersons: `mutation { mergePersons(sourceId: "${NOBODY}", targetId: "${OTHER}") { id } }`,
    unmerge: `mutation { unmerge(mergeId: "${NOBODY}") { id } }`,
    decideMergeCandidate: `mutation { decideMergeCandidate(id: "${NOBODY}", decision: REJECT, reason: "no") { id } }`,
    linkIdentity: `mutation { linkIdentity(personId: "${NOBODY}", identity: { kind: EMAIL, value: "new.one@example.org" }) { id } }`,
    addPersonNote: `mutation { addPersonNote(personId: "${NOBODY}", body: "hello") { id } }`,
    setTraits: `mutation { setTraits(personId: "${NOBODY}", traits: [{ key: "plan", value: "pro" }]) { key } }`,
    trackEvents: `mutation { trackEvents(events: []) { accepted } }`,
    ingestIdentities: `mutation { ingestIdentities(records: []) { fetched } }`,
    deleteSegment: `mutation { deleteSegment(id: "${NOBODY}") }`,
    previewSegment: `{ previewSegment(rules: { operator: "AND", conditions: [] }) { count } }`,
    exportPerson: `{ exportPerson(id: "${NOBODY}") }`,
    erasePerson: `mutation { erasePerson(id: "${NOBODY}") }`,
    recomputeLifetimeValues: `mutation { recomputeLifetimeValues { persons } }`,
    auditLog: `{ auditLog(first: 1) { id } }`,
    staffUsers: `{ staffUsers { id } }`,
    createApiKey: `mutation { createApiKey(name: "", scopes: []) { token } }`,
  };
  // ok: past the gate; F: FORBIDDEN; U: UNAUTHENTICATED. Columns: ADMIN SUPPORT MARKETER VIEWER key:read key:read+pii key:ingest anonymous.
  const MATRIX: Record<string, string> = {
    persons: '                ok ok ok ok ok ok F  U',
    mergePersons: '           ok ok F  F  F  F  F  U',
    unmerge: '                ok ok F  F  F  F  F  U',
    decideMergeCandidate: '   ok ok F  F  F  F  F  U',
    linkIdentity: '           ok ok F  F  F  F  F  U',
    addPersonNote: '          ok ok F  F  F  F  F  U',
    setTraits: '              ok ok F  F  F  F  ok U',
    trackEvents: '            ok F  F  F  F  F  ok U',
    ingestIdentities: '       ok F  F  F  F  F  ok U',
    deleteSegment: '          ok F  ok F  F  F  F  U',
    previewSegment: '         ok ok ok ok ok ok F  U',
    exportPerson: '           ok ok F  F  F  F  F  U',
    erasePerson: '            ok F  F  F  F  F  F  U',
    recomputeLifetimeValues: 'ok F  F  F  F  F  F  U',
    auditLog: '               ok F  F  F  F  F  F  U',
    staffUsers: '             ok F  F  F  F  F  F  U',
    createApiKey: '           ok F  F  F  F  F  F  U',
  };
  const COLUMNS = ['ADMIN', 'SUPPORT', 'MARKETER', 'VIEWER', 'key:read', 'key:read+pii', 'key:ingest', 'anonymous'];

  it('lets each credential do exactly what its role or scopes allow', async () => {
    const got: Record<string, string> = {};
    for (const [name, query] of Object.entries(CALLS)) {
      const cells: string[] = [];
      for (const who of COLUMNS) {
        const response = await app.gql(query, {}, as(who));
        const code = response.errors?.[0]?.extensions?.code;
        cells.push(code === 'FORBIDDEN' ? 'F' : code === 'UNAUTHENTICATED' ? 'U' : 'ok');
      }
      got[name] = cells.join(' ');
    }
    const want = Object.fromEntries(Object.entries(MATRIX).map(([name, row]) => [name, row.trim().split(/\s+/).join(' ')]));
    expect(got).toEqual(want);
  });
});

function persons(response: GraphQLResponse, path: string): { email: string | null; phone: string | null; phoneDisplay: string | null }[] {
  const data = response.data;
  if (!data) return [];
  switch (path) {
    case 'root':
      return data.person ? [data.person] : [];
    case 'resolvePerson':
      return data.resolvePerson ? [data.resolvePerson] : [];
    case 'search':
      return data.persons?.edges.map((edge: { node: never }) => edge.node) ?? [];
    case 'segmentMembers':
      return data.segment?.members.edges.map((edge: { node: never }) => edge.node) ?? [];
    case 'mergeCandidate':
      return data.mergeCandidates?.flatMap((candidate: { persons: never[] }) => candidate.persons) ?? [];
    default:
      return [];
  }
}
