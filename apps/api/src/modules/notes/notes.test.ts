import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { seedGraph } from '../../test/fixtures.js';

const ADD = `mutation ($id: ID!, $body: String!) { addPersonNote(personId: $id, body: $body) { id body author createdAt } }`;
const NOTES = `query ($id: ID!) { person(id: $id) { id notes { body author createdAt } } }`;
const INGEST = `mutation ($records: [IdentityRecordInput!]!) { ingestIdentities(records: $records) { outcomes { personId } } }`;

describe('staff notes on a person', () => {
  let app: TestApp;
  let personId: string;
  beforeAll(async () => {
    app = await createTestApp();
    const ingest = await app.gql(INGEST, { records: [{ provider: 'app', externalId: 'n1', email: 'nora.notes@fastmail.com' }] });
    personId = ingest.data.ingestIdentities.outcomes[0].personId;
  });
  afterAll(() => app?.close());

  it('adds notes (trimmed, by the acting user) and lists them newest first', async () => {
    const first = await app.gql(ADD, { id: personId, body: '  Called about a refund.  ' });
    expect(first.errors).toBeUndefined();
    expect(first.data.addPersonNote).toMatchObject({ body: 'Called about a refund.', author: expect.any(String), createdAt: expect.any(String) });
    const second = await app.gql(ADD, { id: personId, body: 'Refund approved.' });
    expect(second.errors).toBeUndefined();
    const listed = await app.gql(NOTES, { id: personId });
    expect(listed.errors).toBeUndefined();
    expect(listed.data.person.notes.map((note: { body: string }) => note.body)).toEqual(['Refund approved.', 'Called about a refund.']);
    expect(listed.data.person.notes[0].author).toBe(first.data.addPersonNote.author);
  });

  it('refuses empty, whitespace-only and over-long notes, and unknown or malformed persons, with typed errors', async () => {
    for (const body of ['', '   \n ', 'x'.repeat(5001)]) {
      const result = await app.gql(ADD, { id: personId, body });
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await app.gql(ADD, { id: personId, body: 'y'.repeat(5000) })).errors).toBeUndefined();
    const missing = await app.gql(ADD, { id: '00000000-0000-0000-0000-000000000000', body: 'hello' });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malformed = await app.gql(ADD, { id: 'nope', body: 'hello' });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await app.db.query(`DELETE FROM person_note WHERE length(body) = 5000`);
  });

  it('shows the notes of the whole merged cluster, from the surviving id and the merged-away id; an unmerge takes them back out', async () => {
    const other = await app.gql(INGEST, { records: [{ provider: 'app', externalId: 'n2', email: 'nora.other@fastmail.com' }] });
    const sourceId: string = other.data.ingestIdentities.outcomes[0].personId;
    await app.gql(ADD, { id: sourceId, body: 'Written before the merge.' });
    const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t) { id } }`, { s: sourceId, t: personId });
    expect(merged.errors).toBeUndefined();
    const afterMerge = await app.gql(ADD, { id: sourceId, body: 'Written via the merged-away id.' });
    expect(afterMerge.errors).toBeUndefined();
    const [{ person_id: storedOn }] = await app.db.query(`SELECT person_id FROM person_note WHERE id = $1`, [afterMerge.data.addPersonNote.id]);
    expect(storedOn).toBe(personId);
    for (const id of [personId, sourceId]) {
      const listed = await app.gql(NOTES, { id });
      expect(listed.data.person.id).toBe(personId);
      expect(listed.data.person.notes.map((note: { body: string }) => note.body)).toEqual([
        'Written via the merged-away id.',
        'Written before the merge.',
        'Refund approved.',
        'Called about a refund.',
      ]);
    }
    const unmerged = await app.gql(`mutation ($id: ID!) { unmerge(mergeId: $id) { id notes { body } } }`, { id: merged.data.mergePersons.id });
    expect(unmerged.errors).toBeUndefined();
    expect(unmerged.data.unmerge.notes.map((note: { body: string }) => note.body)).toEqual(['Written before the merge.']);
  });

});

describe('notes of a page of persons', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('loads notes for a page of persons with the same number of statements for 2 and 10 persons', async () => {
    const ids = await seedGraph(app.db, 12);
    for (const id of ids.slice(0, 12)) await app.db.query(`INSERT INTO person_note (person_id, author, body) VALUES ($1, 'seed', 'hello')`, [id]);
    const query = `query ($first: Int) { persons(first: $first) { edges { node { notes { body } } } } }`;
    const two = await app.gql(query, { first: 2 });
    const ten = await app.gql(query, { first: 10 });
    expect(two.errors).toBeUndefined();
    expect(ten.errors).toBeUndefined();
    expect(ten.data.persons.edges).toHaveLength(10);
    expect(two.statements).toBe(ten.statements);
  });
});
