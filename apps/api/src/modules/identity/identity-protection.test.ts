import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

const INGEST = `mutation ($records: [IdentityRecordInput!]!) { ingestIdentities(records: $records) { fetched created linked ambiguous errors merges quarantined outcomes { action personId error issues } } }`;

const JUNK_EMAILS = ['test@test.com', 'none@none.com', 'noemail@gmail.com', 'null', 'n/a', 'asdf@asdf.com'];
const JUNK_PHONES = ['0000000000', '1234567890', '(000) 000-0000', '1111111111', 'null', 'anonymous'];
const FIRST_NAMES = ['Ava', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'June', 'Kai', 'Lena', 'Milo', 'Nia', 'Omar', 'Pia'];

describe('merge protection', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('never glues strangers together through junk values: 1,000 records, zero merges, 1,000 persons', async () => {
    const records = Array.from({ length: 1000 }, (_, index) => ({
      provider: ['shopify', 'stripe', 'amazon', 'klaviyo'][index % 4],
      externalId: `junk-${index}`,
      email: JUNK_EMAILS[index % JUNK_EMAILS.length],
      phone: JUNK_PHONES[index % JUNK_PHONES.length],
      firstName: FIRST_NAMES[index % FIRST_NAMES.length],
      lastName: `Stranger${index}`,
    }));
    const result = await app.gql(INGEST, { records });
    expect(result.errors).toBeUndefined();
    const ingest = result.data.ingestIdentities;
    expect(ingest.merges).toBe(0);
    expect(ingest.linked).toBe(0);
    expect(ingest.created).toBe(1000);
    expect(new Set(ingest.outcomes.map((outcome: { personId: string }) => outcome.personId)).size).toBe(1000);
    const [{ count }] = await app.db.query(`SELECT count(*) AS count FROM identity WHERE kind IN ('EMAIL', 'PHONE')`);
    expect(Number(count)).toBe(0);
    const [{ merges }] = await app.db.query('SELECT count(*) AS merges FROM person_merge');
    expect(Number(merges)).toBe(0);
    expect(ingest.outcomes[0].issues.length).toBeGreaterThan(0); // the dropped values are reported, not silently ignored
  });

  it('quarantines a hub value that many different people claim, so it cannot chain them', async () => {
    const records = FIRST_NAMES.slice(0, 8).map((firstName, index) => ({
      provider: 'shopify',
      externalId: `hub-${index}`,
      email: 'orders@bigcorp-reseller.com',
      firstName,
      lastName: `Buyer${index}`,
    }));
    const result = await app.gql(INGEST, { records });
    const ingest = result.data.ingestIdentities;
    expect(ingest.merges).toBe(0);
    expect(ingest.quarantined).toBeGreaterThanOrEqual(1);
    const flags = await app.db.query(`SELECT status FROM identifier_flag WHERE value = 'orders@bigcorp-reseller.com'`);
    expect(flags).toEqual([{ status: 'QUARANTINED' }]);
    // After quarantine, a new record with that email and a known name does not link through it.
    const later = await app.gql(INGEST, { records: [{ provider: 'stripe', externalId: 'hub-late', email: 'orders@bigcorp-reseller.com', firstName: 'Zed', lastName: 'Late' }] });
    expect(later.data.ingestIdentities.outcomes[0].action).toBe('CREATED');
  });

  it('50 concurrent ingests sharing one email make exactly one person, with every record linked', async () => {
    const calls = Array.from({ length: 50 }, (_, index) =>
      app.gql(INGEST, { records: [{ provider: ['shopify', 'stripe', 'klaviyo', 'posthog', 'qbo'][index % 5], externalId: `race-${index}`, email: 'Race.Winner@Fastmail.com', firstName: 'Rae', lastName: 'Winner' }] }),
    );
    const results = await Promise.all(calls);
    for (const result of results) expect(result.errors).toBeUndefined();
    const personIds = new Set(results.map((result) => result.data.ingestIdentities.outcomes[0].personId));
    const actions = results.map((result) => result.data.ingestIdentities.outcomes[0].action);
    const [{ persons }] = await app.db.query(`SELECT count(DISTINCT person_id) AS persons FROM source_record WHERE external_id LIKE 'race-%'`);
    const [{ records }] = await app.db.query(`SELECT count(*) AS records FROM source_record WHERE external_id LIKE 'race-%'`);
    expect(Number(records)).toBe(50);
    const [{ holders }] = await app.db.query(`SELECT count(*) AS holders FROM identity WHERE kind = 'EMAIL' AND value = 'race.winner@fastmail.com'`);
    expect(Number(holders)).toBe(1);
    expect(actions.filter((action) => action === 'CREATED')).toHaveLength(1);
    expect(Number(persons)).toBe(1);
    expect(personIds.size).toBe(1);
  });

  it('wide batches (one whole-graph lock) racing narrow ones (bucket locks) still make one person per email, without deadlocks', async () => {
    const people = 900; // 1,800 keys: about 1,450 of the 4,096 buckets, past the whole-graph threshold
    const wide = (provider: string) =>
      Array.from({ length: people }, (_, index) => ({ provider, externalId: `wide-${provider}-${index}`, email: `wide.${index}@fastmail.com`, firstName: 'Wyn', lastName: `Wide${index}` }));
    const narrow = Array.from({ length: 30 }, (_, index) => [{ provider: 'klaviyo', externalId: `narrow-${index}`, email: `WIDE.${index * 30}@fastmail.com`, firstName: 'Wyn', lastName: `Wide${index * 30}` }]);
    await Promise.all([
      app.services.identityIngest.ingest(app.db, wide('shopify')),
      ...narrow.map((records) => app.services.identityIngest.ingest(app.db, records)),
      app.services.identityIngest.ingest(app.db, wide('stripe')),
    ]);
    const [{ records, persons }] = await app.db.query(
      `SELECT count(*) AS records, count(DISTINCT person_id) AS persons FROM source_record WHERE external_id LIKE 'wide-%' OR external_id LIKE 'narrow-%'`,
    );
    expect(Number(records)).toBe(2 * people + narrow.length);
    expect(Number(persons)).toBe(people);
  });

  it('strict mode (SPINE_AUTO_MERGE=false) never merges: two matched persons are AMBIGUOUS', async () => {
    const strict = await createTestApp({}, { SPINE_AUTO_MERGE: 'false' });
    try {
      await strict.gql(INGEST, {
        records: [
          { provider: 'shopify', externalId: 's1', email: 'pat.lee@fastmail.com', firstName: 'Pat', lastName: 'Lee' },
          { provider: 'stripe', externalId: 'c1', phone: '+1 212 555 0199', firstName: 'Pat', lastName: 'Lee' },
        ],
      });
      const tie = await strict.gql(INGEST, { records: [{ provider: 'app', externalId: 'u1', email: 'pat.lee@fastmail.com', phone: '(212) 555-0199', firstName: 'Pat', lastName: 'Lee' }] });
      expect(tie.data.ingestIdentities.outcomes[0].action).toBe('AMBIGUOUS');
      expect(tie.data.ingestIdentities.merges).toBe(0);

      const relaxed = await app.gql(INGEST, {
        records: [
          { provider: 'shopify', externalId: 's1', email: 'pat.lee@fastmail.com', firstName: 'Pat', lastName: 'Lee' },
          { provider: 'stripe', externalId: 'c1', phone: '+1 212 555 0199', firstName: 'Pat', lastName: 'Lee' },
        ],
      });
      expect(relaxed.errors).toBeUndefined();
      const merged = await app.gql(INGEST, { records: [{ provider: 'app', externalId: 'u1', email: 'pat.lee@fastmail.com', phone: '(212) 555-0199', firstName: 'Pat', lastName: 'Lee' }] });
      expect(merged.data.ingestIdentities.merges).toBe(1);
      expect(merged.data.ingestIdentities.outcomes[0].action).not.toBe('AMBIGUOUS');
    } finally {
      await strict.close();
    }
  });
});

describe('merges racing with ingests', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('lose nothing: every identifier ends on a live person and every record is linked', async () => {
    const seed = await app.gql(INGEST, {
      records: Array.from({ length: 20 }, (_, index) => ({ provider: 'shopify', externalId: `base-${index}`, email: `racer${index}@fastmail.com`, firstName: 'Racer', lastName: `N${index}` })),
    });
    const ids: string[] = seed.data.ingestIdentities.outcomes.map((outcome: { personId: string }) => outcome.personId);
    const work: Promise<unknown>[] = [];
    for (let index = 1; index < 20; index += 1) {
      // Merge every person into the first while new records for their emails keep arriving.
      work.push(app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "race") { id } }`, { s: ids[index], t: ids[0] }));
      work.push(app.gql(INGEST, { records: [{ provider: 'stripe', externalId: `late-${index}`, email: `RACER${index}@fastmail.com`, phone: `+1 212 555 ${String(1000 + index)}`, firstName: 'Racer', lastName: `N${index}` }] }));
    }
    const results = (await Promise.all(work)) as { errors?: unknown[] }[];
    for (const result of results) expect(result.errors).toBeUndefined();
    const orphans = await app.db.query(`SELECT count(*) AS count FROM identity i JOIN person p ON p.id = i.person_id WHERE p.merged_into_id IS NOT NULL`);
    expect(Number(orphans[0].count)).toBe(0);
    const records = await app.db.query(`SELECT count(*) FILTER (WHERE r.status = 'LINKED' AND p.merged_into_id IS NULL) AS linked, count(*) AS total FROM source_record r LEFT JOIN person p ON p.id = r.person_id`);
    expect(records[0]).toEqual({ linked: '39', total: '39' });
    const phones = await app.db.query(`SELECT count(*) AS count FROM identity WHERE kind = 'PHONE'`);
    expect(Number(phones[0].count)).toBe(19);
    const live = await app.gql(`query ($id: ID!) { person(id: $id) { id identities(kind: EMAIL) { value } } }`, { id: ids[7] });
    expect(live.data.person.id).toBe(ids[0]);
    expect(live.data.person.identities).toHaveLength(20);
  });
});
