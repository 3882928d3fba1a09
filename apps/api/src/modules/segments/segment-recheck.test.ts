// A merge gives the survivor both persons' segment stays; its segments are evaluated again for it,
// at once after an interactive merge, and from the queue for merges made by imports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { withTransaction } from '../../database/transaction.js';
import { startQueueFlush } from '../../jobs/queue-flush.job.js';

const CREATE = `mutation ($input: SegmentInput!) { createSegment(input: $input) { id memberCount } }`;
const MEMBERSHIP = `query ($id: ID!) { person(id: $id) { segments { name } } }`;

let app: TestApp;
let free: string;
let pro: string;
let freeFollowers: string;

async function person(name: string, plan: string, observedAt: string): Promise<string> {
  const [{ id }] = await app.db.query(`INSERT INTO person (first_name, last_name, first_seen_at, last_seen_at) VALUES ($1, 'Recheck', now(), now()) RETURNING id`, [name]);
  await app.db.query(`INSERT INTO trait (person_id, key, value, type, source, observed_at) VALUES ($1, 'recheck_plan', to_jsonb($2::text), 'DEMOGRAPHIC', 'test', $3)`, [id, plan, observedAt]);
  return id;
}

async function segmentsOf(id: string): Promise<string[]> {
  const result = await app.gql(MEMBERSHIP, { id });
  expect(result.errors).toBeUndefined();
  return result.data.person.segments.map((segment: { name: string }) => segment.name).filter((name: string) => name.startsWith('Recheck')).sort();
}

async function counts(): Promise<Record<string, number>> {
  const found = await app.db.query(
    `SELECT s.name, s.member_count, (SELECT count(*)::int FROM segment_membership m WHERE m.segment_id = s.id AND m.exited_at IS NULL) AS open FROM segment s WHERE s.name LIKE 'Recheck%'`,
  );
  // The stored count always equals the open stays.
  for (const row of found) expect(row.member_count, row.name).toBe(row.open);
  return Object.fromEntries(found.map((row: { name: string; member_count: number }) => [row.name, row.member_count]));
}

async function queued(): Promise<number> {
  const [row] = await app.db.query('SELECT count(*)::int AS count FROM person_segment_recheck');
  return row.count;
}

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

describe('segments after a merge', () => {
  // Fresh persons per test; the segments are created once persons with the trait exist.
  it('drop the stays the survivor no longer qualifies for right after mergePersons, dependent segments too', async () => {
    const older = await person('Older', 'free', '2025-01-01T00:00:00Z');
    const newer = await person('Newer', 'pro', '2025-02-01T00:00:00Z');
    free = (await app.gql(CREATE, { input: { name: 'Recheck free', rules: { operator: 'AND', conditions: [{ field: 'trait.recheck_plan', operator: 'eq', value: 'free' }] } } })).data.createSegment.id;
    pro = (await app.gql(CREATE, { input: { name: 'Recheck pro', rules: { operator: 'AND', conditions: [{ field: 'trait.recheck_plan', operator: 'eq', value: 'pro' }] } } })).data.createSegment.id;
    freeFollowers = (await app.gql(CREATE, { input: { name: 'Recheck follows free', rules: { operator: 'AND', conditions: [{ field: 'segment', operator: 'eq', value: free }] } } })).data
      .createSegment.id;
    expect(await segmentsOf(older)).toEqual(['Recheck follows free', 'Recheck free']);
    expect(await segmentsOf(newer)).toEqual(['Recheck pro']);

    const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "same") { id } }`, { s: older, t: newer });
    expect(merged.errors).toBeUndefined();
    // The newest plan won (pro): the free stays it brought along are closed, the dependent one too.
    expect(await segmentsOf(newer)).toEqual(['Recheck pro']);
    expect(await counts()).toEqual({ 'Recheck free': 0, 'Recheck pro': 1, 'Recheck follows free': 0 });
    expect(await queued()).toBe(0);
    // History: the survivor entered and left the free segment (the stay it took over).
    const [{ closed }] = await app.db.query(`SELECT count(*)::int AS closed FROM segment_membership WHERE segment_id = $1 AND person_id = $2 AND exited_at IS NOT NULL`, [free, newer]);
    expect(closed).toBe(1);

    // Undone: each is back in its own segments.
    const [{ id: mergeId }] = await app.db.query('SELECT id FROM person_merge WHERE source_person_id = $1', [older]);
    const undone = await app.gql(`mutation ($m: ID!) { unmerge(mergeId: $m) { id } }`, { m: mergeId });
    expect(undone.errors).toBeUndefined();
    expect(await segmentsOf(older)).toEqual(['Recheck follows free', 'Recheck free']);
    expect(await segmentsOf(newer)).toEqual(['Recheck pro']);
    expect(await counts()).toEqual({ 'Recheck free': 1, 'Recheck pro': 1, 'Recheck follows free': 1 });
    expect(await queued()).toBe(0);
  });

  it('queue the survivor of a merge made by ingestion, put right by the queue flush', async () => {
    const older = await person('Imported older', 'free', '2025-01-01T00:00:00Z');
    const newer = await person('Imported newer', 'pro', '2025-02-01T00:00:00Z');
    for (const id of [free, pro, freeFollowers]) expect((await app.gql(`mutation ($id: ID!) { refreshSegment(id: $id) { entered } }`, { id })).errors).toBeUndefined();
    expect(await counts()).toEqual({ 'Recheck free': 2, 'Recheck pro': 2, 'Recheck follows free': 2 });

    // As the identity engine and /v1 alias merge: inside their own transaction, through the service.
    await withTransaction(app.db, (tx) => app.services.merges.merge(tx, { sourceId: older, targetId: newer, reason: 'import', actor: 'test' }));
    expect(await queued()).toBe(1);
    expect(await segmentsOf(newer)).toEqual(['Recheck follows free', 'Recheck free', 'Recheck pro']);

    const job = startQueueFlush({ db: app.db, logger: app.logger, segments: app.services.segments, intervalSeconds: 60 });
    try {
      await job.flushNow();
    } finally {
      await job.stop();
    }
    expect(await queued()).toBe(0);
    expect(await segmentsOf(newer)).toEqual(['Recheck pro']);
    expect(await counts()).toEqual({ 'Recheck free': 1, 'Recheck pro': 2, 'Recheck follows free': 1 });
  });

  it('drop contradictory stays before ingestIdentities answers, when the records merged persons', async () => {
    const ingest = (records: object[]) => app.gql(`mutation ($r: [IdentityRecordInput!]!) { ingestIdentities(records: $r) { merges outcomes { personId action } } }`, { r: records });
    const created = await ingest([
      { provider: 'crm', externalId: 'cara-1', email: 'cara.recheck@fastmail.com', firstName: 'Cara' },
      { provider: 'crm', externalId: 'cara-2', phone: '+14155550111', firstName: 'Cara' },
    ]);
    const [cara1, cara2] = created.data.ingestIdentities.outcomes.map((outcome: { personId: string }) => outcome.personId);
    expect(cara1).not.toBe(cara2);
    const setPlan = (id: string, plan: string) => app.gql(`mutation ($id: ID!, $v: JSON) { setTraits(personId: $id, traits: [{ key: "recheck_plan", value: $v }]) { key } }`, { id, v: plan });
    await setPlan(cara1, 'free');
    await setPlan(cara2, 'pro');
    for (const id of [free, pro, freeFollowers]) await app.gql(`mutation ($id: ID!) { refreshSegment(id: $id) { entered } }`, { id });
    expect(await segmentsOf(cara1)).toEqual(['Recheck follows free', 'Recheck free']);

    // One record with both the e-mail and the phone: the two are one person.
    const merged = await ingest([{ provider: 'shop', externalId: 'cara-3', email: 'cara.recheck@fastmail.com', phone: '+14155550111', firstName: 'Cara' }]);
    expect(merged.errors).toBeUndefined();
    expect(merged.data.ingestIdentities.merges).toBe(1);
    const survivor = merged.data.ingestIdentities.outcomes[0].personId;
    expect(await segmentsOf(survivor)).toEqual(['Recheck pro']);
    expect(await queued()).toBe(0);
  });

  it('stay queued when a segment cannot be evaluated, the others put right, and are taken once it works', async () => {
    const older = await person('Listed older', 'free', '2025-01-01T00:00:00Z');
    const newer = await person('Listed newer', 'pro', '2025-02-01T00:00:00Z');
    await withTransaction(app.db, (tx) => app.services.merges.merge(tx, { sourceId: older, targetId: newer, reason: 'import', actor: 'test' }));
    expect(await queued()).toBe(1);
    // A segment whose stored rules no longer check (a trait type changed under it) makes the evaluation fail.
    const [{ id: broken }] = await app.db.query(
      // Oldest of all, so that it comes first.
      `INSERT INTO segment (name, kind, rules, created_at) VALUES ('Recheck broken', 'DYNAMIC', '{"operator":"AND","conditions":[{"field":"no_such_field","operator":"eq","value":1}]}', '2000-01-01') RETURNING id`,
    );
    await expect(app.services.segments.recheckQueued(app.db)).rejects.toThrow(/could not be evaluated again/);
    expect(await queued()).toBe(1);
    // The other segments were put right all the same.
    expect(await segmentsOf(newer)).toEqual(['Recheck pro']);
    await app.db.query('DELETE FROM segment WHERE id = $1', [broken]);
    expect((await app.services.segments.recheckQueued(app.db)).persons).toBe(1);
    expect(await queued()).toBe(0);
  });
});
