// After an erasure, /v1 traffic naming the erased person's ids is not taken in again: reported as
// suppressed, never stored, and the rest of the batch is stored as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { postTracking } from '../../test/tracking.js';

let app: TestApp;
let writeKey: string;

const post = (path: string, body: object) => postTracking(app.url, writeKey, path, body);

async function count(sql: string, parameters: unknown[] = []): Promise<number> {
  const [row] = await app.db.query(sql, parameters);
  return Number(row.count);
}

beforeAll(async () => {
  app = await createTestApp();
  ({ writeKey } = await app.services.sources.create(app.db, { name: 'erased-web', provider: 'app' }));
});
afterAll(() => app?.close());

describe('/v1 after an erasure', () => {
  it('does not store events of the erased ids, says how many, and stores the others', async () => {
    const identify = await post('identify', { userId: 'gone-1', anonymousId: 'gone-device', traits: { email: 'gone.user@fastmail.com' }, messageId: 'gone-identify' });
    expect(identify.status).toBe(200);
    const [{ person_id: personId }] = await app.db.query(`SELECT person_id FROM identity WHERE kind = 'EXTERNAL_ID' AND scope = 'app' AND value = 'gone-1'`);
    await app.services.erasure.erase(app.db, personId, 'test');
    expect(await count(`SELECT count(*) FROM event WHERE user_id = 'gone-1' OR anonymous_id = 'gone-device'`)).toBe(0);

    const response = await post('batch', {
      batch: [
        { type: 'track', userId: 'gone-1', event: 'Came Back', messageId: 'gone-2' },
        { type: 'page', anonymousId: 'gone-device', name: 'Home', messageId: 'gone-3' },
        { type: 'identify', userId: 'gone-1', traits: { email: 'gone.user@fastmail.com' }, messageId: 'gone-4' },
        { type: 'track', userId: 'still-here', event: 'Stayed', messageId: 'gone-5' },
      ],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, accepted: 1, duplicates: 0, suppressed: 3 });
    expect(await count(`SELECT count(*) FROM event WHERE user_id = 'gone-1' OR anonymous_id = 'gone-device'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM event WHERE message_id = 'gone-5' AND person_id IS NOT NULL`)).toBe(1);
    // Nobody was made of the erased id.
    expect(await count(`SELECT count(*) FROM identity WHERE value IN ('gone-1', 'gone-device', 'gone.user@fastmail.com')`)).toBe(0);

    // GraphQL trackEvents says so too.
    const tracked = await app.gql(`mutation { trackEvents(events: [{ userId: "gone-1", name: "Again", messageId: "gone-6" }]) { accepted suppressed rejected } }`);
    expect(tracked.data.trackEvents).toEqual({ accepted: 0, suppressed: 1, rejected: 0 });
  });
});
