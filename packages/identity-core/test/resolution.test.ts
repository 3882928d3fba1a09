import { describe, expect, it } from 'vitest';
import {
  InMemoryIdentityStore,
  ingestRecords,
  normalizeRecord,
  resolveBatch,
  type IngestOptions,
  type SourceRecordInput,
} from '../src/index.js';

let sequence = 0;
const ids = () => `p${String((sequence += 1)).padStart(5, '0')}`;
const options = (extra: IngestOptions = {}): IngestOptions => ({ newId: ids, now: new Date('2024-01-01T00:00:00Z'), ...extra });

const rec = (provider: string, externalId: string, fields: Partial<SourceRecordInput> = {}): SourceRecordInput => ({
  provider,
  externalId,
  observedAt: '2024-01-01T00:00:00.000Z',
  ...fields,
});

async function ingest(store: InMemoryIdentityStore, inputs: SourceRecordInput[], extra: IngestOptions = {}) {
  return ingestRecords(store, inputs, options(extra));
}

describe('resolution', () => {
  it('creates, then links by e-mail and fills in the missing phone', async () => {
    const store = new InMemoryIdentityStore();
    const first = await ingest(store, [rec('app', 'u1', { email: 'Mary.Smith@outlook.com', firstName: 'Mary', lastName: 'Smith' })]);
    expect(first.outcomes[0].action).toBe('CREATED');
    const second = await ingest(store, [rec('shopify', 's1', { email: ' mary.smith@OUTLOOK.com ', phone: '(312) 871-9049', firstName: 'MARY', lastName: 'SMITH' })]);
    expect(second.outcomes[0]).toMatchObject({ action: 'LINKED', matchedBy: 'EMAIL', personId: first.outcomes[0].personId });
    expect(store.persons.get(first.outcomes[0].personId!)?.phone).toBe('+13128719049');
  });

  it('merges persons that one record ties together through strong identifiers', async () => {
    const store = new InMemoryIdentityStore();
    const { outcomes } = await ingest(store, [
      rec('app', 'u1', { email: 'mary@outlook.com', firstName: 'Mary', lastName: 'Smith' }),
      rec('stripe', 'c1', { phone: '312-871-9049', firstName: 'Mary', lastName: 'Smith' }),
    ]);
    const [a, b] = outcomes.map((outcome) => outcome.personId!);
    expect(a).not.toBe(b);
    const normalized = [normalizeRecord(rec('shopify', 's1', { email: 'mary@outlook.com', phone: '+1 312 871 9049', firstName: 'Mary', lastName: 'Smith' }))];
    const plan = resolveBatch(normalized, store.loadSnapshotSync(normalized), { newId: ids });
    expect(plan.merges).toHaveLength(1);
    expect([plan.merges[0].sourceId, plan.merges[0].targetId].sort()).toEqual([a, b].sort());
    expect(plan.merges[0].evidence.some((item) => item.supports && item.field === 'email')).toBe(true);
    expect(plan.outcomes[0]).toMatchObject({ action: 'LINKED', personId: plan.merges[0].targetId });
    expect(plan.newPersons).toEqual([]);
    store.applyPlanSync(plan);
    expect(store.persons.size).toBe(1);
    expect(new Set(store.assignments().values()).size).toBe(1);
  });

  it('folds persons born in the same batch instead of listing merges', async () => {
    const store = new InMemoryIdentityStore();
    const batch = [
      rec('app', 'u1', { email: 'mary@outlook.com', firstName: 'Mary', lastName: 'Smith' }),
      rec('stripe', 'c1', { phone: '312-871-9049', firstName: 'Mary', lastName: 'Smith' }),
      rec('shopify', 's1', { email: 'mary@outlook.com', phone: '3128719049', firstName: 'Mary' }),
    ].map((input, index) => normalizeRecord(input, {}, index));
    const plan = resolveBatch(batch, store.loadSnapshotSync(batch), { newId: ids });
    expect(plan.merges).toEqual([]);
    expect(plan.newPersons).toHaveLength(1);
    const personId = plan.newPersons[0].id;
    expect(new Set(plan.newIdentities.map((identity) => identity.personId))).toEqual(new Set([personId]));
    expect(new Set(plan.outcomes.map((outcome) => outcome.personId))).toEqual(new Set([personId]));
    expect(plan.newIdentities.filter((identity) => identity.isPrimary).map((identity) => identity.identifier.kind).sort()).toEqual(['EMAIL', 'PHONE']);
    expect(plan.metrics.merges).toBe(1);
    store.applyPlanSync(plan);
  });

  it('keeps a shared family mailbox apart: a different first name is AMBIGUOUS with a candidate', async () => {
    const store = new InMemoryIdentityStore();
    const first = await ingest(store, [rec('shopify', 's1', { email: 'lee.family9@yahoo.com', firstName: 'Brandon', lastName: 'Lee' })]);
    const { outcomes } = await ingest(store, [
      rec('qbo', 'q1', { email: 'Lee.Family9@Yahoo.Com', firstName: 'Jeffrey', lastName: 'Lee' }),
      rec('stripe', 'c1', { email: 'lee.family9@yahoo.com', firstName: 'Jeff', lastName: 'Lee' }),
    ]);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ action: 'AMBIGUOUS', personId: null, matchedBy: 'EMAIL' });
    expect(store.candidates.size).toBe(1);
    const [candidate] = store.candidates.values();
    expect(candidate.personIds).toEqual([first.outcomes[0].personId]);
    expect(candidate.recordKeys).toEqual(['qbo|q1', 'stripe|c1']);
    expect(candidate.evidence.some((item) => !item.supports && item.field === 'firstName')).toBe(true);
    expect(candidate.evidence.some((item) => item.supports && item.field === 'email')).toBe(true);
  });

  it('refuses a second app user id on one person', async () => {
    const store = new InMemoryIdentityStore();
    await ingest(store, [rec('app', 'u1', { email: 'mary@outlook.com', firstName: 'Mary', lastName: 'Smith' })]);
    const { outcomes } = await ingest(store, [rec('app', 'u2', { email: 'mary@outlook.com', firstName: 'Mary', lastName: 'Smith' })]);
    expect(outcomes[0].action).toBe('AMBIGUOUS');
  });

  it('in strict mode two matched persons are always AMBIGUOUS', async () => {
    const inputs = [
      rec('app', 'u1', { email: 'mary@outlook.com', firstName: 'Mary', lastName: 'Smith' }),
      rec('stripe', 'c1', { phone: '312-871-9049', firstName: 'Mary', lastName: 'Smith' }),
      rec('shopify', 's1', { email: 'mary@outlook.com', phone: '3128719049', firstName: 'Mary', lastName: 'Smith' }),
    ];
    const strict = await ingest(new InMemoryIdentityStore(), inputs, { autoMerge: false });
    expect(strict.outcomes.map((outcome) => outcome.action)).toEqual(['CREATED', 'CREATED', 'AMBIGUOUS']);
    expect(strict.metrics.merges).toBe(0);
    const automatic = await ingest(new InMemoryIdentityStore(), inputs);
    expect(automatic.outcomes.map((outcome) => outcome.action)).toEqual(['CREATED', 'CREATED', 'LINKED']);
  });

  it('never merges a pair a reviewer rejected', async () => {
    const store = new InMemoryIdentityStore();
    const { outcomes } = await ingest(store, [
      rec('app', 'u1', { email: 'mary@outlook.com', firstName: 'Mary', lastName: 'Smith' }),
      rec('stripe', 'c1', { phone: '312-871-9049', firstName: 'Mary', lastName: 'Smith' }),
    ]);
    store.rejectPair(outcomes[0].personId!, outcomes[1].personId!);
    const again = await ingest(store, [rec('shopify', 's1', { email: 'mary@outlook.com', phone: '3128719049', firstName: 'Mary' })]);
    expect(again.outcomes[0].action).toBe('AMBIGUOUS');
    expect(store.persons.size).toBe(2);
  });

  it('links through the address only when the first names agree', async () => {
    const store = new InMemoryIdentityStore();
    const address = { line1: '1533 Chestnut Lane', line2: 'Apt 4', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' };
    const first = await ingest(store, [rec('shopify', 's1', { email: 'jon@outlook.com', firstName: 'Jonathan', lastName: 'Reyes', address })]);
    const { outcomes } = await ingest(store, [
      rec('amazon', 'o1', { firstName: 'Jon', lastName: 'Reyes', address: { ...address, line1: '1533 chestnut ln.', line2: '#4' } }),
      rec('amazon', 'o2', { firstName: 'Ashley', lastName: 'Reyes', address }),
      rec('amazon', 'o3', { lastName: 'Reyes', address }),
    ]);
    expect(outcomes[0]).toMatchObject({ action: 'LINKED', matchedBy: 'ADDRESS_HASH', personId: first.outcomes[0].personId });
    // Another household member: a person of her own.
    expect(outcomes[1].action).toBe('CREATED');
    expect(outcomes[1].personId).not.toBe(first.outcomes[0].personId);
    // No first name: a weak tie.
    expect(outcomes[2].action).toBe('AMBIGUOUS');
    // The hash belongs to Jonathan; Ashley is remembered as a member of the household and found again.
    const later = await ingest(store, [rec('shipstation', 'x1', { firstName: 'ASHLEY', lastName: 'Reyes', address })]);
    expect(later.outcomes[0]).toMatchObject({ action: 'LINKED', matchedBy: 'ADDRESS_HASH', personId: outcomes[1].personId });
  });

  it('rejects bad records with their reason and plans nothing else for them', async () => {
    const batch = [normalizeRecord(rec('', 'x', { email: 'mary@outlook.com' }), {}, 0), normalizeRecord(rec('app', 'u\u0000', {}), {}, 1)];
    const plan = resolveBatch(batch, new InMemoryIdentityStore().loadSnapshotSync(batch), { newId: ids });
    expect(plan.outcomes.map((outcome) => [outcome.action, outcome.error])).toEqual([
      ['REJECTED', 'provider is blank'],
      ['REJECTED', 'externalId contains control characters'],
    ]);
    expect(plan.newPersons).toEqual([]);
    expect(plan.newIdentities).toEqual([]);
    expect(plan.records).toEqual([]);
    expect(plan.metrics.errors).toBe(2);
  });

  it('reports UNCHANGED on re-import and UPDATED when content changed', async () => {
    const store = new InMemoryIdentityStore();
    const inputs = [
      rec('app', 'u1', { email: 'mary@outlook.com', firstName: 'Mary', lastName: 'Smith' }),
      rec('shopify', 's1', { email: 'mary@outlook.com', firstName: 'Mary', lastName: 'Smith' }),
    ];
    await ingest(store, inputs);
    const again = await ingest(store, inputs);
    expect(again.outcomes.map((outcome) => outcome.action)).toEqual(['UNCHANGED', 'UNCHANGED']);
    expect(again.metrics.unchanged).toBe(2);
    const changed = await ingest(store, [{ ...inputs[1], phone: '312-871-9049' }]);
    expect(changed.outcomes[0].action).toBe('UPDATED');
    expect([...store.persons.values()][0].phone).toBe('+13128719049');
  });

  it('never matches blocked values and never stores them', async () => {
    const store = new InMemoryIdentityStore();
    store.block('PHONE||+13128719049');
    const { outcomes } = await ingest(store, [
      rec('app', 'u1', { phone: '312-871-9049', firstName: 'Mary', lastName: 'Smith' }),
      rec('app', 'u2', { phone: '312-871-9049', firstName: 'Mary', lastName: 'Smith' }),
    ]);
    expect(outcomes.map((outcome) => outcome.action)).toEqual(['CREATED', 'CREATED']);
    expect(store.byKey.has('PHONE||+13128719049')).toBe(false);
    expect(outcomes[0].issues[0]).toContain('is blocked');
  });

  it('quarantines a value claimed by several people and stops matching through it', async () => {
    const store = new InMemoryIdentityStore();
    const names = ['Mary', 'Susan', 'Robert', 'Linda'];
    const { outcomes, metrics } = await ingest(
      store,
      names.map((firstName, index) => rec('shopify', `s${index}`, { email: 'orders@acme-shop.io', firstName, lastName: 'Jones' })),
    );
    expect(metrics.quarantined).toBe(1);
    expect(store.flags.get('EMAIL||orders@acme-shop.io')).toBe('QUARANTINED');
    expect(outcomes.map((outcome) => outcome.action)).toEqual(['CREATED', 'AMBIGUOUS', 'CREATED', 'CREATED']);
    const later = await ingest(store, [rec('klaviyo', 'k1', { email: 'orders@acme-shop.io' })]);
    expect(later.outcomes[0].action).toBe('CREATED');
  });

  it('makes zero merges out of 1,000 junk records', async () => {
    const junkEmails = ['test@test.com', 'no@email.com', 'none@none.com', 'noemail@example.com', 'na@na.com', 'customer@store.com', 'info@example.com', 'orders@acme-shop.io', 'x@y.co'];
    const junkPhones = ['0000000000', '1234567890', '1111111111', '5555555555', '9999999999', '555-555-5555', null];
    const firstNames = ['Mary', 'James', 'null', 'N/A', 'Unknown', 'anonymous', 'Robert', 'Linda', 'Susan', 'Michael', null];
    const inputs = Array.from({ length: 1000 }, (_, index) =>
      rec(['app', 'shopify', 'stripe', 'klaviyo'][index % 4], `junk-${index}`, {
        email: junkEmails[index % junkEmails.length],
        phone: junkPhones[index % junkPhones.length],
        firstName: firstNames[(index * 7) % firstNames.length],
        lastName: ['Smith', 'Jones', 'n/a', null][(index * 3) % 4],
      }),
    );
    const store = new InMemoryIdentityStore();
    const { metrics } = await ingest(store, inputs, { batchSize: 250 });
    expect(metrics.merges).toBe(0);
    expect(metrics.errors).toBe(0);
  });
});
