// `spine import` writes the rows it knows to be new with COPY (and decides primaries in Node), and
// resolves a large batch in independent groups, writing one while it resolves the next, where
// ingestIdentities resolves each batch whole and uses INSERT statements: both must store exactly
// the same graph.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifierKey, type NormalizedRecord, type SourceRecordInput } from '@spine/identity-core';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { PostgresIdentityStore } from './postgres-identity-store.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const datasets = process.env.SPINE_DATASETS_DIR ?? path.resolve(repoRoot, '../shared/datasets');
const records: SourceRecordInput[] = fs
  .readFileSync(path.join(datasets, 'identity/small/records.ndjson'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));

// Bulk batches here are far smaller than the import's grouping threshold: groups are asked for.
const options = (bulk: boolean) => (bulk ? { bulk, groupShares: [0.2, 0.3, 0.5] } : { bulk });

/** Slices of 100, as spine import hands a batch over while normalizing it. */
async function* slicesOf(batch: NormalizedRecord[]): AsyncGenerator<NormalizedRecord[]> {
  for (let start = 0; start < batch.length; start += 100) {
    await new Promise((resolve) => setImmediate(resolve));
    yield batch.slice(start, start + 100);
  }
}

async function ingestAll(app: TestApp, bulk: boolean): Promise<void> {
  const service = app.services.identityIngest;
  // Batches of 500 give cross-batch links and merges, records seen again, claims updated. In bulk,
  // every other batch is handed over in slices and looked up ahead (ingestNormalizing).
  for (let start = 0; start < records.length; start += 500) {
    const batch = service.normalize(records.slice(start, start + 500), start);
    if (bulk && (start / 500) % 2 === 1) await service.ingestNormalizing(app.db, slicesOf(batch), 'test', options(bulk));
    else await service.ingestNormalized(app.db, batch, 'test', options(bulk));
  }
  // The same records again, some changed (a known record updated, a new phone on an old person).
  const changed = records.slice(0, 400).map((record, index) => (index % 4 === 0 ? { ...record, phone: `+1415555${String(1000 + index).padStart(4, '0')}`, observedAt: '2025-06-01T00:00:00Z' } : record));
  await service.ingestNormalized(app.db, service.normalize(changed), 'test', options(bulk));
  // A merge in the same batch as new identities of the same kinds: the person merged away brings
  // its primary phone and e-mail, so the survivor's new ones must not become primary too.
  const tara = { firstName: 'Tara', lastName: 'Quinn' };
  // Distinct times: the older person survives a merge (a tie would leave it to the random ids).
  let day = 0;
  const at = () => ({ observedAt: `2025-07-${String((day += 1)).padStart(2, '0')}T00:00:00Z` });
  const prepared = [
    { provider: 'shopify', externalId: 'tq-1', email: 'tara.quinn@fastmail.com', ...tara, ...at() },
    { provider: 'stripe', externalId: 'tq-2', phone: '+14155550177', email: 'tq@quinn.example.org', ...tara, ...at() },
  ];
  await service.ingestNormalized(app.db, service.normalize(prepared), 'test', options(bulk));
  const tying = [
    { provider: 'app', externalId: 'tq-3', email: 'tara.quinn@fastmail.com', phone: '+14155550177', ...tara, ...at() },
    { provider: 'klaviyo', externalId: 'tq-4', email: 'tara.quinn@fastmail.com', phone: '+14155550178', ...tara, ...at() },
    { provider: 'posthog', externalId: 'tq-5', phone: '+14155550177', email: 'tara.q@quinn.example.org', ...tara, ...at() },
  ];
  await service.ingestNormalized(app.db, service.normalize(tying), 'test', options(bulk));
  // Two records that share no value, tied only through a stored person: the first merges that
  // person into another, the second must then land on the survivor (one group, in batch order).
  const xena = { firstName: 'Xena', lastName: 'Lund' };
  await service.ingestNormalized(
    app.db,
    service.normalize([
      { provider: 'shopify', externalId: 'xl-1', email: 'xena.lund@fastmail.com', ...xena, ...at() },
      { provider: 'stripe', externalId: 'xl-2', phone: '+14155550188', email: 'xl@lund.example.org', ...xena, ...at() },
    ]),
    'test',
    options(bulk),
  );
  await service.ingestNormalized(
    app.db,
    service.normalize([
      { provider: 'app', externalId: 'xl-3', email: 'xena.lund@fastmail.com', phone: '+14155550188', ...xena, ...at() },
      { provider: 'klaviyo', externalId: 'xl-4', email: 'xl@lund.example.org', ...xena, ...at() },
    ]),
    'test',
    options(bulk),
  );
}

/** The stored graph with person and candidate ids replaced by the record keys they hold. */
async function graph(app: TestApp) {
  const query = <T>(sql: string) => app.db.query(sql) as Promise<T[]>;
  const persons = await query<{ id: string; merged_into_id: string | null; email: string | null; phone: string | null; first_name: string | null; last_name: string | null; first_seen_at: Date; last_seen_at: Date }>(
    'SELECT id, merged_into_id, email, phone, first_name, last_name, first_seen_at, last_seen_at FROM person',
  );
  const sourceRecords = await query<{ provider: string; external_id: string; person_id: string | null; status: string; matched_by: string | null; fingerprint: string; payload: unknown; candidate_id: string | null; observed_at: Date }>(
    'SELECT provider, external_id, person_id, status, matched_by, fingerprint, payload, candidate_id, observed_at FROM source_record',
  );
  const liveOf = new Map(persons.map((person) => [person.id, person.merged_into_id]));
  const live = (id: string): string => {
    let current = id;
    while (liveOf.get(current)) current = liveOf.get(current)!;
    return current;
  };
  const nameOf = new Map<string, string>();
  for (const record of sourceRecords) {
    if (!record.person_id) continue;
    const key = `${record.provider}/${record.external_id}`;
    const owner = live(record.person_id);
    if (!nameOf.has(owner) || key < nameOf.get(owner)!) nameOf.set(owner, key);
  }
  const canon = (id: string | null) => (id === null ? null : `${nameOf.get(live(id)) ?? 'no records'}${live(id) === id ? '' : ' (merged away)'}`);
  const candidates = await query<{ id: string; person_ids: string[]; record_keys: string[]; status: string; score: number }>('SELECT id, person_ids, record_keys, status, score FROM merge_candidate');
  const candidateName = new Map(candidates.map((candidate) => [candidate.id, [...candidate.record_keys].sort().join(' ')]));
  const identities = await query<Record<string, unknown> & { person_id: string }>(
    `SELECT person_id, kind, provider, scope, value, raw_value, is_primary, first_seen_at, last_seen_at,
            origin_record_provider, origin_record_external_id, origin_rule, origin_linked_at IS NOT NULL AS linked
     FROM identity`,
  );
  const claims = await query<{ kind: string; scope: string; value: string; claims: { members?: { personId: string }[] } }>('SELECT kind, scope, value, claims FROM identifier_claim');
  const sorted = <T>(items: T[]) => items.map((item) => JSON.stringify(item)).sort();
  return {
    persons: sorted(
      persons.filter((person) => person.merged_into_id === null).map(({ id, merged_into_id, ...person }) => ({ person: canon(id), ...person })),
    ),
    mergedAway: persons.filter((person) => person.merged_into_id !== null).length,
    records: sorted(sourceRecords.map(({ person_id, candidate_id, ...record }) => ({ ...record, person: canon(person_id), candidate: candidate_id && candidateName.get(candidate_id) }))),
    identities: sorted(identities.map(({ person_id, ...identity }) => ({ ...identity, person: canon(person_id) }))),
    claims: sorted(claims.map((claim) => ({ ...claim, claims: { ...claim.claims, members: claim.claims.members?.map((member) => ({ ...member, personId: canon(member.personId) })) } }))),
    candidates: sorted(candidates.map(({ id, person_ids, ...candidate }) => ({ ...candidate, persons: person_ids.map(canon).sort() }))),
  };
}

describe('spine import bulk writes', () => {
  let statements: TestApp;
  let bulk: TestApp;
  beforeAll(async () => {
    [statements, bulk] = await Promise.all([createTestApp(), createTestApp()]);
  });
  afterAll(async () => {
    await statements?.close();
    await bulk?.close();
  });

  it('store the same persons, records, identities (primaries, provenance), claims and review items as INSERT statements of whole batches', async () => {
    await ingestAll(statements, false);
    await ingestAll(bulk, true);
    const expected = await graph(statements);
    const actual = await graph(bulk);
    // The dataset exercises what the comparison is for.
    expect(expected.mergedAway).toBeGreaterThan(0);
    expect(expected.candidates.length).toBeGreaterThan(0);
    expect(expected.identities.filter((identity) => identity.includes('"is_primary":true')).length).toBeGreaterThan(1000);
    expect(actual.persons).toEqual(expected.persons);
    expect(actual.mergedAway).toBe(expected.mergedAway);
    expect(actual.records).toEqual(expected.records);
    expect(actual.identities).toEqual(expected.identities);
    expect(actual.claims).toEqual(expected.claims);
    expect(actual.candidates).toEqual(expected.candidates);
  });

  it('look ahead for the records handed over only: keys of records left out after the look-ahead are not in the snapshot', async () => {
    // After the test above: the records are stored.
    const service = bulk.services.identityIngest;
    const batch = service.normalize(records.slice(0, 3));
    await bulk.db.transaction(async (tx) => {
      const store = new PostgresIdentityStore(tx, bulk.services.merges, 'test', { bulk: true });
      await store.lockWholeGraph();
      store.prefetch(batch.slice(0, 2));
      store.prefetch(batch.slice(2));
      // As when the third record is refused (its identifier belongs to an erased person).
      const snapshot = await store.loadSnapshot(batch.slice(0, 2));
      expect(snapshot.records.size).toBe(2);
      expect([...snapshot.records.keys()].sort()).toEqual(batch.slice(0, 2).map((record) => `${record.provider}|${record.externalId}`).sort());
      const leftOut = new Set(batch[2].identifiers.map(identifierKey));
      for (const key of batch.slice(0, 2).flatMap((record) => record.identifiers.map(identifierKey))) leftOut.delete(key);
      for (const key of leftOut) expect(snapshot.byKey.has(key)).toBe(false);
    });
  });
});
