// A merge that commits while a /v1 batch is being stored: the batch looked its userId up before the
// merge moved it, and must still not leave its events (nor traits, nor consents) on the person
// merged away, where the survivor's 360 never shows them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../database/transaction.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { postTracking } from '../../test/tracking.js';

let app: TestApp;
let writeKey: string;

beforeAll(async () => {
  app = await createTestApp({}, { SPINE_CONSENT_CATEGORIES: 'Email=MARKETING_EMAIL' });
  ({ writeKey } = await app.services.sources.create(app.db, { name: 'race-web', provider: 'app' }));
});
afterAll(() => app?.close());

async function personOf(userId: string): Promise<string> {
  const [row] = await app.db.query(`SELECT person_id FROM identity WHERE kind = 'EXTERNAL_ID' AND scope = 'app' AND value = $1`, [userId]);
  return row.person_id;
}

/** The backend of the first session that waits for a lock (the batch, on a person another transaction holds). */
async function untilSomeoneWaitsForALock(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const waiting = await app.db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (waiting.length > 0) return waiting[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the batch never waited for the lock');
}

/** Whether another transaction holds a lock on the row that `lock` (a FOR ... NOWAIT select of $1) would wait for. */
async function rowLocked(lock: string, id: string): Promise<boolean> {
  return app.db.transaction(async (probe) => {
    try {
      await probe.query(lock, [id]);
      return false;
    } catch {
      return true;
    }
  });
}

describe('/v1 batch racing a merge', () => {
  it('stores the events, traits and consents on the person that stays', async () => {
    for (const userId of ['race-old', 'race-new']) {
      expect((await postTracking(app.url, writeKey, 'identify', { userId, traits: { email: `${userId}@fastmail.com` }, messageId: `${userId}-identify` })).status).toBe(200);
    }
    const merged = await personOf('race-old');
    const survivor = await personOf('race-new');

    let batch: Promise<Response> | undefined;
    await withTransaction(app.db, async (tx) => {
      await app.services.merges.merge(tx, { sourceId: merged, targetId: survivor, reason: 'race test', actor: 'test' });
      // The batch starts while the merge is open: it finds race-old's identity on the old person.
      batch = postTracking(app.url, writeKey, 'batch', {
        batch: [
          { type: 'track', userId: 'race-old', event: 'Raced', messageId: 'race-track' },
          { type: 'identify', userId: 'race-old', anonymousId: 'race-device', traits: { plan: 'pro' }, context: { consent: { categoryPreferences: { Email: true } } }, messageId: 'race-identify' },
        ],
      });
      await untilSomeoneWaitsForALock();
    });
    const response = await batch!;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: 2 });

    const events = await app.db.query(`SELECT message_id, person_id FROM event WHERE message_id IN ('race-track', 'race-identify') ORDER BY message_id`);
    expect(events).toEqual([
      { message_id: 'race-identify', person_id: survivor },
      { message_id: 'race-track', person_id: survivor },
    ]);
    expect(await app.db.query(`SELECT person_id FROM trait WHERE key = 'plan'`)).toEqual([{ person_id: survivor }]);
    // The visitor's device, stitched by the identify, belongs to the survivor too.
    expect(await app.db.query(`SELECT person_id FROM identity WHERE kind = 'ANONYMOUS_ID' AND value = 'race-device'`)).toEqual([{ person_id: survivor }]);
    expect(await app.db.query(`SELECT person_id FROM consent WHERE purpose = 'MARKETING_EMAIL'`)).toEqual([{ person_id: survivor }]);
    expect(await app.db.query('SELECT count(*)::int AS count FROM event WHERE person_id = $1', [merged])).toEqual([{ count: 0 }]);
  });

  it("stitching to a shared device's owner follows a merge of that owner committing meanwhile", async () => {
    // The device belongs to shared-q already; an event of it stayed unattributed (it was stored by a
    // batch that committed after the one that gave shared-q the device, so stitching missed it).
    expect((await postTracking(app.url, writeKey, 'identify', { userId: 'shared-q', anonymousId: 'shared-device', traits: { email: 'shared-q@fastmail.com' }, messageId: 'shared-q-identify' })).status).toBe(200);
    for (const userId of ['shared-r', 'shared-p']) {
      expect((await postTracking(app.url, writeKey, 'identify', { userId, traits: { email: `${userId}@fastmail.com` }, messageId: `${userId}-identify` })).status).toBe(200);
    }
    await app.db.query(`INSERT INTO event (message_id, anonymous_id, type, name, source, occurred_at) VALUES ('shared-stranded', 'shared-device', 'track', 'Stranded', 'race-web', now())`);
    const [q, r] = [await personOf('shared-q'), await personOf('shared-r')];

    const [device] = await app.db.query(`SELECT id FROM identity WHERE kind = 'ANONYMOUS_ID' AND value = 'shared-device'`);

    let batch: Promise<Response> | undefined;
    let deviceLockedWhileWaiting: boolean | undefined;
    await withTransaction(app.db, async (tx) => {
      // A merge of shared-q into shared-r has begun: it holds shared-q's person as merges do.
      await tx.query('SELECT id FROM person WHERE id = $1 FOR UPDATE', [q]);
      // shared-p signs in on the shared device: the device stays shared-q's, and so does its stranded event.
      batch = postTracking(app.url, writeKey, 'batch', { batch: [{ type: 'identify', userId: 'shared-p', anonymousId: 'shared-device', messageId: 'shared-p-on-device' }] });
      await untilSomeoneWaitsForALock();
      // Before the fix the batch had written the device's row (and held its lock) by then: the merge,
      // which moves that row, then waited for the batch, which waited for the merge (a deadlock).
      deviceLockedWhileWaiting = await rowLocked('SELECT id FROM identity WHERE id = $1 FOR UPDATE NOWAIT', device.id);
      await app.services.merges.merge(tx, { sourceId: q, targetId: r, reason: 'race test', actor: 'test' });
    });
    expect(deviceLockedWhileWaiting).toBe(false);
    expect((await batch!).status).toBe(200);
    // The stranded event, stitched by the batch, is on the survivor like the device.
    expect(await app.db.query(`SELECT person_id FROM event WHERE message_id = 'shared-stranded'`)).toEqual([{ person_id: r }]);
    expect(await app.db.query(`SELECT person_id FROM identity WHERE kind = 'ANONYMOUS_ID' AND value = 'shared-device'`)).toEqual([{ person_id: r }]);
  });

  it('an alias batch takes its merge locks before it writes anything, so batches writing to the same persons cannot deadlock it', async () => {
    for (const userId of ['alias-a', 'alias-b']) {
      expect((await postTracking(app.url, writeKey, 'identify', { userId, anonymousId: `${userId}-device`, traits: { email: `${userId}@fastmail.com` }, messageId: `${userId}-identify` })).status).toBe(200);
    }
    const [a, b] = [await personOf('alias-a'), await personOf('alias-b')];
    let batch: Promise<Response> | undefined;
    let writtenWhileWaiting: unknown[] = [];
    // Another batch in flight that has written to alias-b's person holds its key-share lock.
    await withTransaction(app.db, async (tx) => {
      await tx.query('SELECT id FROM person WHERE id = $1 FOR KEY SHARE', [b]);
      batch = postTracking(app.url, writeKey, 'batch', {
        batch: [
          { type: 'track', userId: 'alias-a', event: 'Before Sign-up', messageId: 'alias-track' },
          { type: 'alias', userId: 'alias-b', previousId: 'alias-a', messageId: 'alias-alias' },
        ],
      });
      const waiter = await untilSomeoneWaitsForALock();
      // Before the fix the batch had stored its events (and held their locks) by the time it waited for the merge's.
      writtenWhileWaiting = await tx.query(`SELECT l.mode FROM pg_locks l WHERE l.pid = $1 AND l.relation = 'event'::regclass AND l.mode = 'RowExclusiveLock'`, [waiter]);
    });
    expect(writtenWhileWaiting).toEqual([]);
    expect((await batch!).status).toBe(200);
    expect(await app.db.query('SELECT merged_into_id FROM person WHERE id = $1', [a])).toEqual([{ merged_into_id: b }]);
    expect(await app.db.query(`SELECT person_id FROM event WHERE message_id = 'alias-track'`)).toEqual([{ person_id: b }]);
  });

  it('resolving an identify does not wait for batches that are storing events for the same person', async () => {
    expect((await postTracking(app.url, writeKey, 'identify', { userId: 'busy-user', traits: { email: 'busy.user@fastmail.com' }, messageId: 'busy-identify' })).status).toBe(200);
    const person = await personOf('busy-user');
    let outcome: string | undefined;
    await withTransaction(app.db, async (tx) => {
      // A batch storing events for the person holds its key-share lock until it commits.
      await tx.query('SELECT id FROM person WHERE id = $1 FOR KEY SHARE', [person]);
      const identify = postTracking(app.url, writeKey, 'identify', { userId: 'busy-user', traits: { email: 'busy.user@fastmail.com', phone: '+1 415 555 0123' }, messageId: 'busy-identify-2' });
      outcome = await Promise.race([identify.then((response) => `HTTP ${response.status}`), new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5000))]);
    });
    expect(outcome).toBe('HTTP 200');
    expect(await app.db.query(`SELECT person_id FROM identity WHERE kind = 'PHONE' AND value = '+14155550123'`)).toEqual([{ person_id: person }]);
  });

  it('a batch that resolves an identify locks its known persons before the engine locks them, so it cannot close a cycle with an alias batch', async () => {
    for (const userId of ['cycle-p', 'cycle-q']) {
      expect((await postTracking(app.url, writeKey, 'identify', { userId, traits: { email: `${userId}@fastmail.com` }, messageId: `${userId}-identify` })).status).toBe(200);
    }
    const [p, q] = [await personOf('cycle-p'), await personOf('cycle-q')];
    let batch: Promise<Response> | undefined;
    let engineLockedWhileWaiting: boolean | undefined;
    // An alias batch holds cycle-q's person FOR UPDATE (and would next want cycle-p's).
    await withTransaction(app.db, async (tx) => {
      await tx.query('SELECT id FROM person WHERE id = $1 FOR UPDATE', [q]);
      batch = postTracking(app.url, writeKey, 'batch', {
        batch: [
          { type: 'identify', userId: 'cycle-p', traits: { email: 'cycle-p@fastmail.com', phone: '+1 415 555 0177' }, messageId: 'cycle-identify' },
          { type: 'track', userId: 'cycle-q', event: 'Seen', messageId: 'cycle-track' },
        ],
      });
      await untilSomeoneWaitsForALock();
      // Before the fix the engine held cycle-p's person FOR NO KEY UPDATE by now, which the alias batch's next lock would wait for.
      engineLockedWhileWaiting = await rowLocked('SELECT id FROM person WHERE id = $1 FOR NO KEY UPDATE NOWAIT', p);
    });
    expect(engineLockedWhileWaiting).toBe(false);
    expect((await batch!).status).toBe(200);
  });

  it("a batch whose identify names an existing person's email locks that person with its others, before the engine", async () => {
    for (const userId of ['late-1', 'late-2']) {
      expect((await postTracking(app.url, writeKey, 'identify', { userId, traits: { email: `${userId}@fastmail.com` }, messageId: `${userId}-identify` })).status).toBe(200);
    }
    // The person with the smaller id holds the email (e), the other is the batch's known user (k):
    // an alias batch locking both in id order holds e and waits for k.
    const persons = [
      { userId: 'late-1', id: await personOf('late-1') },
      { userId: 'late-2', id: await personOf('late-2') },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    const [e, k] = persons;
    let batch: Promise<Response> | undefined;
    let knownLockedWhileWaiting: boolean | undefined;
    await withTransaction(app.db, async (tx) => {
      await tx.query('SELECT id FROM person WHERE id = $1 FOR UPDATE', [e.id]);
      batch = postTracking(app.url, writeKey, 'batch', {
        batch: [
          { type: 'track', userId: k.userId, event: 'Seen', messageId: 'late-track' },
          // A user nobody holds yet, with e's email: only the engine would have found e.
          { type: 'identify', userId: 'late-new', traits: { email: `${e.userId}@fastmail.com`, firstName: 'Late' }, messageId: 'late-identify' },
        ],
      });
      await untilSomeoneWaitsForALock();
      // Before the fix the batch held k's key-share lock by now (and waited in the engine for e): the
      // alias batch's next lock, on k, would have closed the cycle.
      knownLockedWhileWaiting = await rowLocked('SELECT id FROM person WHERE id = $1 FOR UPDATE NOWAIT', k.id);
    });
    expect(knownLockedWhileWaiting).toBe(false);
    expect((await batch!).status).toBe(200);
  });
});
