// Segment Consent Management through /v1: context.consent.categoryPreferences on events becomes the
// person's consent per purpose (SPINE_CONSENT_CATEGORIES maps the categories), with its history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { ConsentPurpose } from '../consents/consent-purpose.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let app: TestApp;
let writeKey: string;

const CATEGORIES = 'Advertising=MARKETING_EMAIL+PERSONALIZATION, analytics=analytics_tracking, Email=MARKETING_EMAIL';

beforeAll(async () => {
  app = await createTestApp({}, { SPINE_CONSENT_CATEGORIES: CATEGORIES });
  ({ writeKey } = await app.services.sources.create(app.db, { name: 'web', provider: 'app' }));
});
afterAll(() => app?.close());

async function send(batch: object[]): Promise<{ accepted: number; duplicates: number }> {
  const response = await fetch(`${app.url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
    body: JSON.stringify({ batch }),
  });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body as { accepted: number; duplicates: number };
}

/** A track call carrying a consent manager's preferences, as analytics.js sends it. */
function track(userId: string, messageId: string, timestamp: string, categoryPreferences: Record<string, unknown>) {
  return { type: 'track', event: 'Product Viewed', userId, messageId, timestamp, context: { ip: '203.0.113.9', consent: { categoryPreferences } } };
}

async function personOf(userId: string): Promise<string> {
  const [row] = await app.db.query(`SELECT person_id FROM identity WHERE kind = 'EXTERNAL_ID' AND scope = 'app' AND value = $1`, [userId]);
  return row.person_id;
}

/** The current state, times as ISO strings. */
async function consents(personId: string): Promise<{ purpose: string; granted: boolean; source: string; ip: string | null; updated_at: string }[]> {
  const found = await app.db.query(`SELECT purpose, granted, source, ip, updated_at FROM consent WHERE person_id = $1 ORDER BY purpose`, [personId]);
  return found.map((row: { updated_at: Date }) => ({ ...row, updated_at: row.updated_at.toISOString() }));
}

/** Every decision, oldest first, times as ISO strings. */
async function history(personId: string): Promise<{ purpose: string; granted: boolean; source: string; ip: string | null; occurred_at: string }[]> {
  const found = await app.db.query(`SELECT purpose, granted, source, ip, occurred_at FROM consent_history WHERE person_id = $1 ORDER BY occurred_at, recorded_at, purpose`, [personId]);
  return found.map((row: { occurred_at: Date }) => ({ ...row, occurred_at: row.occurred_at.toISOString() }));
}

async function flagsOf(messageId: string): Promise<string[]> {
  const [row] = await app.db.query(`SELECT flags FROM event WHERE message_id = $1`, [messageId]);
  return row.flags;
}

describe('context.consent.categoryPreferences on /v1', () => {
  it('grants and revokes the purposes of the mapped categories, with a history row per change (source, ip, time of the event)', async () => {
    await send([track('consent-1', 'consent-1-a', '2025-03-01T10:00:00Z', { Advertising: true, Analytics: false, marketing_sms: true, Functional: 'yes' })]);
    const personId = await personOf('consent-1');
    const at10 = '2025-03-01T10:00:00.000Z';
    // Advertising (2 purposes), Analytics in another case, a category named like a purpose; 'yes' is no preference.
    expect(await consents(personId)).toEqual([
      { purpose: 'ANALYTICS_TRACKING', granted: false, source: 'web', ip: '203.0.113.9', updated_at: at10 },
      { purpose: 'MARKETING_EMAIL', granted: true, source: 'web', ip: '203.0.113.9', updated_at: at10 },
      { purpose: 'MARKETING_SMS', granted: true, source: 'web', ip: '203.0.113.9', updated_at: at10 },
      { purpose: 'PERSONALIZATION', granted: true, source: 'web', ip: '203.0.113.9', updated_at: at10 },
    ]);
    expect(await history(personId)).toHaveLength(4);
    expect(await flagsOf('consent-1-a')).toEqual([]);

    // The user withdraws Advertising in the consent manager: analytics.js says so in its own event.
    // No context.ip this time (a server-side call): the decisions have no address.
    await send([
      {
        type: 'track',
        event: 'Segment Consent Preference Updated',
        userId: 'consent-1',
        messageId: 'consent-1-b',
        timestamp: '2025-03-01T11:00:00Z',
        context: { consent: { categoryPreferences: { Advertising: false, Analytics: false, marketing_sms: true } } },
      },
    ]);
    const at11 = '2025-03-01T11:00:00.000Z';
    expect((await consents(personId)).map(({ purpose, granted, ip, updated_at }) => ({ purpose, granted, ip, updated_at }))).toEqual([
      { purpose: 'ANALYTICS_TRACKING', granted: false, ip: '203.0.113.9', updated_at: at10 },
      { purpose: 'MARKETING_EMAIL', granted: false, ip: null, updated_at: at11 },
      { purpose: 'MARKETING_SMS', granted: true, ip: '203.0.113.9', updated_at: at10 },
      { purpose: 'PERSONALIZATION', granted: false, ip: null, updated_at: at11 },
    ]);
    expect((await history(personId)).slice(4)).toEqual([
      { purpose: 'MARKETING_EMAIL', granted: false, source: 'web', ip: null, occurred_at: at11 },
      { purpose: 'PERSONALIZATION', granted: false, source: 'web', ip: null, occurred_at: at11 },
    ]);
  });

  it('grants a purpose that several categories stand for only when all of them are true', async () => {
    // The refusal decides, wherever it stands among the categories.
    await send([track('consent-2', 'consent-2-a', '2025-03-01T10:00:00Z', { Email: false, Advertising: true })]);
    const personId = await personOf('consent-2');
    expect((await consents(personId)).map(({ purpose, granted }) => [purpose, granted])).toEqual([
      ['MARKETING_EMAIL', false],
      ['PERSONALIZATION', true],
    ]);
    await send([track('consent-2', 'consent-2-b', '2025-03-01T10:05:00Z', { Advertising: true, Email: true })]);
    expect((await consents(personId)).map(({ purpose, granted }) => [purpose, granted])).toEqual([
      ['MARKETING_EMAIL', true],
      ['PERSONALIZATION', true],
    ]);
  });

  it('writes no history when the same preferences come again, in new events or a replayed batch', async () => {
    const first = [track('consent-3', 'consent-3-a', '2025-03-02T10:00:00Z', { Advertising: true, Analytics: true })];
    await send(first);
    const personId = await personOf('consent-3');
    const before = { consents: await consents(personId), history: await history(personId) };
    expect(before.history).toHaveLength(3);

    // Every later event of the session carries the same preferences.
    await send([
      track('consent-3', 'consent-3-b', '2025-03-02T10:01:00Z', { Advertising: true, Analytics: true }),
      track('consent-3', 'consent-3-c', '2025-03-02T10:02:00Z', { advertising: true, ANALYTICS: true }),
    ]);
    expect(await send(first)).toEqual(expect.objectContaining({ accepted: 0, duplicates: 1 }));
    expect({ consents: await consents(personId), history: await history(personId) }).toEqual(before);
  });

  it('follows the newest event; an event older than the current decision does not override it', async () => {
    // In one batch, out of order: every change in time order is kept, the newest is the state.
    await send([
      track('consent-4', 'consent-4-c', '2025-03-03T12:00:00Z', { Analytics: true }),
      track('consent-4', 'consent-4-a', '2025-03-03T10:00:00Z', { Analytics: true }),
      track('consent-4', 'consent-4-b', '2025-03-03T11:00:00Z', { Analytics: false }),
    ]);
    const personId = await personOf('consent-4');
    expect((await history(personId)).map(({ granted, occurred_at }) => [granted, occurred_at])).toEqual([
      [true, '2025-03-03T10:00:00.000Z'],
      [false, '2025-03-03T11:00:00.000Z'],
      [true, '2025-03-03T12:00:00.000Z'],
    ]);

    // A revocation at 13:00, then an event from 12:30 delivered late (a phone back online).
    await send([track('consent-4', 'consent-4-d', '2025-03-03T13:00:00Z', { Analytics: false })]);
    await send([track('consent-4', 'consent-4-late', '2025-03-03T12:30:00Z', { Analytics: true })]);
    expect((await consents(personId)).map(({ purpose, granted, updated_at }) => [purpose, granted, updated_at])).toEqual([['ANALYTICS_TRACKING', false, '2025-03-03T13:00:00.000Z']]);
    expect(await history(personId)).toHaveLength(4);

    // Within a batch, an event repeating the one before it is no change either.
    await send([
      track('consent-4', 'consent-4-e', '2025-03-03T14:00:00Z', { Analytics: true }),
      track('consent-4', 'consent-4-f', '2025-03-03T14:10:00Z', { Analytics: true }),
      track('consent-4', 'consent-4-g', '2025-03-03T14:20:00Z', { Analytics: false }),
      track('consent-4', 'consent-4-h', '2025-03-03T14:30:00Z', { Analytics: false }),
    ]);
    expect((await history(personId)).slice(4).map(({ granted, occurred_at }) => [granted, occurred_at])).toEqual([
      [true, '2025-03-03T14:00:00.000Z'],
      [false, '2025-03-03T14:20:00.000Z'],
    ]);
    expect((await consents(personId)).map(({ granted, updated_at }) => [granted, updated_at])).toEqual([[false, '2025-03-03T14:20:00.000Z']]);

    // A decision recorded through GraphQL now is newer than an event from an hour ago.
    const set = await app.gql(`mutation ($id: ID!) { setConsent(personId: $id, input: { purpose: ANALYTICS_TRACKING, granted: true, source: "support" }) { granted } }`, { id: personId });
    expect(set.errors).toBeUndefined();
    await send([track('consent-4', 'consent-4-hour-ago', new Date(Date.now() - 3600_000).toISOString(), { Analytics: false })]);
    expect((await consents(personId)).map(({ granted, source }) => [granted, source])).toEqual([[true, 'support']]);
    expect(await history(personId)).toHaveLength(7);
  });

  it('stores an event with a category that has no mapping, flagged consent_category_unmapped; its mapped categories still count', async () => {
    await send([
      track('consent-5', 'consent-5-a', '2025-03-04T10:00:00Z', { C0002: true, Analytics: true }),
      track('consent-5', 'consent-5-b', '2025-03-04T10:01:00Z', { Analytics: true, C0003: 'unknown' }),
    ]);
    expect(await flagsOf('consent-5-a')).toEqual(['consent_category_unmapped']);
    expect(await flagsOf('consent-5-b')).toEqual([]);
    expect((await consents(await personOf('consent-5'))).map(({ purpose, granted }) => [purpose, granted])).toEqual([['ANALYTICS_TRACKING', true]]);
  });

  it('keeps the preferences of an anonymous visitor in the event until the visitor is identified, then gives them to the person', async () => {
    const historyBefore = Number((await app.db.query(`SELECT count(*) FROM consent_history`))[0].count);
    await send([
      { type: 'page', name: 'Home', anonymousId: 'consent-visitor', messageId: 'consent-anon-a', timestamp: '2025-03-05T10:00:00Z', context: { consent: { categoryPreferences: { Analytics: true, C0009: true } } } },
      track('consent-6', 'consent-6-a', '2025-03-05T10:00:00Z', { Analytics: true }),
    ]);
    const [anonymous] = await app.db.query(`SELECT person_id, context, flags FROM event WHERE message_id = 'consent-anon-a'`);
    expect(anonymous).toEqual({ person_id: null, context: { consent: { categoryPreferences: { Analytics: true, C0009: true } } }, flags: ['consent_category_unmapped'] });
    // Only the known user's event became a decision.
    expect(Number((await app.db.query(`SELECT count(*) FROM consent_history`))[0].count)).toBe(historyBefore + 1);
    expect((await consents(await personOf('consent-6'))).map(({ purpose, granted }) => [purpose, granted])).toEqual([['ANALYTICS_TRACKING', true]]);

    // Identified later: stitching attributes the page view, and what the visitor chose in the banner
    // is the person's choice, dated when they made it.
    await send([{ type: 'identify', userId: 'consent-7', anonymousId: 'consent-visitor', messageId: 'consent-7-identify', timestamp: '2025-03-05T10:10:00Z' }]);
    const visitor = await personOf('consent-7');
    expect((await app.db.query(`SELECT person_id FROM event WHERE message_id = 'consent-anon-a'`))[0].person_id).toBe(visitor);
    expect((await consents(visitor)).map(({ purpose, granted }) => [purpose, granted])).toEqual([['ANALYTICS_TRACKING', true]]);
    const [history] = await app.db.query(`SELECT occurred_at, source FROM consent_history WHERE person_id = $1`, [visitor]);
    expect(history).toEqual({ occurred_at: new Date('2025-03-05T10:00:00Z'), source: expect.any(String) });
  });

  it('gives the decisions to the person that stays when an alias in the same batch merges their person away', async () => {
    await send([
      track('consent-old', 'consent-old-a', '2025-03-06T10:00:00Z', { Advertising: true }),
      { type: 'track', event: 'Signed In', userId: 'consent-new', messageId: 'consent-new-a', timestamp: '2025-03-06T10:01:00Z' },
      { type: 'alias', previousId: 'consent-old', userId: 'consent-new', messageId: 'consent-alias', timestamp: '2025-03-06T10:02:00Z' },
    ]);
    const live = await personOf('consent-new');
    expect(await personOf('consent-old')).toBe(live);
    expect((await consents(live)).map(({ purpose, granted }) => [purpose, granted])).toEqual([
      ['MARKETING_EMAIL', true],
      ['PERSONALIZATION', true],
    ]);
    expect(await history(live)).toHaveLength(2);

    // The merge carried them, so undoing it gives them back to the person whose events they were.
    const [merge] = await app.db.query(`SELECT id, source_person_id FROM person_merge WHERE target_person_id = $1`, [live]);
    const undone = await app.gql(`mutation ($id: ID!) { unmerge(mergeId: $id) { id } }`, { id: merge.id });
    expect(undone.errors).toBeUndefined();
    expect(await consents(live)).toEqual([]);
    expect((await history(merge.source_person_id)).map(({ purpose, granted }) => [purpose, granted])).toEqual([
      ['MARKETING_EMAIL', true],
      ['PERSONALIZATION', true],
    ]);
  });

  it('writes a decision observed for a person merged away meanwhile to the person it was merged into', async () => {
    // A concurrent merge can commit between a batch's lookup of its persons and its consent write.
    await send([
      { type: 'track', event: 'Signed In', userId: 'consent-8', messageId: 'consent-8-a', timestamp: '2025-03-08T10:00:00Z' },
      { type: 'track', event: 'Signed In', userId: 'consent-9', messageId: 'consent-9-a', timestamp: '2025-03-08T10:00:00Z' },
    ]);
    const [away, stays] = [await personOf('consent-8'), await personOf('consent-9')];
    const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t) { id } }`, { s: away, t: stays });
    expect(merged.errors).toBeUndefined();
    await app.services.consents.recordObserved(app.db, [{ personId: away, purpose: ConsentPurpose.PROFILING, granted: true, source: 'web', ip: null, occurredAt: new Date('2025-03-08T10:05:00Z') }]);
    expect(await consents(away)).toEqual([]);
    expect((await consents(stays)).map(({ purpose, granted }) => [purpose, granted])).toEqual([['PROFILING', true]]);
  });

  it('serves the decisions on Person.consents and Consent.history', async () => {
    const personId = await personOf('consent-1');
    const result = await app.gql(`query ($id: ID!) { person(id: $id) { consents { purpose granted source updatedAt history { granted source ip occurredAt } } } }`, { id: personId });
    expect(result.errors).toBeUndefined();
    const email = result.data.person.consents.find((consent: { purpose: string }) => consent.purpose === 'MARKETING_EMAIL');
    expect(email).toEqual({
      purpose: 'MARKETING_EMAIL',
      granted: false,
      source: 'web',
      updatedAt: '2025-03-01T11:00:00.000Z',
      history: [
        { granted: false, source: 'web', ip: null, occurredAt: '2025-03-01T11:00:00.000Z' },
        { granted: true, source: 'web', ip: '203.0.113.9', occurredAt: '2025-03-01T10:00:00.000Z' },
      ],
    });
    expect(result.data.person.consents.map((consent: { purpose: string }) => consent.purpose)).toEqual(['ANALYTICS_TRACKING', 'MARKETING_EMAIL', 'MARKETING_SMS', 'PERSONALIZATION']);
  });

  it('costs one statement for a batch that carries preferences and none for one that does not', async () => {
    const TRACK = `mutation ($events: [EventInput!]!) { trackEvents(events: $events) { accepted } }`;
    const personId = await personOf('consent-6');
    const events = (tag: string, context: object | null) => Array.from({ length: 5 }, (_, index) => ({ messageId: `consent-cost-${tag}-${index}`, personId, name: 'Viewed', occurredAt: `2025-03-07T10:0${index}:00Z`, context }));
    const plain = await app.gql(TRACK, { events: events('plain', { page: { path: '/' } }) });
    const withConsent = await app.gql(TRACK, { events: events('consent', { consent: { categoryPreferences: { Advertising: true } } }) });
    const plainAgain = await app.gql(TRACK, { events: events('plain-again', null) });
    expect([plain, withConsent, plainAgain].map((result) => result.data?.trackEvents.accepted)).toEqual([5, 5, 5]);
    expect(withConsent.statements - plain.statements).toBe(1);
    expect(plainAgain.statements).toBe(plain.statements);
    expect((await consents(personId)).map(({ purpose, granted, source }) => [purpose, granted, source])).toEqual([
      ['ANALYTICS_TRACKING', true, 'web'],
      ['MARKETING_EMAIL', true, 'app'],
      ['PERSONALIZATION', true, 'app'],
    ]);
  });
});

describe('SPINE_CONSENT_CATEGORIES', () => {
  const problems = (value: string) => {
    try {
      loadConfig({ SPINE_CONSENT_CATEGORIES: value });
    } catch (error) {
      return (error as Error).message;
    }
    return null;
  };

  it('maps names in any case to purposes in any case', () => {
    const { categories } = loadConfig({ SPINE_CONSENT_CATEGORIES: ' Advertising = marketing_email + Personalization , C0004=PROFILING,' }).consent;
    expect([...categories]).toEqual([
      ['advertising', ['MARKETING_EMAIL', 'PERSONALIZATION']],
      ['c0004', ['PROFILING']],
    ]);
    expect(loadConfig({}).consent.categories.size).toBe(0);
  });

  it('stops at start with a message naming the setting and the problem', () => {
    expect(problems('Advertising=MARKETING')).toBe(
      'Invalid configuration:\n  SPINE_CONSENT_CATEGORIES: Advertising: "MARKETING" is not a consent purpose (MARKETING_EMAIL, MARKETING_SMS, MARKETING_PUSH, DATA_PROCESSING, THIRD_PARTY_SHARING, ANALYTICS_TRACKING, PERSONALIZATION, PROFILING)',
    );
    expect(problems('Advertising:MARKETING_EMAIL')).toContain('SPINE_CONSENT_CATEGORIES: "Advertising:MARKETING_EMAIL" is not Category=PURPOSE[+PURPOSE...] (e.g. Advertising=MARKETING_EMAIL+PERSONALIZATION,Analytics=ANALYTICS_TRACKING)');
    expect(problems('=PROFILING')).toContain('"=PROFILING" is not Category=PURPOSE');
    expect(problems('Ads=MARKETING_EMAIL+')).toContain('"Ads=MARKETING_EMAIL+" is not Category=PURPOSE');
    expect(problems('Ads=A=B')).toContain('"Ads=A=B" is not Category=PURPOSE');
    expect(problems('Ads=SPAM+EGGS')).toContain('Ads: "SPAM", "EGGS" are not consent purposes');
    expect(problems('Ads=PROFILING,ads=MARKETING_EMAIL')).toContain('SPINE_CONSENT_CATEGORIES: ads is given twice');
  });
});
