import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { startLifetimeValueRecompute } from '../../jobs/lifetime-value-recompute.job.js';
import { LifetimeValueService } from './lifetime-value.service.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const CDNOW_PATH = process.env.SPINE_CDNOW_PATH ?? path.resolve(repoRoot, '../shared/datasets/cdnow/CDNOW_sample.txt');

// Fader, Hardie & Lee (2005): CDNOW 1/10 sample, calibration through 1997-09-30, weeks.
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, p: 6.25, q: 3.74, gamma: 15.44 };

const FIT = `mutation Fit($calibrationEnd: DateTime, $timeUnit: String) {
  fitLifetimeValueModel(calibrationEnd: $calibrationEnd, timeUnit: $timeUnit) {
    id r alpha a b p q gamma logLikelihood gammaGammaLogLikelihood customers repeatCustomers calibrationEnd timeUnit converged fittedAt
  }
}`;

const RECOMPUTE = `mutation { recomputeLifetimeValues { persons customers removed skippedEvents durationMs model { id customers timeUnit converged } } }`;

const PERSON_VALUE = `query ($id: ID!) { person(id: $id) {
  id
  lifetimeValue { currentValue predictedValue totalPurchases averagePurchaseValue churnProbability computedAt }
  engagement { overall recency frequency monetary computedAt }
  purchases { date amount orders }
  expectedPurchases(weeks: 26)
} }`;

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const daysAgo = (days: number, hour = 12) => new Date(today - days * DAY + hour * 3_600_000);

describe('lifetime value and engagement', () => {
  let app: TestApp;
  let personOf: (customerId: string) => Promise<string>;

  beforeAll(async () => {
    app = await createTestApp();
    personOf = async (customerId) => {
      const [row] = (await app.db.query(`SELECT person_id FROM identity WHERE kind = 'EXTERNAL_ID' AND value = $1`, [customerId])) as { person_id: string }[];
      return row.person_id;
    };
  });
  afterAll(() => app?.close());

  it('loads the CDNOW sample as purchase events, idempotently', async () => {
    const first = await app.services.purchaseImport.loadCdnow(app.db, CDNOW_PATH);
    expect(first).toMatchObject({ purchases: 6919, personsCreated: 2357, eventsCreated: 6919, duplicates: 0, rejectedLines: [] });
    const again = await app.services.purchaseImport.loadCdnow(app.db, CDNOW_PATH);
    expect(again).toMatchObject({ purchases: 6919, personsCreated: 0, eventsCreated: 0, duplicates: 6919 });
  });

  it('reproduces the published CDNOW parameters within 1% through GraphQL', async () => {
    const result = await app.gql(FIT, { calibrationEnd: '1997-09-30T00:00:00Z', timeUnit: 'week' });
    expect(result.errors).toBeUndefined();
    const model = result.data.fitLifetimeValueModel;
    for (const [name, value] of Object.entries(PUBLISHED)) {
      expect(Math.abs(model[name] / value - 1), `${name} = ${model[name]}, published ${value}`).toBeLessThan(0.01);
    }
    // 2,357 customers, of whom 8 only ever bought for $0.00: a day netting to ≤ 0 is no purchase day.
    expect(model).toMatchObject({ customers: 2349, repeatCustomers: 946, timeUnit: 'week', calibrationEnd: '1997-09-30T00:00:00.000Z', converged: true });
    expect(model.logLikelihood).toBeCloseTo(-9578.2, 0);
    const latest = await app.gql(`{ lifetimeValueModel { id r customers } }`);
    expect(latest.data.lifetimeValueModel).toEqual({ id: model.id, r: model.r, customers: 2349 });
  });

  it('rejects a bad time unit or a future calibration end with exactly one BAD_USER_INPUT error', async () => {
    for (const variables of [{ timeUnit: 'fortnight' }, { calibrationEnd: '2999-01-01T00:00:00Z' }, { calibrationEnd: '1990-01-01T00:00:00Z' }]) {
      const result = await app.gql(FIT, variables);
      expect(result.status).toBe(200);
      expect(result.errors, JSON.stringify(variables)).toHaveLength(1);
      expect(result.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  describe('after a recompute', () => {
    const ids: Record<string, string> = {};
    let recompute: any;

    beforeAll(async () => {
      const order = (customerId: string, line: number, at: Date, properties: Record<string, unknown>) => ({ customerId, messageId: `edge-${customerId}-${line}`, occurredAt: at, properties });
      await app.services.purchaseImport.importPurchases(
        app.db,
        [
          order('one', 1, daysAgo(30), { revenue: 25 }),
          order('refund', 1, daysAgo(120), { revenue: 50 }),
          order('refund', 2, daysAgo(60), { revenue: 30 }),
          order('refund', 3, daysAgo(40), { revenue: -30 }),
          order('refund-only', 1, daysAgo(10), { revenue: -20 }),
          order('same-day', 1, daysAgo(5, 9), { revenue: 10 }),
          order('same-day', 2, daysAgo(5, 13), { total: '20.50' }),
          order('same-day', 3, daysAgo(5, 18), { revenue: 'n/a', value: 30 }),
          order('unusable', 1, daysAgo(3), { revenue: 'NaN', total: 'Infinity', value: '1e999' }),
          order('unusable', 2, daysAgo(2), { revenue: 1e300 }),
        ],
        { provider: 'edge', eventName: 'Order Completed' },
      );
      for (const customer of ['one', 'refund', 'refund-only', 'same-day', 'unusable']) ids[customer] = await personOf(customer);
      // Someone who never bought, with a stale value row that the recompute must remove.
      const [{ id }] = (await app.db.query(`INSERT INTO person (first_name) VALUES ('Browser') RETURNING id`)) as { id: string }[];
      ids.none = id;
      await app.db.query(`INSERT INTO event (message_id, person_id, type, name, source, occurred_at) VALUES ('edge-none-1', $1, 'track', 'Product Viewed', 'web', now())`, [id]);
      await app.db.query(`INSERT INTO lifetime_value (person_id, current_value, total_purchases, average_purchase_value) VALUES ($1, 99, 9, 11)`, [id]);

      const result = await app.gql(RECOMPUTE);
      expect(result.errors).toBeUndefined();
      recompute = result.data.recomputeLifetimeValues;
    });

    it('reports what it wrote', () => {
      // 2,357 CDNOW customers + one, refund, refund-only and same-day ("unusable" has no usable amount);
      // refund-only and the 8 CDNOW customers who only bought for $0.00 have no purchase day.
      expect(recompute).toMatchObject({ persons: 2361, customers: 2352, removed: 1, skippedEvents: 2 });
      expect(recompute.model).toMatchObject({ customers: 2352, timeUnit: 'week', converged: true });
    });

    it('writes no NaN, and values within their ranges, for everyone', async () => {
      const [bad] = (await app.db.query(`
        SELECT count(*)::int AS n FROM lifetime_value
        WHERE current_value = 'NaN' OR predicted_value = 'NaN' OR average_purchase_value = 'NaN' OR churn_probability = 'NaN'
           OR expected_purchases = 'NaN' OR predicted_value < 0 OR expected_purchases < 0`)) as { n: number }[];
      expect(bad.n).toBe(0);
      const [counts] = (await app.db.query(`SELECT (SELECT count(*) FROM lifetime_value)::int AS values, (SELECT count(*) FROM engagement_score)::int AS scores`)) as { values: number; scores: number }[];
      expect(counts).toEqual({ values: 2361, scores: 2361 });
    });

    it('serves a person with a single purchase', async () => {
      const { data, errors } = await app.gql(PERSON_VALUE, { id: ids.one });
      expect(errors).toBeUndefined();
      const person = data.person;
      expect(person.lifetimeValue).toMatchObject({ currentValue: 25, totalPurchases: 1, averagePurchaseValue: 25 });
      expect(person.lifetimeValue.predictedValue).toBeGreaterThan(0);
      // BG/NBD: nobody drops out before a repeat purchase.
      expect(person.lifetimeValue.churnProbability).toBe(0);
      expect(person.purchases).toEqual([{ date: new Date(today - 30 * DAY).toISOString(), amount: 25, orders: 1 }]);
      expect(person.expectedPurchases).toBeGreaterThan(0);
      expect(person.engagement.overall).toBeGreaterThan(0);
    });

    it('nets refunds into the current value without counting them as purchases', async () => {
      const { data, errors } = await app.gql(PERSON_VALUE, { id: ids.refund });
      expect(errors).toBeUndefined();
      const person = data.person;
      expect(person.lifetimeValue).toMatchObject({ currentValue: 50, totalPurchases: 2, averagePurchaseValue: 40 });
      expect(person.lifetimeValue.churnProbability).toBeGreaterThanOrEqual(0);
      expect(person.lifetimeValue.churnProbability).toBeLessThanOrEqual(1);
      expect(Number.isFinite(person.lifetimeValue.predictedValue)).toBe(true);
      expect(person.purchases.map((purchase: { amount: number }) => purchase.amount)).toEqual([50, 30, -30]);

      const refundOnly = (await app.gql(PERSON_VALUE, { id: ids['refund-only'] })).data.person;
      expect(refundOnly.lifetimeValue).toMatchObject({ currentValue: -20, predictedValue: 0, totalPurchases: 0, averagePurchaseValue: 0, churnProbability: null });
      expect(refundOnly.engagement).toMatchObject({ overall: 0, recency: 0, frequency: 0, monetary: 0 });
      expect(refundOnly.expectedPurchases).toBe(0);
    });

    it('counts same-day orders as one purchase day worth their sum, reading string and fallback amounts', async () => {
      const { data, errors } = await app.gql(PERSON_VALUE, { id: ids['same-day'] });
      expect(errors).toBeUndefined();
      const person = data.person;
      expect(person.purchases).toEqual([{ date: new Date(today - 5 * DAY).toISOString(), amount: 60.5, orders: 3 }]);
      expect(person.lifetimeValue).toMatchObject({ currentValue: 60.5, totalPurchases: 3 });
      expect(person.lifetimeValue.averagePurchaseValue).toBeCloseTo(60.5 / 3, 10);
    });

    it('skips purchase events without a usable amount', async () => {
      const person = (await app.gql(PERSON_VALUE, { id: ids.unusable })).data.person;
      expect(person.purchases).toEqual([]);
      expect(person.lifetimeValue).toBeNull();
    });

    it('gives a person without purchases no value rows, an empty history and a zero forecast', async () => {
      const { data, errors } = await app.gql(PERSON_VALUE, { id: ids.none });
      expect(errors).toBeUndefined();
      expect(data.person).toMatchObject({ lifetimeValue: null, engagement: null, purchases: [], expectedPurchases: 0 });
    });

    it('serves CDNOW customers their value (long gone by now) and history', async () => {
      const { data } = await app.gql(PERSON_VALUE, { id: await personOf('00004') });
      expect(data.person.purchases).toHaveLength(4);
      expect(data.person.lifetimeValue.totalPurchases).toBe(4);
      expect(data.person.lifetimeValue.currentValue).toBeCloseTo(100.5, 9);
      expect(data.person.lifetimeValue.churnProbability).toBeGreaterThan(0.99);
      expect(data.person.engagement.frequency).toBeGreaterThan(75);
    });

    it('loads value fields for many persons in the same number of statements as for a few', async () => {
      const query = `query ($first: Int) { persons(first: $first) { edges { node { id lifetimeValue { currentValue } engagement { overall } purchases { amount } expectedPurchases } } } }`;
      const few = await app.gql(query, { first: 3 });
      const many = await app.gql(query, { first: 100 });
      expect(few.errors).toBeUndefined();
      expect(many.errors).toBeUndefined();
      expect(many.data.persons.edges).toHaveLength(100);
      expect(many.statements).toBe(few.statements);
    });

    it('gives merged and unmerged persons their lifetime value at once, with the latest model', async () => {
      const value = async (id: string) => (await app.gql(PERSON_VALUE, { id })).data.person.lifetimeValue;
      const before = { one: await value(ids.one), sameDay: await value(ids['same-day']) };
      expect(before.one).toMatchObject({ currentValue: 25, totalPurchases: 1 });
      const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "same customer") { id } }`, { s: ids.one, t: ids['same-day'] });
      expect(merged.errors).toBeUndefined();
      // Both customers' purchases on one person, and the header's value says so (not the target's old value).
      const after = await value(ids['same-day']);
      expect(after.currentValue).toBeCloseTo(before.one.currentValue + before.sameDay.currentValue, 6);
      expect(after.totalPurchases).toBe(before.one.totalPurchases + before.sameDay.totalPurchases);
      expect(after.predictedValue).toBeGreaterThan(0);

      const undone = await app.gql(`mutation ($m: ID!) { unmerge(mergeId: $m) { id } }`, { m: merged.data.mergePersons.id });
      expect(undone.errors).toBeUndefined();
      expect(await value(ids.one)).toMatchObject({ currentValue: 25, totalPurchases: 1 });
      expect(await value(ids['same-day'])).toMatchObject({ currentValue: before.sameDay.currentValue, totalPurchases: before.sameDay.totalPurchases });
    });

    it('takes purchases that reached the source after the merge back off the holder on unmerge', async () => {
      const value = async (id: string) => (await app.gql(PERSON_VALUE, { id })).data.person.lifetimeValue;
      const buy = (customerId: string, line: number, at: Date, revenue: number) =>
        app.services.purchaseImport.importPurchases(app.db, [{ customerId, messageId: `late-${customerId}-${line}`, occurredAt: at, properties: { revenue } }], { provider: 'edge', eventName: 'Order Completed' });
      await buy('late-target', 1, daysAgo(20), 40);
      // A customer known by id only, who had bought nothing when the two were merged.
      await app.services.identityIngest.ingest(app.db, [{ provider: 'edge', externalId: 'late-buyer', observedAt: daysAgo(15) }]);
      const target = await personOf('late-target');
      const source = await personOf('late-buyer');
      expect((await app.gql(RECOMPUTE)).errors).toBeUndefined();
      const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "same customer") { id } }`, { s: source, t: target });
      expect(merged.errors).toBeUndefined();
      // The buyer's first order arrives after the merge: it lands on the target, and the scheduled recompute counts it there.
      await buy('late-buyer', 1, daysAgo(2), 15);
      expect((await app.gql(RECOMPUTE)).errors).toBeUndefined();
      expect(await value(target)).toMatchObject({ currentValue: 55, totalPurchases: 2 });

      const undone = await app.gql(`mutation ($m: ID!) { unmerge(mergeId: $m) { id } }`, { m: merged.data.mergePersons.id });
      expect(undone.errors).toBeUndefined();
      expect(await value(target)).toMatchObject({ currentValue: 40, totalPurchases: 1 });
      expect(await value(source)).toMatchObject({ currentValue: 15, totalPurchases: 1 });
    });

    it("keeps per-person values on the recompute's model after a diagnostic fit: merge, unmerge and expectedPurchases", async () => {
      const person = async (id: string) => (await app.gql(PERSON_VALUE, { id })).data.person;
      expect((await app.gql(RECOMPUTE)).errors).toBeUndefined();
      const before = await person(ids.one);
      // A fit on another calibration end keeps its model (and lifetimeValueModel serves it) but must not score anyone.
      const fit = await app.gql(FIT, { calibrationEnd: '1997-09-30T00:00:00Z', timeUnit: 'week' });
      expect(fit.errors).toBeUndefined();
      expect((await app.gql(`{ lifetimeValueModel { id } }`)).data.lifetimeValueModel.id).toBe(fit.data.fitLifetimeValueModel.id);
      expect((await person(ids.one)).expectedPurchases).toBe(before.expectedPurchases);

      const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "same customer") { id } }`, { s: ids.one, t: ids['same-day'] });
      expect(merged.errors).toBeUndefined();
      expect((await app.gql(`mutation ($m: ID!) { unmerge(mergeId: $m) { id } }`, { m: merged.data.mergePersons.id })).errors).toBeUndefined();
      const after = await person(ids.one);
      // Rescored at unmerge with the recompute's parameters: the same figures as the recompute wrote.
      expect(after.lifetimeValue.computedAt).not.toBe(before.lifetimeValue.computedAt);
      expect(after.lifetimeValue.predictedValue).toBeCloseTo(before.lifetimeValue.predictedValue, 9);
      expect(after.lifetimeValue.churnProbability).toBe(before.lifetimeValue.churnProbability);
      expect(after.expectedPurchases).toBe(before.expectedPurchases);
    });

    it('does not hide a fit that did not converge: a warning with the figures, and converged false on the model', async () => {
      const warnings: string[] = [];
      const log = vi.spyOn(app.db.logger, 'log').mockImplementation((level, message) => {
        if (level === 'warn') warnings.push(String(message));
      });
      try {
        // 40 evaluations cannot fit anything: the values are written from the optimizer's best point.
        const starved = new LifetimeValueService({ ...app.services.lifetimeValue.settings, optimizer: { maxEvaluations: 40 } });
        const outcome = await starved.recompute(app.db);
        expect(outcome.model?.converged).toBe(false);
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain(`ltv_model ${outcome.model!.id}`);
        expect(warnings[0]).toContain(`BG/NBD did not converge (r ${outcome.model!.r.toPrecision(6)}, alpha ${outcome.model!.alpha.toPrecision(6)}`);
        expect(warnings[0]).toContain(`log-likelihood ${outcome.model!.logLikelihood.toFixed(3)}`);
        expect((await app.gql(`{ lifetimeValueModel { id converged } }`)).data.lifetimeValueModel).toEqual({ id: outcome.model!.id, converged: false });

        warnings.length = 0;
        const converged = await app.gql(RECOMPUTE);
        expect(converged.data.recomputeLifetimeValues.model.converged).toBe(true);
        expect(warnings).toEqual([]);
      } finally {
        log.mockRestore();
      }
    });

    it('rejects an out-of-range forecast horizon', async () => {
      const result = await app.gql(`query ($id: ID!) { person(id: $id) { expectedPurchases(weeks: -1) } }`, { id: ids.one });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('runs the scheduled recompute once per interval across processes, and stops cleanly', async () => {
    const job = startLifetimeValueRecompute({ db: app.db, logger: app.logger, service: app.services.lifetimeValue, intervalMinutes: 60, firstCheckAfterMs: 60_000 })!;
    // The recompute above was moments ago: not due.
    expect(await job.checkNow()).toBe(false);
    await app.db.query(`UPDATE ltv_model SET fitted_at = fitted_at - interval '2 hours'`);
    expect(await job.checkNow()).toBe(true);
    expect(await job.checkNow()).toBe(false);
    await job.stop();
    expect(startLifetimeValueRecompute({ db: app.db, logger: app.logger, service: app.services.lifetimeValue, intervalMinutes: 0 })).toBeUndefined();
  });
});
