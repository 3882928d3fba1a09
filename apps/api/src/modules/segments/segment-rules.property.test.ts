// The compiled SQL and the reference evaluator of @spine/segment-rules must agree: random persons
// with traits, consents, events, identities, value and memberships go into PostgreSQL, random rule
// trees are compiled, and the persons the query returns must be exactly those the evaluator picks.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRules, compileRules, evaluateRules, holdsPersonalValue, PERSONAL_VALUE_SQL_PATTERNS, type PersonFacts, type ScalarType } from '@spine/segment-rules';
import { createTestApp, type TestApp } from '../../test/harness.js';

const DAY = 86_400_000;
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
// Times sit half a day off any whole-day boundary, so windows and "days since" never tie.
const daysAgo = (days: number) => new Date(NOW.getTime() - (days + 0.5) * DAY);
const SEGMENT_IDS = ['5e000000-0000-4000-8000-000000000001', '5e000000-0000-4000-8000-000000000002'];
const TRAIT_TYPES = new Map<string, ScalarType>([
  ['plan', 'string'],
  ['age', 'number'],
  ['vip', 'boolean'],
  ['renewal', 'date'],
]);

const EMAILS = ['ann@example.org', 'bob@shop.com', 'Carl@Example.org', null];
const NAMES = ['Ann', 'ann', 'Bob', 'Anna', null];
// With an e-mail address and a phone number among them: string conditions on guarded keys never match those.
const PLANS = ['free', 'pro', 'team', 'Pro', 'pro@team.io', 'Team +1 (415) 555-0101'];
const guardsPersonalValues = (key: string) => key !== 'path';
const EVENT_NAMES = ['Order Completed', 'Page Viewed', 'Email Opened', 'Email Link Clicked', 'Pricing Page', 'Signed Up'];
const PROVIDERS = ['shopify', 'stripe', 'app'];

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const pastDay = fc.integer({ min: 0, max: 90 });
const expiry = maybe(fc.integer({ min: -20, max: 20 }).map((days) => new Date(NOW.getTime() + (days + 0.5) * DAY)));
const isoDay = fc.integer({ min: 0, max: 90 }).map((days) => daysAgo(days).toISOString().slice(0, 10));

const traitValue: Record<string, fc.Arbitrary<unknown>> = {
  plan: fc.constantFrom(...PLANS),
  // Numbers sent as text count as numbers by the lifetime value's rule (not '40 years', '1e999' or a tab).
  age: fc.oneof(
    fc.integer({ min: 0, max: 80 }),
    fc.double({ min: 0, max: 80, noNaN: true }).map((value) => Math.round(value * 100) / 100),
    fc.integer({ min: 0, max: 80 }).map(String),
    fc.constantFrom('12.50', '-3', ' 7 ', '1e3', '1e999', '+.5', '40 years', '\t7', '+14155550177'),
  ),
  vip: fc.boolean(),
  renewal: fc.oneof(isoDay, pastDay.map((days) => daysAgo(days).toISOString()), fc.integer({ min: -5, max: -1 }).map((days) => daysAgo(days).toISOString()), fc.constantFrom('2024-02-30', 'soon', '2025-13-01')),
  mixed: fc.oneof(fc.constantFrom('pro', '2025-01-01'), fc.integer({ min: 0, max: 5 }), fc.boolean(), fc.constant(null)),
};

const personArbitrary = fc.record({
  email: fc.constantFrom(...EMAILS),
  firstName: fc.constantFrom(...NAMES),
  lastName: fc.constantFrom('Smith', 'smithers', null),
  phone: fc.constantFrom('+14155550001', null),
  firstSeen: pastDay,
  lastSeenOffset: fc.integer({ min: 0, max: 10 }),
  merged: fc.integer({ min: 0, max: 9 }).map((draw) => draw < 2),
  traits: fc.uniqueArray(fc.constantFrom(...Object.keys(traitValue)), { maxLength: 5 }).chain((keys) =>
    fc.tuple(...keys.map((key) => fc.record({ key: fc.constant(key), value: traitValue[key], expiresAt: expiry }))),
  ),
  consents: fc.uniqueArray(fc.record({ purpose: fc.constantFrom('MARKETING_EMAIL', 'MARKETING_SMS'), granted: fc.boolean(), expiresAt: expiry }), { selector: (consent) => consent.purpose, maxLength: 2 }),
  events: fc.array(
    fc.record({
      name: fc.constantFrom(...EVENT_NAMES),
      type: fc.constantFrom('track', 'track', 'page', 'screen', 'identify'),
      properties: fc.record({ path: fc.constantFrom('/pricing', '/home', '/Plans/PRICING', 5), total: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }).map(String), fc.constant('n/a')), plan: fc.constantFrom(...PLANS) }, { requiredKeys: [] }),
      // A few stamped ahead of now (clock skew that ingestion accepts): not yet within any window.
      days: fc.integer({ min: -2, max: 60 }),
    }),
    { maxLength: 7 },
  ),
  providers: fc.uniqueArray(fc.constantFrom(...PROVIDERS), { maxLength: 2 }),
  ltv: maybe(fc.record({ currentValue: fc.integer({ min: 0, max: 50000 }).map((cents) => cents / 100), churnProbability: maybe(fc.integer({ min: 0, max: 100 }).map((value) => value / 100)), totalPurchases: fc.integer({ min: 0, max: 9 }) })),
  engagement: maybe(fc.record({ overall: fc.integer({ min: 0, max: 100 }), recency: fc.integer({ min: 0, max: 100 }) })),
  memberships: fc.subarray(SEGMENT_IDS),
});
type GeneratedPerson = typeof personArbitrary extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------- random rule trees
const numberOperator = (values: fc.Arbitrary<number>) =>
  fc.oneof(
    fc.record({ operator: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte'), value: values }),
    fc.tuple(values, values).map(([a, b]) => ({ operator: 'between', value: [Math.min(a, b), Math.max(a, b)] })),
    fc.record({ operator: fc.constantFrom('in', 'not_in'), value: fc.array(values, { minLength: 1, maxLength: 3 }) }),
    fc.record({ operator: fc.constantFrom('exists', 'not_exists') }),
  );
const stringOperator = (values: string[], parts: string[]) =>
  fc.oneof(
    fc.record({ operator: fc.constantFrom('eq', 'neq'), value: fc.constantFrom(...values) }),
    fc.record({ operator: fc.constantFrom('in', 'not_in'), value: fc.array(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }) }),
    fc.record({ operator: fc.constantFrom('contains', 'starts_with'), value: fc.constantFrom(...parts) }),
    fc.record({ operator: fc.constantFrom('exists', 'not_exists') }),
  );
const dateValue = fc.oneof(isoDay, pastDay.map((days) => daysAgo(days).toISOString()));
const dateOperator = fc.oneof(
  fc.record({ operator: fc.constantFrom('before', 'after'), value: dateValue }),
  fc.tuple(dateValue, dateValue).map(([a, b]) => ({ operator: 'between', value: Date.parse(a) <= Date.parse(b) ? [a, b] : [b, a] })),
  fc.record({ operator: fc.constant('within_last_days'), value: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ operator: fc.constantFrom('exists', 'not_exists') }),
);
const on = (field: string, operator: fc.Arbitrary<Record<string, unknown>>) => operator.map((rest) => ({ field, ...rest }));

const conditionArbitrary = fc.oneof(
  on('email', stringOperator(EMAILS.filter(Boolean) as string[], ['example', 'ANN', '@', 'carl'])),
  on('firstName', stringOperator(['Ann', 'ann', 'Bob'], ['an', 'B'])),
  fc.constantFrom('firstSeenAt', 'lastSeenAt').chain((field) => on(field, dateOperator)),
  on('trait.plan', stringOperator(PLANS, ['pr', 'T', 'pro@', '415'])),
  on('trait.age', numberOperator(fc.integer({ min: 0, max: 80 }))),
  on('trait.vip', fc.oneof(fc.record({ operator: fc.constantFrom('eq', 'neq'), value: fc.boolean() }), fc.record({ operator: fc.constantFrom('exists', 'not_exists') }))),
  on('trait.renewal', dateOperator),
  fc.oneof(
    fc.record({ field: fc.constant('trait.mixed'), valueType: fc.constant('string'), operator: fc.constantFrom('eq', 'contains'), value: fc.constant('pro') }),
    fc.record({ field: fc.constant('trait.mixed'), valueType: fc.constant('number'), operator: fc.constantFrom('gte', 'lt'), value: fc.integer({ min: 0, max: 5 }) }),
    fc.record({ field: fc.constant('trait.mixed'), valueType: fc.constant('date'), operator: fc.constant('after'), value: fc.constant('2024-06-01') }),
    fc.record({ field: fc.constant('trait.mixed'), operator: fc.constantFrom('exists', 'not_exists') }),
  ),
  fc.constantFrom('consent.MARKETING_EMAIL', 'consent.MARKETING_SMS', 'consent.PROFILING').chain((field) =>
    on(field, fc.oneof(fc.record({ operator: fc.constantFrom('eq', 'neq'), value: fc.boolean() }), fc.record({ operator: fc.constantFrom('exists', 'not_exists') }))),
  ),
  fc.constantFrom('ltv.currentValue', 'ltv.churnProbability', 'ltv.totalPurchases').chain((field) => on(field, numberOperator(fc.integer({ min: 0, max: 500 }).map((value) => (field === 'ltv.churnProbability' ? value / 500 : value))))),
  fc.constantFrom('engagement.overall', 'engagement.recency').chain((field) => on(field, numberOperator(fc.integer({ min: 0, max: 100 })))),
  fc.constantFrom('activeDays', 'coreActions', 'pricingViews', 'emailOpens', 'emailClicks', 'daysSinceSignup', 'daysSinceLastActive').chain((field) => on(field, numberOperator(fc.integer({ min: 0, max: 8 })))),
  on('identity.provider', fc.oneof(fc.record({ operator: fc.constantFrom('eq', 'neq'), value: fc.constantFrom(...PROVIDERS) }), fc.record({ operator: fc.constantFrom('in', 'not_in'), value: fc.subarray(PROVIDERS, { minLength: 1 }) }))),
  on('segment', fc.oneof(fc.record({ operator: fc.constantFrom('eq', 'neq'), value: fc.constantFrom(...SEGMENT_IDS) }), fc.record({ operator: fc.constantFrom('in', 'not_in'), value: fc.subarray(SEGMENT_IDS, { minLength: 1 }) }))),
  fc
    .record(
      {
        name: fc.constantFrom(...EVENT_NAMES),
        minCount: fc.integer({ min: 1, max: 3 }),
        withinLastDays: fc.integer({ min: 1, max: 45 }),
        from: isoDay,
        where: fc.array(
          fc.oneof(
            fc.record({ property: fc.constant('total'), operator: fc.constantFrom('gt', 'lte'), value: fc.integer({ min: 0, max: 100 }) }),
            fc.record({ property: fc.constantFrom('plan', 'path'), operator: fc.constantFrom('eq', 'neq', 'contains', 'starts_with'), value: fc.constantFrom('pro', '/pricing', 'PRIC', '/', 'pro@team.io', 'Team +1') }),
            fc.record({ property: fc.constantFrom('plan', 'path'), operator: fc.constant('in'), value: fc.constant(['team', 5, '/home']) }),
            fc.record({ property: fc.constantFrom('plan', 'path', 'total'), operator: fc.constantFrom('exists', 'not_exists') }),
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['name'] },
    )
    .chain((value) => fc.record({ field: fc.constant('event'), operator: fc.constantFrom('performed', 'not_performed'), value: fc.constant(value) })),
);

const treeArbitrary = fc.letrec<{ group: unknown; node: unknown }>((tie) => ({
  group: fc.record({ operator: fc.constantFrom('AND', 'OR'), conditions: fc.array(tie('node'), { maxLength: 4 }) }),
  node: fc.oneof({ depthSize: 'small', maxDepth: 3, depthIdentifier: 'rules', withCrossShrink: true }, conditionArbitrary, tie('group')),
})).group;

// ---------------------------------------------------------------- storing the persons
async function store(app: TestApp, generated: GeneratedPerson[]): Promise<PersonFacts[]> {
  await app.db.query('TRUNCATE person, identity, trait, consent, event, lifetime_value, engagement_score, segment_membership CASCADE');
  const ids = generated.map(() => randomUUID());
  const liveIds = ids.filter((_id, index) => !generated[index].merged);
  const facts: PersonFacts[] = generated.map((person, index) => {
    const firstSeenAt = daysAgo(person.firstSeen);
    return {
      id: ids[index],
      mergedIntoId: person.merged && liveIds.length ? liveIds[index % liveIds.length] : null,
      email: person.email,
      phone: person.phone,
      firstName: person.firstName,
      lastName: person.lastName,
      firstSeenAt,
      lastSeenAt: new Date(Math.min(NOW.getTime(), firstSeenAt.getTime() + person.lastSeenOffset * DAY)),
      createdAt: firstSeenAt,
      traits: person.traits.map((trait) => ({ key: trait.key, value: trait.value, expiresAt: trait.expiresAt })),
      consents: person.consents,
      events: person.events.map((event) => ({ name: event.name, type: event.type, properties: event.properties as Record<string, unknown>, occurredAt: daysAgo(event.days) })),
      identities: person.providers.map((provider) => ({ provider })),
      lifetimeValue: person.ltv,
      engagement: person.engagement,
      segmentIds: person.memberships,
    };
  });
  const json = (value: unknown) => JSON.stringify(value);
  await app.db.query(
    `INSERT INTO person (id, email, phone, first_name, last_name, merged_into_id, first_seen_at, last_seen_at, created_at)
     SELECT id, email, phone, first_name, last_name, merged_into_id, first_seen_at, last_seen_at, created_at
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, email text, phone text, first_name text, last_name text, merged_into_id uuid, first_seen_at timestamptz, last_seen_at timestamptz, created_at timestamptz)`,
    [json(facts.map((fact) => ({ id: fact.id, email: fact.email, phone: fact.phone, first_name: fact.firstName, last_name: fact.lastName, merged_into_id: fact.mergedIntoId, first_seen_at: fact.firstSeenAt, last_seen_at: fact.lastSeenAt, created_at: fact.createdAt })))],
  );
  await app.db.query(
    `INSERT INTO trait (person_id, key, value, expires_at) SELECT person_id, key, value, expires_at FROM jsonb_to_recordset($1::jsonb) AS x(person_id uuid, key text, value jsonb, expires_at timestamptz)`,
    [json(facts.flatMap((fact) => fact.traits.map((trait) => ({ person_id: fact.id, key: trait.key, value: trait.value, expires_at: trait.expiresAt }))))],
  );
  await app.db.query(
    `INSERT INTO consent (person_id, purpose, granted, updated_at, expires_at) SELECT person_id, purpose, granted, now(), expires_at FROM jsonb_to_recordset($1::jsonb) AS x(person_id uuid, purpose text, granted boolean, expires_at timestamptz)`,
    [json(facts.flatMap((fact) => fact.consents.map((consent) => ({ person_id: fact.id, ...consent, expires_at: consent.expiresAt }))))],
  );
  await app.db.query(
    `INSERT INTO event (message_id, person_id, type, name, source, properties, occurred_at)
     SELECT gen_random_uuid()::text, person_id, type, name, 'test', properties, occurred_at FROM jsonb_to_recordset($1::jsonb) AS x(person_id uuid, type text, name text, properties jsonb, occurred_at timestamptz)`,
    [json(facts.flatMap((fact) => fact.events.map((event) => ({ person_id: fact.id, type: event.type, name: event.name, properties: event.properties, occurred_at: event.occurredAt }))))],
  );
  await app.db.query(
    `INSERT INTO identity (person_id, kind, provider, scope, value) SELECT person_id, 'EXTERNAL_ID', provider, provider, gen_random_uuid()::text FROM jsonb_to_recordset($1::jsonb) AS x(person_id uuid, provider text)`,
    [json(facts.flatMap((fact) => fact.identities.map((identity) => ({ person_id: fact.id, provider: identity.provider }))))],
  );
  await app.db.query(
    `INSERT INTO lifetime_value (person_id, current_value, churn_probability, total_purchases, average_purchase_value)
     SELECT person_id, current_value, churn_probability, total_purchases, 0 FROM jsonb_to_recordset($1::jsonb) AS x(person_id uuid, current_value float8, churn_probability float8, total_purchases int)`,
    [json(facts.filter((fact) => fact.lifetimeValue).map((fact) => ({ person_id: fact.id, current_value: fact.lifetimeValue!.currentValue, churn_probability: fact.lifetimeValue!.churnProbability, total_purchases: fact.lifetimeValue!.totalPurchases })))],
  );
  await app.db.query(
    `INSERT INTO engagement_score (person_id, overall, recency, frequency, monetary) SELECT person_id, overall, recency, 0, 0 FROM jsonb_to_recordset($1::jsonb) AS x(person_id uuid, overall int, recency int)`,
    [json(facts.filter((fact) => fact.engagement).map((fact) => ({ person_id: fact.id, ...fact.engagement })))],
  );
  // Current memberships, plus a past stay of everyone in the first segment (history must not count).
  await app.db.query(
    `INSERT INTO segment_membership (segment_id, person_id, entered_at, exited_at)
     SELECT segment_id, person_id, now() - interval '2 days', NULL FROM jsonb_to_recordset($1::jsonb) AS x(person_id uuid, segment_id uuid)
     UNION ALL
     SELECT $2::uuid, id, now() - interval '9 days', now() - interval '8 days' FROM unnest($3::uuid[]) AS id`,
    [json(facts.flatMap((fact) => fact.segmentIds.map((segmentId) => ({ person_id: fact.id, segment_id: segmentId })))), SEGMENT_IDS[0], ids],
  );
  return facts;
}

describe('segment rules on PostgreSQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    await app.db.query(`INSERT INTO segment (id, name, kind, rules) SELECT id, 'S' || n, 'STATIC', '{"operator":"AND","conditions":[]}' FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n)`, [SEGMENT_IDS]);
  });
  afterAll(() => app?.close());

  it('select exactly the persons the reference evaluator selects', async () => {
    let compared = 0;
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(personArbitrary, { minLength: 3, maxLength: 14 }), fc.array(treeArbitrary, { minLength: 12, maxLength: 12 }), async (persons, trees) => {
        const facts = await store(app, persons);
        for (const [index, tree] of trees.entries()) {
          const checked = checkRules(tree, { traitTypes: TRAIT_TYPES });
          // Half of the trees as Spine compiles them (personal values guarded), half without the guard.
          const options = index % 2 === 0 ? { guardsPersonalValues } : {};
          const compiled = compileRules(checked, { now: NOW, ...options });
          const found = (await app.db.query(`SELECT p.id FROM ${compiled.from} WHERE ${compiled.where}`, compiled.parameters)) as { id: string }[];
          const expected = facts.filter((person) => evaluateRules(checked, person, NOW, options)).map((person) => person.id).sort();
          expect(found.map((row) => row.id).sort(), JSON.stringify(tree)).toEqual(expected);
          compared += 1;
          const live = facts.filter((person) => person.mergedIntoId === null).length;
          if (expected.length > 0 && expected.length < live) nonTrivial += 1;
        }
      }),
      { numRuns: 20 },
    );
    // The generators must produce trees that split the persons, not only all-or-nothing ones.
    expect(compared).toBe(240);
    expect(nonTrivial).toBeGreaterThan(compared / 8);
  });

  it('find e-mail addresses and phone numbers in PostgreSQL exactly where the masking finds them', async () => {
    const piece = fc.oneof(
      fc.constantFrom('ann', 'x', '@', '.', '+', '-', ' ', '(', ')', ':', 'org', '2025-06-01', 'T12:00:00Z', '415', '555', '0101', '1', '20', '7946', '0958'),
      fc.string({ maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')), { minLength: 50, maxLength: 50 }), async (texts) => {
        const found = (await app.db.query(`SELECT t ~ $2 OR t ~ $3 AS personal FROM unnest($1::text[]) WITH ORDINALITY AS x(t, n) ORDER BY n`, [
          texts,
          PERSONAL_VALUE_SQL_PATTERNS.email,
          PERSONAL_VALUE_SQL_PATTERNS.phone,
        ])) as { personal: boolean }[];
        expect(found.map((row) => row.personal)).toEqual(texts.map(holdsPersonalValue));
      }),
      { numRuns: 40 },
    );
  });
});
