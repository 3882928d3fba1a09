import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

const INGEST = `mutation ($records: [IdentityRecordInput!]!) { ingestIdentities(records: $records) { ambiguous merges outcomes { action personId mergeCandidateId matchedBy error } } }`;

/** Everything a person owns, in a stable order, to compare before and after. */
async function stateOf(app: TestApp, personId: string) {
  const [identities, events, traits, consents, history, records, person] = await Promise.all([
    app.db.query('SELECT id, kind, provider, value, is_primary FROM identity WHERE person_id = $1 ORDER BY id', [personId]),
    app.db.query('SELECT id, name FROM event WHERE person_id = $1 ORDER BY id', [personId]),
    app.db.query('SELECT key, value, type, source, set_once, observed_at, expires_at FROM trait WHERE person_id = $1 ORDER BY key', [personId]),
    app.db.query('SELECT purpose, granted, source, updated_at, expires_at FROM consent WHERE person_id = $1 ORDER BY purpose', [personId]),
    app.db.query('SELECT id FROM consent_history WHERE person_id = $1 ORDER BY id', [personId]),
    app.db.query('SELECT provider, external_id FROM source_record WHERE person_id = $1 ORDER BY 1, 2', [personId]),
    app.db.query('SELECT email, phone, first_name, last_name, first_seen_at, last_seen_at, merged_into_id FROM person WHERE id = $1', [personId]),
  ]);
  return { identities, events, traits, consents, history, records, person };
}

async function seedPerson(app: TestApp, suffix: string, traits: [string, unknown, string, boolean][], consentAt: string) {
  const result = await app.gql(INGEST, {
    records: [{ provider: 'app', externalId: `usr_${suffix}`, email: `${suffix}@fastmail.com`, phone: null, firstName: suffix, lastName: 'Merge' }],
  });
  const personId = result.data.ingestIdentities.outcomes[0].personId as string;
  for (const [index, name] of ['Page Viewed', 'Order Completed'].entries()) {
    await app.db.query(`INSERT INTO event (message_id, person_id, type, name, source, occurred_at) VALUES ($1, $2, 'track', $3, 'test', now() - interval '1 day' * $4)`, [`${suffix}-${index}`, personId, name, index]);
  }
  for (const [key, value, observedAt, setOnce] of traits) {
    await app.db.query(`INSERT INTO trait (person_id, key, value, source, set_once, observed_at) VALUES ($1, $2, $3, 'test', $4, $5)`, [personId, key, JSON.stringify(value), setOnce, observedAt]);
  }
  await app.db.query(`INSERT INTO consent (person_id, purpose, granted, source, updated_at) VALUES ($1, 'MARKETING_EMAIL', $2, 'test', $3)`, [personId, suffix === 'ann', consentAt]);
  await app.db.query(`INSERT INTO consent_history (person_id, purpose, granted, source, occurred_at) VALUES ($1, 'MARKETING_EMAIL', $2, 'test', $3)`, [personId, suffix === 'ann', consentAt]);
  return personId;
}

describe('merge and unmerge', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('merge moves everything with the precedence rules, and unmerge restores the exact before-state', async () => {
    const target = await seedPerson(app, 'ann', [['plan', 'pro', '2024-05-01', false], ['first_touch', 'google', '2024-01-01', true]], '2024-01-01');
    const source = await seedPerson(app, 'bob', [['plan', 'free', '2024-06-01', false], ['first_touch', 'facebook', '2023-06-01', true], ['city', 'Oslo', '2024-02-01', false]], '2024-03-01');
    const before = { target: await stateOf(app, target), source: await stateOf(app, source) };

    const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "same customer") { id sourcePersonId actor reason targetPerson { id } } }`, { s: source, t: target });
    expect(merged.errors).toBeUndefined();
    expect(merged.data.mergePersons).toMatchObject({ sourcePersonId: source, reason: 'same customer', targetPerson: { id: target } });

    const after = await app.gql(
      `query ($id: ID!) { person(id: $id) { id traits { key value } consents { purpose granted } events { totalCount } identities { kind value } mergeHistory { id sourcePersonId } } }`,
      { id: source },
    );
    const person = after.data.person;
    expect(person.id).toBe(target); // the source id resolves to the target
    const traits = Object.fromEntries(person.traits.map((trait: { key: string; value: unknown }) => [trait.key, trait.value]));
    expect(traits).toEqual({ plan: 'free', first_touch: 'facebook', city: 'Oslo' }); // newest wins; set-once keeps the first observation
    expect(person.consents).toEqual([{ purpose: 'MARKETING_EMAIL', granted: false }]); // the newest decision wins
    expect(person.events.totalCount).toBe(4);
    expect(person.identities).toHaveLength(4);
    expect(person.mergeHistory).toEqual([{ id: merged.data.mergePersons.id, sourcePersonId: source }]);

    // An event arriving after the merge for one of the source's identifiers goes back with it.
    const sourceEmailIdentity = before.source.identities.find((identity: { kind: string }) => identity.kind === 'EMAIL');
    const [{ occurred_at: lateAt }] = await app.db.query(
      `INSERT INTO event (message_id, person_id, identity_id, type, name, source, occurred_at) VALUES ('late-1', $1, $2, 'track', 'Late Event', 'test', clock_timestamp()) RETURNING occurred_at`,
      [target, sourceEmailIdentity.id],
    );

    const undone = await app.gql(`mutation ($m: ID!) { unmerge(mergeId: $m) { id } }`, { m: merged.data.mergePersons.id });
    expect(undone.errors).toBeUndefined();
    expect(undone.data.unmerge.id).toBe(source);

    const restored = { target: await stateOf(app, target), source: await stateOf(app, source) };
    expect(restored.target).toEqual(before.target);
    const lateEvent = restored.source.events.find((event: { name: string }) => event.name === 'Late Event');
    expect(lateEvent).toBeDefined();
    // ... and the source was last seen doing it; nothing else of the source changed.
    expect({ ...restored.source, events: restored.source.events.filter((event: { name: string }) => event.name !== 'Late Event') }).toEqual({
      ...before.source,
      person: [{ ...before.source.person[0], last_seen_at: lateAt }],
    });

    const again = await app.gql(`mutation ($m: ID!) { unmerge(mergeId: $m) { id } }`, { m: merged.data.mergePersons.id });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const history = await app.gql(`query ($id: ID!) { person(id: $id) { mergeHistory { undoneAt } } }`, { id: target });
    expect(history.data.person.mergeHistory[0].undoneAt).not.toBeNull();
  });

  it('an expired trait never beats a live one on merge (of two expired ones the newest still wins), and unmerge restores them', async () => {
    const target = await seedPerson(app, 'eve', [], '2024-01-01');
    const source = await seedPerson(app, 'fay', [], '2024-01-01');
    const trait = (personId: string, key: string, value: string, observedAt: string, expiresAt: string | null, setOnce = false) =>
      app.db.query(`INSERT INTO trait (person_id, key, value, source, set_once, observed_at, expires_at) VALUES ($1, $2, $3, 'test', $4, $5, $6)`, [personId, key, JSON.stringify(value), setOnce, observedAt, expiresAt]);
    // The target's value is newer but expired; the source's is older and live.
    await trait(target, 'qa_plan', 'pro', '2025-06-02T00:00:00Z', '2025-07-01T00:00:00Z');
    await trait(source, 'qa_plan', 'basic', '2025-06-01T00:00:00Z', null);
    // An expired set-once first touch does not keep a live later one out either.
    await trait(target, 'qa_touch', 'google', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', true);
    await trait(source, 'qa_touch', 'facebook', '2024-06-01T00:00:00Z', '2099-01-01T00:00:00Z', true);
    // Both expired: the newest observation wins, as between two live ones.
    await trait(target, 'qa_offer', '10%', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z');
    await trait(source, 'qa_offer', '20%', '2025-03-01T00:00:00Z', '2025-04-01T00:00:00Z');
    const before = { target: await stateOf(app, target), source: await stateOf(app, source) };

    const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "test") { id } }`, { s: source, t: target });
    expect(merged.errors).toBeUndefined();
    const served = await app.gql(`query ($id: ID!) { person(id: $id) { traits { key value } } }`, { id: target });
    expect(served.data.person.traits.filter((item: { key: string }) => item.key.startsWith('qa_'))).toEqual([
      { key: 'qa_plan', value: 'basic' },
      { key: 'qa_touch', value: 'facebook' },
    ]);
    const [offer] = await app.db.query(`SELECT value FROM trait WHERE person_id = $1 AND key = 'qa_offer'`, [target]);
    expect(offer.value).toBe('20%');

    const undone = await app.gql(`mutation ($m: ID!) { unmerge(mergeId: $m) { id } }`, { m: merged.data.mergePersons.id });
    expect(undone.errors).toBeUndefined();
    expect(await stateOf(app, target)).toEqual(before.target);
    expect((await stateOf(app, source)).traits).toEqual(before.source.traits);
  });

  it('closes a membership that began after the merge transaction did without breaking the membership order', async () => {
    const target = await seedPerson(app, 'gus', [], '2024-01-01');
    const source = await seedPerson(app, 'hal', [], '2024-01-01');
    const [segment] = await app.db.query(`INSERT INTO segment (name, rules) VALUES ('Both late', '{"operator":"AND","conditions":[]}') RETURNING id`);
    // As if a refresh had committed the source's stay while the merge transaction was running: it starts after the merge's now().
    await app.db.query(`INSERT INTO segment_membership (segment_id, person_id, entered_at) VALUES ($1, $2, now() - interval '1 day'), ($1, $3, now() + interval '1 minute')`, [segment.id, target, source]);
    const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "test") { id } }`, { s: source, t: target });
    expect(merged.errors).toBeUndefined();
    const [closed] = await app.db.query(`SELECT exited_at = entered_at AS at_entry FROM segment_membership WHERE person_id = $1`, [source]);
    expect(closed).toEqual({ at_entry: true });
  });

  it('unmerge gives each person the first/last seen times of what it did, including after the merge', async () => {
    const ingest = async (externalId: string, email: string, observedAt: string) =>
      (await app.gql(INGEST, { records: [{ provider: 'app', externalId, email, firstName: externalId, lastName: 'Seen', observedAt }] })).data.ingestIdentities.outcomes[0].personId as string;
    const target = await ingest('usr_seen_target', 'seen.target@fastmail.com', '2024-01-10T00:00:00Z');
    const source = await ingest('usr_seen_source', 'seen.source@fastmail.com', '2026-01-10T00:00:00Z');
    const seen = async (id: string) =>
      (await app.db.query('SELECT to_json(first_seen_at) #>> \'{}\' AS first, to_json(last_seen_at) #>> \'{}\' AS last FROM person WHERE id = $1', [id]))[0];
    const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "test") { id } }`, { s: source, t: target });
    expect(await seen(target)).toEqual({ first: '2024-01-10T00:00:00+00:00', last: '2026-01-10T00:00:00+00:00' });

    // After the merge: the target's own user does something (older than what the source brought, so
    // the merged person's last seen does not move), and the source's user does something newer.
    const tracked = await app.gql(`mutation ($events: [EventInput!]!) { trackEvents(events: $events) { accepted errors } }`, {
      events: [
        { messageId: 'seen-1', userId: 'usr_seen_target', name: 'Order Completed', occurredAt: '2025-06-01T00:00:00Z' },
        { messageId: 'seen-2', userId: 'usr_seen_source', name: 'Order Completed', occurredAt: '2026-03-01T00:00:00Z' },
      ],
    });
    expect(tracked.data.trackEvents).toEqual({ accepted: 2, errors: [] });
    expect(await seen(target)).toEqual({ first: '2024-01-10T00:00:00+00:00', last: '2026-03-01T00:00:00+00:00' });

    const undone = await app.gql(`mutation ($m: ID!) { unmerge(mergeId: $m) { id } }`, { m: merged.data.mergePersons.id });
    expect(undone.errors).toBeUndefined();
    // Not the target's times before the merge (that would lose June 2025), nor the merged ones (March 2026 was the source).
    expect(await seen(target)).toEqual({ first: '2024-01-10T00:00:00+00:00', last: '2025-06-01T00:00:00+00:00' });
    expect(await seen(source)).toEqual({ first: '2026-01-10T00:00:00+00:00', last: '2026-03-01T00:00:00+00:00' });
  });

  it('refuses to merge a person into itself or into one that was merged away', async () => {
    const a = await seedPerson(app, 'cat', [], '2024-01-01');
    const b = await seedPerson(app, 'dan', [], '2024-01-01');
    const self = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t) { id } }`, { s: a, t: a });
    expect(self.errors?.[0].extensions?.code).toBe('CONFLICT');
    await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t) { id } }`, { s: a, t: b });
    const stale = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t) { id } }`, { s: b, t: a });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('opens a review item for ambiguous evidence; REJECT is remembered, MERGE links the waiting record', async () => {
    // A household: same email and address, different first names.
    const household = [
      { provider: 'shopify', externalId: 'h1', email: 'smiths@comcast.net', firstName: 'Alice', lastName: 'Smith', address: { line1: '1 Elm Street', postalCode: '02139' } },
      { provider: 'stripe', externalId: 'h2', email: 'smiths@comcast.net', firstName: 'Robert', lastName: 'Smith', address: { line1: '1 Elm St', postalCode: '02139' } },
    ];
    const result = await app.gql(INGEST, { records: household });
    expect(result.errors).toBeUndefined();
    const [alice, robert] = result.data.ingestIdentities.outcomes;
    expect(alice.action).toBe('CREATED');
    expect(robert.action).toBe('AMBIGUOUS');
    expect(robert.personId).toBeNull();
    expect(robert.mergeCandidateId).toBeTruthy();

    const candidate = await app.gql(`query ($id: ID!) { mergeCandidate(id: $id) { status score persons { id } evidence { field supports values } pendingRecords { provider externalId } } }`, { id: robert.mergeCandidateId });
    expect(candidate.data.mergeCandidate.status).toBe('OPEN');
    expect(candidate.data.mergeCandidate.persons).toEqual([{ id: alice.personId }]);
    expect(candidate.data.mergeCandidate.pendingRecords).toEqual([{ provider: 'stripe', externalId: 'h2' }]);
    const evidence = candidate.data.mergeCandidate.evidence;
    expect(evidence.some((item: { supports: boolean }) => item.supports)).toBe(true);
    expect(evidence.some((item: { supports: boolean }) => !item.supports)).toBe(true);
    const queue = await app.gql(`{ mergeCandidates(status: OPEN) { id } }`);
    expect(queue.data.mergeCandidates.map((item: { id: string }) => item.id)).toContain(robert.mergeCandidateId);

    const rejected = await app.gql(`mutation ($id: ID!) { decideMergeCandidate(id: $id, decision: REJECT, reason: "spouses") { status decidedBy reason decidedAt } }`, { id: robert.mergeCandidateId });
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data.decideMergeCandidate).toMatchObject({ status: 'REJECTED', reason: 'spouses' });
    // The decision is in the audit log of the person it was about.
    const decisions = await app.gql(`query ($p: ID!) { auditLog(personId: $p, action: "DECIDE_MERGE_CANDIDATE") { reason } }`, { p: alice.personId });
    expect(decisions.data.auditLog).toEqual([{ reason: 'spouses' }]);
    const robertPerson = await app.gql(`query ($p: String!) { resolvePerson(identity: { kind: EXTERNAL_ID, provider: "stripe", value: $p }) { id firstName } }`, { p: 'h2' });
    expect(robertPerson.data.resolvePerson.firstName).toBe('Robert');
    expect(robertPerson.data.resolvePerson.id).not.toBe(alice.personId);

    const twice = await app.gql(`mutation ($id: ID!) { decideMergeCandidate(id: $id, decision: MERGE) { status } }`, { id: robert.mergeCandidateId });
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');

    // The same record again: nothing changes, no new review item.
    const replay = await app.gql(INGEST, { records: household });
    expect(replay.data.ingestIdentities.outcomes.map((outcome: { action: string }) => outcome.action)).toEqual(['UNCHANGED', 'UNCHANGED']);
    const open = await app.gql(`{ mergeCandidates(status: OPEN) { id } }`);
    expect(open.data.mergeCandidates).toHaveLength(0);

    // A manual merge of the pair the reviewer rejected is refused unless it says it overrides them.
    const MERGE = `mutation ($s: ID!, $t: ID!, $o: Boolean) { mergePersons(sourceId: $s, targetId: $t, reason: "same after all", overrideRejection: $o) { id } }`;
    const refused = await app.gql(MERGE, { s: robertPerson.data.resolvePerson.id, t: alice.personId });
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toMatch(/not the same person .*"spouses".*overrideRejection/);
    const overridden = await app.gql(MERGE, { s: robertPerson.data.resolvePerson.id, t: alice.personId, o: true });
    expect(overridden.errors).toBeUndefined();
    const [audit] = await app.db.query(`SELECT details FROM audit_log WHERE action = 'MERGE' AND subject_id = $1`, [overridden.data.mergePersons.id]);
    expect(audit.details).toMatchObject({ overrodeRejection: true });
  });

  it('MERGE on a review item links the waiting record to the person', async () => {
    const result = await app.gql(INGEST, {
      records: [
        { provider: 'app', externalId: 'u-77', email: 'kim.lee@outlook.com', firstName: 'Kim', lastName: 'Lee' },
        { provider: 'klaviyo', externalId: 'k-77', email: 'kim.lee@outlook.com', firstName: 'Kimberly', lastName: 'Park' },
      ],
    });
    const [kim, other] = result.data.ingestIdentities.outcomes;
    if (other.action !== 'AMBIGUOUS') return expect.fail(`expected AMBIGUOUS for a different last name on a shared email, got ${other.action}`);
    const decided = await app.gql(`mutation ($id: ID!) { decideMergeCandidate(id: $id, decision: MERGE, reason: "married name") { status } }`, { id: other.mergeCandidateId });
    expect(decided.data.decideMergeCandidate.status).toBe('MERGED');
    const person = await app.gql(`query { resolvePerson(identity: { kind: EXTERNAL_ID, provider: "klaviyo", value: "k-77" }) { id } }`);
    expect(person.data.resolvePerson.id).toBe(kim.personId);
  });
});

describe('merges planned by identity resolution', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('are applied set-wise, audited like any merge, and undone exactly', async () => {
    const people = ['Quinn', 'Rosa', 'Sven'];
    const first = await app.gql(INGEST, {
      records: people.flatMap((name, index) => [
        { provider: 'shopify', externalId: `sh-${name}`, email: `${name.toLowerCase()}.bulk@fastmail.com`, firstName: name, lastName: 'Bulk' },
        { provider: 'stripe', externalId: `st-${name}`, phone: `+1 312 555 01${10 + index}`, firstName: name, lastName: 'Bulk' },
      ]),
    });
    expect(first.data.ingestIdentities.outcomes.map((outcome: { action: string }) => outcome.action)).toEqual(Array(6).fill('CREATED'));
    const before = await app.db.query(`SELECT id, person_id, is_primary FROM identity ORDER BY id`);
    const recordsBefore = await app.db.query(`SELECT provider, external_id, person_id FROM source_record ORDER BY 1, 2`);

    // One batch whose records each tie an email person to a phone person: three merges in one plan.
    const ties = await app.gql(INGEST, {
      records: people.map((name, index) => ({ provider: 'app', externalId: `u-${name}`, email: `${name.toUpperCase()}.bulk@fastmail.com`, phone: `(312) 555-01${10 + index}`, firstName: name, lastName: 'Bulk' })),
    });
    expect(ties.errors).toBeUndefined();
    expect(ties.data.ingestIdentities.merges).toBe(3);
    const merges = await app.db.query(`SELECT id, source_person_id, target_person_id FROM person_merge ORDER BY merged_at`);
    expect(merges).toHaveLength(3);
    for (const name of people) {
      const person = await app.gql(`query ($e: String!) { resolvePerson(identity: { kind: EMAIL, value: $e }) { id identities { kind provider } mergeHistory { id } } }`, { e: `${name}.bulk@fastmail.com` });
      expect(person.data.resolvePerson.identities.map((identity: { kind: string; provider: string }) => `${identity.kind}:${identity.provider}`).sort()).toEqual([
        'EMAIL:shopify',
        'EXTERNAL_ID:app',
        'EXTERNAL_ID:shopify',
        'EXTERNAL_ID:stripe',
        'PHONE:stripe',
      ]);
      expect(person.data.resolvePerson.mergeHistory).toHaveLength(1);
    }

    for (const merge of merges) {
      const undone = await app.gql(`mutation ($m: ID!) { unmerge(mergeId: $m) { id } }`, { m: merge.id });
      expect(undone.errors).toBeUndefined();
      expect(undone.data.unmerge.id).toBe(merge.source_person_id);
    }
    // Back to before the tie batch, apart from what the tie records themselves added (their app ids).
    const after = await app.db.query(`SELECT i.id, i.person_id, i.is_primary FROM identity i WHERE NOT (i.kind = 'EXTERNAL_ID' AND i.provider = 'app') ORDER BY id`);
    expect(after).toEqual(before);
    const recordsAfter = await app.db.query(`SELECT provider, external_id, person_id FROM source_record WHERE provider <> 'app' ORDER BY 1, 2`);
    expect(recordsAfter).toEqual(recordsBefore);
  });
});

describe('segment member counts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  /** Each segment's memberCount as served, and its open stays as stored. */
  async function counts() {
    const served = await app.gql(`{ segments { name memberCount } }`);
    expect(served.errors).toBeUndefined();
    const open = await app.db.query(`SELECT s.name, count(m.id)::int AS open FROM segment s LEFT JOIN segment_membership m ON m.segment_id = s.id AND m.exited_at IS NULL GROUP BY s.name`);
    const stored = Object.fromEntries(open.map((row: { name: string; open: number }) => [row.name, row.open]));
    return Object.fromEntries(served.data.segments.map((segment: { name: string; memberCount: number }) => [segment.name, { memberCount: segment.memberCount, open: stored[segment.name] }]));
  }

  it('follow merges (manual and by identity resolution) and unmerges', async () => {
    const created = await app.gql(INGEST, {
      records: [
        { provider: 'app', externalId: 'mc-a', email: 'mc.ann@fastmail.com', firstName: 'Ann', lastName: 'Count' },
        { provider: 'app', externalId: 'mc-b', email: 'mc.bea@fastmail.com', firstName: 'Ann', lastName: 'Count' },
        { provider: 'stripe', externalId: 'mc-c', phone: '+1 312 555 0177', firstName: 'Ann', lastName: 'Count' },
      ],
    });
    const [a, b] = created.data.ingestIdentities.outcomes.map((outcome: { personId: string }) => outcome.personId);
    const everyone = await app.gql(`mutation { createSegment(input: { name: "Everyone", rules: { operator: "AND", conditions: [] } }) { memberCount } }`);
    expect(everyone.data.createSegment.memberCount).toBe(3);
    const listed = await app.gql(`mutation { createStaticSegment(input: { name: "Bea", identifiers: [{ kind: EMAIL, value: "mc.bea@fastmail.com" }] }) { segment { memberCount } } }`);
    expect(listed.data.createStaticSegment.segment.memberCount).toBe(1);

    // Both are in Everyone: the source's stay ends there; its stay in Bea moves to the target.
    const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "test") { id } }`, { s: b, t: a });
    expect(merged.errors).toBeUndefined();
    expect(await counts()).toEqual({ Everyone: { memberCount: 2, open: 2 }, Bea: { memberCount: 1, open: 1 } });

    const undone = await app.gql(`mutation ($m: ID!) { unmerge(mergeId: $m) { id } }`, { m: merged.data.mergePersons.id });
    expect(undone.errors).toBeUndefined();
    expect(await counts()).toEqual({ Everyone: { memberCount: 3, open: 3 }, Bea: { memberCount: 1, open: 1 } });

    // A record tying Ann's email to the stripe phone: identity resolution merges the two persons.
    const tie = await app.gql(INGEST, { records: [{ provider: 'shop', externalId: 'mc-tie', email: 'mc.ann@fastmail.com', phone: '(312) 555-0177', firstName: 'Ann', lastName: 'Count' }] });
    expect(tie.data.ingestIdentities.merges).toBe(1);
    expect(await counts()).toEqual({ Everyone: { memberCount: 2, open: 2 }, Bea: { memberCount: 1, open: 1 } });
    // What a refresh would find.
    const refreshed = await app.gql(`{ segments { id name } }`);
    for (const segment of refreshed.data.segments) await app.gql(`mutation ($id: ID!) { refreshSegment(id: $id) { entered exited } }`, { id: segment.id });
    expect(await counts()).toEqual({ Everyone: { memberCount: 2, open: 2 }, Bea: { memberCount: 1, open: 1 } });
  });
});
