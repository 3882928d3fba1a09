// First/last-seen times from /v1 traffic go through person_seen_queue: nothing is lost between the
// batch and the fold, merges and erasures see queued times, and the fold is all-or-nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { postTracking } from '../../test/tracking.js';
import { applyQueuedSeen, flushSeenQueue } from './person-seen.js';
import { startQueueFlush } from '../../jobs/queue-flush.job.js';
import { withTransaction } from '../../database/transaction.js';

let app: TestApp;
let writeKey: string;

const post = (path: string, body: object) => postTracking(app.url, writeKey, path, body);

async function personOf(userId: string): Promise<{ id: string; first_seen_at: Date; last_seen_at: Date }> {
  const [row] = await app.db.query(
    `SELECT p.id, p.first_seen_at, p.last_seen_at FROM identity i JOIN person p ON p.id = i.person_id WHERE i.kind = 'EXTERNAL_ID' AND i.scope = 'app' AND i.value = $1`,
    [userId],
  );
  return row;
}

async function queued(): Promise<number> {
  const [row] = await app.db.query('SELECT count(*) AS count FROM person_seen_queue');
  return Number(row.count);
}

const track = (userId: string, messageId: string, timestamp: string) => ({ type: 'track', event: 'Seen', userId, messageId, timestamp });

beforeAll(async () => {
  app = await createTestApp();
  ({ writeKey } = await app.services.sources.create(app.db, { name: 'seen-web', provider: 'app' }));
});
afterAll(() => app?.close());

describe('seen times from /v1', () => {
  it('are queued with the batch and folded into the person, earliest and latest', async () => {
    // The person exists first (its first track creates it, seen at that event).
    expect((await post('batch', { batch: [track('seen-1', 'seen-1-a', '2025-03-10T12:00:00Z')] })).status).toBe(200);
    await flushSeenQueue(app.db);
    const before = await personOf('seen-1');
    expect(before.last_seen_at.toISOString()).toBe('2025-03-10T12:00:00.000Z');

    const response = await post('batch', {
      batch: [track('seen-1', 'seen-1-b', '2025-03-12T08:00:00Z'), track('seen-1', 'seen-1-c', '2025-03-11T08:00:00Z'), track('seen-1', 'seen-1-d', '2025-03-01T00:00:00Z')],
    });
    expect(response.status).toBe(200);
    // Stored with the events, not yet on the person.
    expect(await queued()).toBeGreaterThan(0);
    expect((await personOf('seen-1')).last_seen_at.toISOString()).toBe('2025-03-10T12:00:00.000Z');

    expect(await flushSeenQueue(app.db)).toBeGreaterThan(0);
    const after = await personOf('seen-1');
    expect(after.last_seen_at.toISOString()).toBe('2025-03-12T08:00:00.000Z');
    expect(after.first_seen_at.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(await queued()).toBe(0);
  });

  it('match the events exactly after concurrent batches that share persons', async () => {
    const users = Array.from({ length: 12 }, (_, index) => `seen-many-${index}`);
    const batches = Array.from({ length: 8 }, (_, batch) => ({
      batch: Array.from({ length: 60 }, (_, index) => {
        const minute = (batch * 60 + index) % 400;
        return track(users[(batch + index) % users.length], `seen-many-${batch}-${index}`, new Date(Date.UTC(2025, 4, 1) + minute * 60_000).toISOString());
      }),
    }));
    const statuses = await Promise.all(batches.map((body) => post('batch', body).then((response) => response.status)));
    expect(statuses).toEqual(Array(8).fill(200));
    await flushSeenQueue(app.db);
    const mismatches = await app.db.query(
      `SELECT p.id FROM person p JOIN (SELECT person_id, min(occurred_at) AS first_at, max(occurred_at) AS last_at FROM event WHERE message_id LIKE 'seen-many-%' GROUP BY person_id) e ON e.person_id = p.id
       WHERE p.last_seen_at <> e.last_at OR p.first_seen_at <> e.first_at`,
    );
    expect(mismatches).toEqual([]);
    const [{ persons }] = await app.db.query(`SELECT count(DISTINCT person_id) AS persons FROM event WHERE message_id LIKE 'seen-many-%'`);
    expect(Number(persons)).toBe(12);
  });

  it('count a future timestamp as the time it was received, not the time of the fold', async () => {
    await post('batch', { batch: [track('seen-future', 'seen-future-a', '2025-01-01T00:00:00Z')] });
    await flushSeenQueue(app.db);
    // Within the skew the server accepts, a timestamp a little ahead is kept as sent.
    await post('batch', { batch: [track('seen-future', 'seen-future-b', new Date(Date.now() + 60_000).toISOString())] });
    const answered = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await flushSeenQueue(app.db);
    expect((await personOf('seen-future')).last_seen_at.getTime()).toBeLessThanOrEqual(answered);
  });

  it('give each person back its own times when an alias in the same batch merged them and the merge is undone', async () => {
    await post('batch', { batch: [track('seen-a1', 'seen-a1-a', '2025-11-01T00:00:00Z'), track('seen-a2', 'seen-a2-a', '2025-11-02T00:00:00Z')] });
    await flushSeenQueue(app.db);
    const first = await personOf('seen-a1');
    const second = await personOf('seen-a2');
    // Segment's libraries send an alias in the same batch as the events before it.
    const response = await post('batch', {
      batch: [track('seen-a1', 'seen-a1-b', '2025-11-20T10:00:00Z'), { type: 'alias', previousId: 'seen-a1', userId: 'seen-a2', messageId: 'seen-a-alias', timestamp: '2025-11-21T10:00:00Z' }],
    });
    expect(response.status).toBe(200);
    await flushSeenQueue(app.db);
    expect((await personOf('seen-a2')).last_seen_at.toISOString()).toBe('2025-11-21T10:00:00.000Z');
    const [{ id: mergeId }] = await app.db.query('SELECT id FROM person_merge WHERE source_person_id = $1 AND undone_at IS NULL', [first.id]);
    await withTransaction(app.db, (tx) => app.services.merges.unmerge(tx, mergeId, 'test'));
    await flushSeenQueue(app.db);
    const [own] = await app.db.query(
      `SELECT (SELECT max(occurred_at) FROM event WHERE person_id = $1) AS first_newest, (SELECT max(occurred_at) FROM event WHERE person_id = $2) AS second_newest`,
      [first.id, second.id],
    );
    expect(own.first_newest.toISOString()).toBe('2025-11-20T10:00:00.000Z');
    expect(own.second_newest.toISOString()).toBe('2025-11-21T10:00:00.000Z');
    expect((await app.db.query('SELECT last_seen_at FROM person WHERE id = $1', [first.id]))[0].last_seen_at.toISOString()).toBe('2025-11-20T10:00:00.000Z');
    expect((await app.db.query('SELECT last_seen_at FROM person WHERE id = $1', [second.id]))[0].last_seen_at.toISOString()).toBe('2025-11-21T10:00:00.000Z');
  });

  it('reach the surviving person when a merge comes before the fold', async () => {
    await post('batch', { batch: [track('seen-src', 'seen-src-a', '2025-06-01T00:00:00Z'), track('seen-dst', 'seen-dst-a', '2025-06-02T00:00:00Z')] });
    await flushSeenQueue(app.db);
    await post('batch', { batch: [track('seen-src', 'seen-src-b', '2025-06-20T00:00:00Z')] });
    const source = await personOf('seen-src');
    const target = await personOf('seen-dst');
    expect(await queued()).toBe(1);
    // The merge folds the queued time of its persons first: the merged person is seen on June 20.
    await withTransaction(app.db, (tx) => app.services.merges.merge(tx, { sourceId: source.id, targetId: target.id, reason: 'test', actor: 'test' }));
    expect(await queued()).toBe(0);
    expect((await personOf('seen-dst')).last_seen_at.toISOString()).toBe('2025-06-20T00:00:00.000Z');

    // Queued for the merged-away person (a batch that looked it up before the merge committed):
    // folded into the survivor.
    await app.db.query(`INSERT INTO person_seen_queue (person_id, first_at, last_at) VALUES ($1, '2025-05-01T00:00:00Z', '2025-06-25T00:00:00Z')`, [source.id]);
    await flushSeenQueue(app.db);
    const survivor = await personOf('seen-dst');
    expect(survivor.id).toBe(target.id);
    expect(survivor.last_seen_at.toISOString()).toBe('2025-06-25T00:00:00.000Z');
    expect(survivor.first_seen_at.toISOString()).toBe('2025-05-01T00:00:00.000Z');
  });

  it('leave each person its own times when a merge is undone before the fold', async () => {
    await post('batch', { batch: [track('seen-u-src', 'seen-u-src-a', '2025-06-01T00:00:00Z'), track('seen-u-dst', 'seen-u-dst-a', '2025-06-02T00:00:00Z')] });
    await flushSeenQueue(app.db);
    const source = await personOf('seen-u-src');
    const target = await personOf('seen-u-dst');
    const merge = await withTransaction(app.db, (tx) => app.services.merges.merge(tx, { sourceId: source.id, targetId: target.id, reason: 'test', actor: 'test' }));
    // After the merge, each user is active again; neither time is folded yet when the merge is undone.
    await post('batch', { batch: [track('seen-u-src', 'seen-u-src-b', '2025-06-20T00:00:00Z'), track('seen-u-dst', 'seen-u-dst-b', '2025-06-10T00:00:00Z')] });
    expect(await queued()).toBe(1);
    await withTransaction(app.db, (tx) => app.services.merges.unmerge(tx, merge.id, 'test'));
    await flushSeenQueue(app.db);
    // The source's June 20 event went back to it, and so did the time: the target keeps its own.
    expect((await personOf('seen-u-src')).last_seen_at.toISOString()).toBe('2025-06-20T00:00:00.000Z');
    expect((await personOf('seen-u-dst')).last_seen_at.toISOString()).toBe('2025-06-10T00:00:00.000Z');
    expect((await personOf('seen-u-dst')).id).toBe(target.id);
  });

  it('stay queued when the fold fails', async () => {
    await post('batch', { batch: [track('seen-rollback', 'seen-rollback-a', '2025-07-01T00:00:00Z')] });
    const waiting = await queued();
    expect(waiting).toBeGreaterThan(0);
    await expect(
      withTransaction(app.db, async (tx) => {
        expect(await applyQueuedSeen(tx)).toBe(waiting);
        throw new Error('fail after folding');
      }),
    ).rejects.toThrow('fail after folding');
    expect(await queued()).toBe(waiting);
    await flushSeenQueue(app.db);
    expect((await personOf('seen-rollback')).last_seen_at.toISOString()).toBe('2025-07-01T00:00:00.000Z');
  });

  it('are folded in by the job without being asked', async () => {
    await post('batch', { batch: [track('seen-job', 'seen-job-a', '2025-08-01T00:00:00Z')] });
    await flushSeenQueue(app.db);
    await post('batch', { batch: [track('seen-job', 'seen-job-b', '2025-08-09T00:00:00Z')] });
    const job = startQueueFlush({ db: app.db, logger: app.logger, segments: app.services.segments, intervalSeconds: 0.1 });
    try {
      const deadline = Date.now() + 10_000;
      while ((await queued()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await job.stop();
    }
    expect(await queued()).toBe(0);
    expect((await personOf('seen-job')).last_seen_at.toISOString()).toBe('2025-08-09T00:00:00.000Z');
  });

  it('go with an erased person, and events of others keep no reference to its identities', async () => {
    await post('batch', { batch: [track('seen-erased', 'seen-erased-a', '2025-09-01T00:00:00Z'), track('seen-other', 'seen-other-a', '2025-09-01T00:00:00Z')] });
    await flushSeenQueue(app.db);
    await post('batch', { batch: [track('seen-erased', 'seen-erased-b', '2025-09-02T00:00:00Z')] });
    const erased = await personOf('seen-erased');
    const [{ id: identityId }] = await app.db.query(`SELECT id FROM identity WHERE kind = 'EXTERNAL_ID' AND scope = 'app' AND value = 'seen-erased'`);
    // An event of another person that this identity once attributed (the identity moved since).
    await app.db.query(`UPDATE event SET identity_id = $1 WHERE message_id = 'seen-other-a'`, [identityId]);
    expect(await queued()).toBe(1);
    await app.services.erasure.erase(app.db, erased.id, 'test');
    expect(await queued()).toBe(0);
    const [other] = await app.db.query(`SELECT identity_id FROM event WHERE message_id = 'seen-other-a'`);
    expect(other.identity_id).toBeNull();
  });
});

describe('seen times from GraphQL trackEvents', () => {
  it('are on the person when the mutation returns', async () => {
    const result = await app.gql<{ trackEvents: { accepted: number } }>(
      `mutation ($events: [EventInput!]!) { trackEvents(events: $events) { accepted } }`,
      { events: [{ userId: 'seen-graphql', name: 'Seen', messageId: 'seen-graphql-a', occurredAt: '2025-10-01T00:00:00Z' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.trackEvents.accepted).toBe(1);
    expect((await personOf('seen-graphql')).last_seen_at.toISOString()).toBe('2025-10-01T00:00:00.000Z');
    expect(await queued()).toBe(0);
  });

  it('are folded around a person a merge holds: its entries wait, the others go in, and the fold never waits for the merge', async () => {
    expect((await post('batch', { batch: [track('seen-held', 'seen-held-a', '2025-04-01T00:00:00Z'), track('seen-free', 'seen-free-a', '2025-04-01T00:00:00Z')] })).status).toBe(200);
    await flushSeenQueue(app.db);
    expect((await post('batch', { batch: [track('seen-held', 'seen-held-b', '2025-04-05T00:00:00Z'), track('seen-free', 'seen-free-b', '2025-04-05T00:00:00Z')] })).status).toBe(200);
    const held = await personOf('seen-held');
    let outcome: string | undefined;
    await withTransaction(app.db, async (tx) => {
      // A merge in progress holds its persons FOR UPDATE (and will fold their entries itself).
      await tx.query('SELECT id FROM person WHERE id = $1 FOR UPDATE', [held.id]);
      outcome = await Promise.race([flushSeenQueue(app.db).then(() => 'folded'), new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5000))]);
    });
    expect(outcome).toBe('folded');
    expect((await personOf('seen-free')).last_seen_at.toISOString()).toBe('2025-04-05T00:00:00.000Z');
    expect((await personOf('seen-held')).last_seen_at.toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(await queued()).toBe(1);
    await flushSeenQueue(app.db);
    expect((await personOf('seen-held')).last_seen_at.toISOString()).toBe('2025-04-05T00:00:00.000Z');
    expect(await queued()).toBe(0);
  });
});
