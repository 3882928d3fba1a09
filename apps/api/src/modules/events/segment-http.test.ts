// The /v1 tracking API through the front door: the real @segment/analytics-node client, replays,
// anonymous-to-known stitching, alias, and the bad input a public endpoint must survive.
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { postTracking } from '../../test/tracking.js';

let app: TestApp;
let writeKey: string;

const post = (path: string, body: string | object, key: string | null = writeKey, headers: Record<string, string> = {}) => postTracking(app.url, key, path, body, headers);

async function count(sql: string, parameters: unknown[] = []): Promise<number> {
  const [row] = await app.db.query(sql, parameters);
  return Number(row.count);
}

const PERSON_EVENTS = `query ($id: ID!) { person(id: $id) { id email traits { key value source } events(first: 50) { totalCount edges { node { messageId type name anonymousId utmSource utmMedium utmCampaign person { id } } } } } }`;

beforeAll(async () => {
  app = await createTestApp();
  ({ writeKey } = await app.services.sources.create(app.db, { name: 'web', provider: 'app' }));
});
afterAll(() => app?.close());

describe('POST /v1 with @segment/analytics-node', () => {
  it('stores 1,000 messages sent by the real client exactly once each', async () => {
    const analytics = new Analytics({ writeKey, host: app.url, path: '/v1/batch', flushAt: 50, flushInterval: 200, maxRetries: 2 });
    const failures: unknown[] = [];
    analytics.on('error', (error) => failures.push(error));
    for (let index = 0; index < 1000; index += 1) {
      const userId = `client-user-${index % 40}`;
      if (index % 100 === 0) analytics.identify({ userId, traits: { email: `client${index % 40}@example.org`, plan: 'pro' } });
      else if (index % 3 === 0) analytics.page({ anonymousId: `client-anon-${index % 17}`, name: 'Home', properties: { path: '/' } });
      else analytics.track({ userId, event: 'Product Viewed', properties: { index }, context: { campaign: { source: 'newsletter', medium: 'email', name: 'spring' } } });
    }
    await analytics.closeAndFlush({ timeout: 30_000 });
    expect(failures).toEqual([]);
    expect(await count(`SELECT count(*) FROM event WHERE source = 'web'`)).toBe(1000);
    expect(await count(`SELECT count(DISTINCT message_id) FROM event WHERE source = 'web'`)).toBe(1000);
    expect(await count(`SELECT count(*) FROM event WHERE name = 'Product Viewed' AND person_id IS NULL`)).toBe(0);
    expect(await count(`SELECT count(*) FROM event WHERE name = 'Product Viewed' AND utm_source = 'newsletter' AND utm_medium = 'email' AND utm_campaign = 'spring'`)).toBeGreaterThan(600);
    // Every userId became a person through the identity engine, with its EXTERNAL_ID of provider app.
    expect(await count(`SELECT count(*) FROM identity WHERE kind = 'EXTERNAL_ID' AND scope = 'app' AND value LIKE 'client-user-%'`)).toBe(40);
    // identify went to client-user-0 and client-user-20 (index % 100 === 0).
    expect(await count(`SELECT count(*) FROM trait WHERE key = 'plan' AND source = 'web'`)).toBe(2);
  });

  it('stores a batch replayed three times once', async () => {
    const batch = {
      batch: Array.from({ length: 25 }, (_, index) => ({ type: 'track', event: 'Replayed', userId: 'replay-user', messageId: `replay-${index}`, timestamp: '2025-01-01T00:00:00Z' })),
      sentAt: '2025-01-01T00:00:01Z',
    };
    const answers: { accepted: number; duplicates: number }[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) answers.push((await (await post('batch', batch)).json()) as { accepted: number; duplicates: number });
    expect(answers.map((answer) => [answer.accepted, answer.duplicates])).toEqual([
      [25, 0],
      [0, 25],
      [0, 25],
    ]);
    // Concurrent replays too.
    const concurrent = await Promise.all([0, 1, 2].map(() => post('batch', batch).then((response) => response.status)));
    expect(concurrent).toEqual([200, 200, 200]);
    expect(await count(`SELECT count(*) FROM event WHERE name = 'Replayed'`)).toBe(25);
  });

  it('stores a new batch sent several times at once once, and counts the rest as duplicates', async () => {
    const batch = {
      batch: Array.from({ length: 40 }, (_, index) => ({ type: 'track', event: 'Raced', userId: `race-user-${index % 3}`, messageId: `race-${index}`, timestamp: '2025-01-01T00:00:00Z' })),
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('batch', batch).then(async (response) => ({ status: response.status, ...((await response.json()) as { accepted: number; duplicates: number }) }))));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.reduce((sum, answer) => sum + answer.accepted, 0)).toBe(40);
    expect(answers.reduce((sum, answer) => sum + answer.duplicates, 0)).toBe(4 * 40);
    expect(await count(`SELECT count(*) FROM event WHERE name = 'Raced'`)).toBe(40);
  });

  it('corrects client clock skew: timestamp = receivedAt - (sentAt - originalTimestamp)', async () => {
    // The device clock is two hours fast; the event happened 10 seconds before it was sent.
    const deviceNow = Date.now() + 2 * 3600_000;
    const response = await post('track', { userId: 'skewed', event: 'Skewed', messageId: 'skew-1', originalTimestamp: new Date(deviceNow - 10_000).toISOString(), sentAt: new Date(deviceNow).toISOString() });
    expect(response.status).toBe(200);
    const [row] = await app.db.query(`SELECT occurred_at, received_at, flags FROM event WHERE message_id = 'skew-1'`);
    expect(row.received_at.getTime() - row.occurred_at.getTime()).toBeGreaterThanOrEqual(9_000);
    expect(row.received_at.getTime() - row.occurred_at.getTime()).toBeLessThan(11_000);
    expect(row.flags).toEqual([]);
  });
});

describe('anonymous to known', () => {
  it('attributes page views made before identify to the person, and serves them on Person.events', async () => {
    for (const [index, path] of ['/', '/pricing', '/signup'].entries()) {
      const response = await post('page', { anonymousId: 'anon-visitor-1', name: path, messageId: `anon-page-${index}`, context: { campaign: { source: 'google', medium: 'cpc', name: 'brand' } } });
      expect(response.status).toBe(200);
    }
    expect(await count(`SELECT count(*) FROM event WHERE anonymous_id = 'anon-visitor-1' AND person_id IS NULL`)).toBe(3);

    const identify = await post('identify', { userId: 'known-1', anonymousId: 'anon-visitor-1', messageId: 'identify-known-1', traits: { email: 'Known.One@Fastmail.com', firstName: 'Known', plan: 'trial' } });
    expect(identify.status).toBe(200);
    const [{ person_id: personId }] = await app.db.query(`SELECT person_id FROM identity WHERE kind = 'EXTERNAL_ID' AND scope = 'app' AND value = 'known-1'`);
    expect(await count(`SELECT count(*) FROM identity WHERE kind = 'ANONYMOUS_ID' AND scope = 'anonymous' AND value = 'anon-visitor-1' AND person_id = $1`, [personId])).toBe(1);
    // Each stitched event records the identity it was attributed through (unmerge moves by it).
    expect(await count(`SELECT count(*) FROM event e JOIN identity i ON i.id = e.identity_id WHERE e.message_id LIKE 'anon-page-%' AND i.kind = 'ANONYMOUS_ID'`)).toBe(3);

    const result = await app.gql(PERSON_EVENTS, { id: personId });
    expect(result.errors).toBeUndefined();
    const person = result.data.person;
    expect(person.email).toBe('known.one@fastmail.com');
    expect(person.events.totalCount).toBe(4);
    expect(person.events.edges.map((edge: any) => edge.node.messageId).sort()).toEqual(['anon-page-0', 'anon-page-1', 'anon-page-2', 'identify-known-1']);
    expect(person.events.edges.every((edge: any) => edge.node.person.id === personId)).toBe(true);
    expect(person.events.edges.find((edge: any) => edge.node.messageId === 'anon-page-1').node).toMatchObject({ type: 'page', name: '/pricing', utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'brand' });
    expect(person.traits).toEqual(expect.arrayContaining([{ key: 'plan', value: 'trial', source: 'web' }]));

    // Later anonymous events of the same visitor are attributed on arrival.
    await post('track', { anonymousId: 'anon-visitor-1', event: 'Clicked', messageId: 'anon-after' });
    const [after] = await app.db.query(`SELECT person_id FROM event WHERE message_id = 'anon-after'`);
    expect(after.person_id).toBe(personId);
  });

  it('an anonymous identify with the email of a known person makes the visitor that person; unknown or conflicting claims stay anonymous', async () => {
    const seeded = await app.gql(`mutation { ingestIdentities(records: [
      { provider: "shopify", externalId: "news-1", email: "grace.news@fastmail.com", firstName: "Grace" },
      { provider: "shopify", externalId: "news-2", email: "other.news@fastmail.com", phone: "+1 415 555 0142", firstName: "Otto" }
    ]) { outcomes { personId } } }`);
    const [grace, otto] = seeded.data.ingestIdentities.outcomes.map((outcome: { personId: string }) => outcome.personId);
    await post('page', { anonymousId: 'anon-news', name: '/blog', messageId: 'news-page' });
    // A newsletter form: no userId, the email as a trait (spelled differently).
    await post('identify', { anonymousId: 'anon-news', messageId: 'news-identify', traits: { email: 'Grace.News@Fastmail.com', newsletter: true } });
    const attributed = await app.db.query(`SELECT message_id, person_id FROM event WHERE message_id IN ('news-page', 'news-identify') ORDER BY message_id`);
    expect(attributed).toEqual([
      { message_id: 'news-identify', person_id: grace },
      { message_id: 'news-page', person_id: grace },
    ]);
    expect(await count(`SELECT count(*) FROM trait WHERE person_id = $1 AND key = 'newsletter'`, [grace])).toBe(1);
    await post('track', { anonymousId: 'anon-news', event: 'Clicked', messageId: 'news-after' });
    expect((await app.db.query(`SELECT person_id FROM event WHERE message_id = 'news-after'`))[0].person_id).toBe(grace);

    // Nobody holds this email; and here the email is Grace's while the phone is Otto's: no one is chosen.
    await post('identify', { anonymousId: 'anon-stranger', messageId: 'stranger-identify', traits: { email: 'nobody.yet@fastmail.com' } });
    await post('identify', { anonymousId: 'anon-conflict', messageId: 'conflict-identify', traits: { email: 'grace.news@fastmail.com', phone: '(415) 555-0142' } });
    expect(await count(`SELECT count(*) FROM event WHERE message_id IN ('stranger-identify', 'conflict-identify') AND person_id IS NULL`)).toBe(2);
    expect(await count(`SELECT count(*) FROM identity WHERE kind = 'ANONYMOUS_ID' AND value IN ('anon-stranger', 'anon-conflict')`)).toBe(0);
    expect(otto).toBeTruthy();
  });

  it('alias: an anonymous previousId becomes the person, with its events', async () => {
    await post('page', { anonymousId: 'anon-alias', messageId: 'alias-page' });
    await post('identify', { userId: 'alias-user', messageId: 'alias-identify', traits: { email: 'alias@example.org' } });
    const alias = await post('alias', { previousId: 'anon-alias', userId: 'alias-user', messageId: 'alias-1' });
    expect(alias.status).toBe(200);
    const [event] = await app.db.query(`SELECT e.person_id, i.value FROM event e JOIN identity i ON i.kind = 'EXTERNAL_ID' AND i.value = 'alias-user' WHERE e.message_id = 'alias-page'`);
    expect(event.person_id).toBeTruthy();
  });

  it('alias: a previous userId held by another person merges it in', async () => {
    await post('identify', { userId: 'old-id', messageId: 'old-identify', traits: { email: 'old@example.org' } });
    await post('identify', { userId: 'new-id', messageId: 'new-identify', traits: { email: 'new@example.org' } });
    expect((await post('alias', { previousId: 'old-id', userId: 'new-id', messageId: 'alias-merge' })).status).toBe(200);
    const persons = await app.db.query(`SELECT DISTINCT person_id FROM identity WHERE kind = 'EXTERNAL_ID' AND value IN ('old-id', 'new-id')`);
    expect(persons).toHaveLength(1);
  });
});

describe('bad input', () => {
  async function expectError(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    const body = (await response.json()) as any;
    expect(body.error.code).toBe(code);
    expect(body.error.message).toEqual(expect.any(String));
    return body;
  }

  async function expectNothingNew(work: () => Promise<void>) {
    const before = await count('SELECT count(*) FROM event');
    const persons = await count('SELECT count(*) FROM person');
    await work();
    expect(await count('SELECT count(*) FROM event')).toBe(before);
    expect(await count('SELECT count(*) FROM person')).toBe(persons);
    // The server is still up and answers.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }

  it('refuses a missing or unknown write key with 401', async () => {
    await expectNothingNew(async () => {
      await expectError(await post('track', { userId: 'x', event: 'E' }, null), 401, 'UNAUTHENTICATED');
      await expectError(await post('track', { userId: 'x', event: 'E' }, 'spk_not-a-key'), 401, 'UNAUTHENTICATED');
    });
  });

  it('refuses a call over 32 KB and a batch over 500 KB', async () => {
    await expectNothingNew(async () => {
      await expectError(await post('track', { userId: 'big', event: 'Big', properties: { blob: 'x'.repeat(33 * 1024) } }), 400, 'REQUEST_TOO_LARGE');
      const batch = { batch: Array.from({ length: 30 }, (_, index) => ({ type: 'track', userId: 'big', event: 'Big', messageId: `big-${index}`, properties: { blob: 'x'.repeat(20 * 1024) } })) };
      await expectError(await post('batch', batch), 400, 'REQUEST_TOO_LARGE');
      // One message over 32 KB inside a batch under 500 KB.
      const oneBig = { batch: [{ type: 'track', userId: 'big', event: 'Big', messageId: 'big-ok' }, { type: 'track', userId: 'big', event: 'Big', messageId: 'big-one', properties: { blob: 'x'.repeat(40 * 1024) } }] };
      const body = await expectError(await post('batch', oneBig), 400, 'INVALID_MESSAGE');
      expect(body.error.details.messages[0].index).toBe(1);
      // Over the read limit altogether: still a JSON 400, not a reset connection.
      await expectError(await post('batch', 'x'.repeat(5 * 1024 * 1024)), 400, 'REQUEST_TOO_LARGE');
    });
  });

  it('refuses invalid JSON, non-objects and 10,000 levels of nesting', async () => {
    await expectNothingNew(async () => {
      await expectError(await post('track', '{"userId": "x", "event": '), 400, 'INVALID_JSON');
      await expectError(await post('track', '[1, 2]'), 400, 'INVALID_JSON');
      await expectError(await post('batch', `{"batch": [${'['.repeat(10_000)}${']'.repeat(10_000)}]}`), 400, 'TOO_DEEP');
      const deep = `{"userId": "deep", "event": "Deep", "properties": {"a": ${'['.repeat(10_000)}1${']'.repeat(10_000)}}}`;
      await expectError(await post('track', deep), 400, 'TOO_DEEP');
    });
  });

  it('refuses a message without userId and anonymousId, and a batch with one such message, whole', async () => {
    await expectNothingNew(async () => {
      const single = await expectError(await post('track', { event: 'Nobody', messageId: 'nobody' }), 400, 'INVALID_MESSAGE');
      expect(single.error.message).toMatch(/userId or anonymousId/);
      const batch = { batch: [{ type: 'track', userId: 'fine', event: 'Fine', messageId: 'fine-1' }, { type: 'track', event: 'Nobody', messageId: 'nobody-2' }, { type: 'bogus', userId: 'x' }] };
      const body = await expectError(await post('batch', batch), 400, 'INVALID_MESSAGE');
      expect(body.error.details.messages.map((message: { index: number }) => message.index)).toEqual([1, 2]);
      await expectError(await post('track', { userId: 'x', messageId: 'no-event-name' }), 400, 'INVALID_MESSAGE');
      await expectError(await post('track', { userId: { nested: true }, event: 'E' }), 400, 'INVALID_MESSAGE');
      await expectError(await post('track', { userId: 'x', event: 'E', properties: 'not an object' }), 400, 'INVALID_MESSAGE');
    });
    expect(await count(`SELECT count(*) FROM event WHERE message_id = 'fine-1'`)).toBe(0);
  });

  it('refuses numeric ids that JSON rounds (beyond 2^53 - 1) and asks for a string; safe whole numbers are ids as text', async () => {
    await expectNothingNew(async () => {
      // Sent as text: JSON.parse would read both as 12345678901234567000.
      const single = await expectError(await post('track', '{"userId": 12345678901234567891, "event": "Rounded", "messageId": "rounded-1"}'), 400, 'INVALID_MESSAGE');
      expect(single.error.message).toBe('userId is a number beyond 9007199254740991, which JSON readers round (different ids would become one): send it as a string');
      const batch = {
        batch: [
          { type: 'track', userId: 'fine', event: 'Fine', messageId: 'rounded-fine' },
          { type: 'page', anonymousId: 1e21, messageId: 'rounded-2' },
          { type: 'alias', userId: 'fine', previousId: -12345678901234567, messageId: 'rounded-3' },
          { type: 'group', userId: 'fine', groupId: 9007199254740993, messageId: 'rounded-4' },
          { type: 'track', userId: 12.5, event: 'Fraction', messageId: 'rounded-5' },
        ],
      };
      const body = await expectError(await post('batch', batch), 400, 'INVALID_MESSAGE');
      expect(body.error.details.messages).toEqual([
        { index: 1, error: expect.stringMatching(/^anonymousId is a number beyond .*send it as a string$/) },
        { index: 2, error: expect.stringMatching(/^previousId is a number beyond .*send it as a string$/) },
        { index: 3, error: expect.stringMatching(/^groupId is a number beyond .*send it as a string$/) },
        { index: 4, error: 'userId is a number with a fraction: send ids as strings' },
      ]);
      expect(body.error.message).toMatch(/^4 of 5 messages are invalid, e.g. batch\[1\]: anonymousId is a number beyond/);
    });
    expect((await post('track', { userId: 9007199254740991, event: 'Safe', messageId: 'safe-number' })).status).toBe(200);
    const [safe] = await app.db.query(`SELECT user_id FROM event WHERE message_id = 'safe-number'`);
    expect(safe.user_id).toBe('9007199254740991');
  });

  it('stores \\u0000 and lone surrogates with a flag instead of failing in PostgreSQL', async () => {
    const body = `{"userId": "nul\\u0000user", "event": "Nul\\u0000Event", "messageId": "nul-1", "properties": {"te\\u0000xt": "a\\u0000b", "half": "\\ud800"}}`;
    const response = await post('track', body);
    expect(response.status).toBe(200);
    const [row] = await app.db.query(`SELECT user_id, name, properties, flags FROM event WHERE message_id = 'nul-1'`);
    expect(row).toMatchObject({ user_id: 'nuluser', name: 'NulEvent', properties: { text: 'ab', half: '\ufffd' } });
    expect(row.flags).toEqual(expect.arrayContaining(['nul_removed', 'surrogate_replaced']));
  });

  it('stores a number beyond what JSON carries as null, with a flag', async () => {
    const body = `{"userId": "huge", "event": "Huge", "messageId": "huge-1", "properties": {"revenue": 1e400, "digits": ${'9'.repeat(320)}, "ok": 2e300, "id": "9e123abc"}}`;
    expect((await post('track', body)).status).toBe(200);
    const [row] = await app.db.query(`SELECT properties, flags FROM event WHERE message_id = 'huge-1'`);
    expect(row.properties).toEqual({ revenue: null, digits: null, ok: 2e300, id: '9e123abc' });
    expect(row.flags).toContain('number_out_of_range');
  });

  it('drops __proto__ keys with a flag; nothing is polluted', async () => {
    const body = `{"userId": "proto", "event": "Proto", "messageId": "proto-1", "properties": {"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "ok": 1}, "context": {"__proto__": {"isAdmin": true}}}`;
    const batchBody = `{"batch": [{"type": "identify", "userId": "proto", "messageId": "proto-2", "traits": {"__proto__": {"polluted": true}, "constructor": "plain"}}]}`;
    expect((await post('track', body)).status).toBe(200);
    expect((await post('batch', batchBody)).status).toBe(200);
    const [row] = await app.db.query(`SELECT properties, context, flags FROM event WHERE message_id = 'proto-1'`);
    expect(Object.keys(row.properties).sort()).toEqual(['constructor', 'ok']);
    expect(row.flags).toContain('proto_key_removed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const traits = await app.db.query(`SELECT t.key, t.value FROM trait t JOIN identity i ON i.person_id = t.person_id WHERE i.kind = 'EXTERNAL_ID' AND i.value = 'proto' ORDER BY key`);
    expect(traits).toEqual([{ key: 'constructor', value: 'plain' }]);
  });

  it('corrects absurd timestamps to receivedAt and flags them', async () => {
    const cases = [
      ['ts-2099', { timestamp: '2099-01-01T00:00:00Z' }, 'timestamp_future'],
      ['ts-1970', { timestamp: '1970-01-01T00:00:00Z' }, 'timestamp_too_old'],
      ['ts-garbage', { timestamp: 'yesterday-ish' }, 'timestamp_unparsable'],
      ['ts-number', { timestamp: 12 }, 'timestamp_unparsable'],
      ['ts-feb-30', { timestamp: '2026-02-30T10:00:00Z' }, 'timestamp_unparsable'], // JavaScript's Date would store March 2nd
    ] as const;
    for (const [messageId, fields, flag] of cases) {
      const response = await post('track', { userId: 'timely', event: 'Timely', messageId, ...fields });
      expect(response.status).toBe(200);
      const [row] = await app.db.query(`SELECT occurred_at, received_at, flags FROM event WHERE message_id = $1`, [messageId]);
      expect(row.occurred_at.getTime()).toBe(row.received_at.getTime());
      expect(row.flags).toEqual([flag]);
    }
  });

  it('answers unknown /v1 routes with a JSON 404', async () => {
    await expectError(await post('nope', { userId: 'x' }), 404, 'NOT_FOUND');
  });
});
