import { describe, expect, it } from 'vitest';
import { fitLtvModels, scoreCustomers, summarizeTransactions, type Transaction } from '../src/index.js';
import { CDNOW_CALIBRATION_END, loadCdnowTransactions } from './cdnow-dataset.js';
import { demoLikeSummaries } from './demo-like-purchases.js';

const OPTIONS = { horizon: 12, period: 'month' as const, discountRate: 0.01 };

describe('fitLtvModels + scoreCustomers', () => {
  it('scores every CDNOW customer with finite values', () => {
    const summaries = summarizeTransactions(loadCdnowTransactions(), { calibrationEnd: CDNOW_CALIBRATION_END, timeUnit: 'week' });
    const models = fitLtvModels(summaries, { timeUnit: 'week' });
    const scores = scoreCustomers(summaries, models, OPTIONS);
    expect(scores).toHaveLength(2357);
    for (const s of scores) {
      for (const v of [s.probabilityAlive, s.expectedPurchases, s.expectedAverageSpend, s.predictedValue, s.currentValue, s.rfm.overall]) {
        expect(Number.isFinite(v)).toBe(true);
      }
      expect(s.probabilityAlive).toBeGreaterThanOrEqual(0);
      expect(s.probabilityAlive).toBeLessThanOrEqual(1);
      expect(s.predictedValue).toBeGreaterThanOrEqual(0);
    }
    const total = scores.reduce((sum, s) => sum + s.predictedValue, 0);
    expect(total).toBeGreaterThan(0);
  });

  it("fits the demo seed's kind of purchases to convergence and scores them", () => {
    // Both fits used to run out of their 20,000 evaluations here (the recompute's model said converged: false).
    const summaries = demoLikeSummaries(1800, 1);
    const models = fitLtvModels(summaries, { timeUnit: 'week' });
    expect(models.bgNbd.converged).toBe(true);
    expect(models.gammaGamma?.converged).toBe(true);
    expect(models.bgNbd.evaluations + models.gammaGamma!.evaluations).toBeLessThan(10_000);
    const scores = scoreCustomers(summaries, models, OPTIONS);
    for (const s of scores) {
      expect([s.probabilityAlive, s.expectedPurchases, s.expectedAverageSpend, s.predictedValue].every(Number.isFinite), s.customerId).toBe(true);
      expect(s.predictedValue).toBeGreaterThan(0);
    }
    // Order values are uniform on 20–200 for everyone: every customer's expected spend is close to the mean of 110.
    for (const s of scores) expect(Math.abs(s.expectedAverageSpend / 110 - 1)).toBeLessThan(0.05);
  });

  it('handles one purchase, refunds, same-day purchases and no purchases without NaN or throw', () => {
    const at = (iso: string) => new Date(`${iso}T10:00:00Z`);
    const transactions: Transaction[] = [
      { customerId: 'one', at: at('2024-01-05'), amount: 20 },
      { customerId: 'refund-only', at: at('2024-02-01'), amount: -15 },
      { customerId: 'same-day', at: at('2024-01-02'), amount: 10 },
      { customerId: 'same-day', at: at('2024-01-02'), amount: 15 },
      { customerId: 'refunded', at: at('2024-01-03'), amount: 40 },
      { customerId: 'refunded', at: at('2024-02-03'), amount: 25 },
      { customerId: 'refunded', at: at('2024-02-03'), amount: -25 },
      { customerId: 'repeat', at: at('2024-01-01'), amount: 30 },
      { customerId: 'repeat', at: at('2024-02-01'), amount: 35 },
      { customerId: 'repeat', at: at('2024-03-01'), amount: 20 },
      { customerId: 'repeat2', at: at('2024-01-10'), amount: 50 },
      { customerId: 'repeat2', at: at('2024-03-20'), amount: 45 },
      { customerId: 'after', at: at('2024-05-01'), amount: 45 },
    ];
    const summaries = summarizeTransactions(transactions, { calibrationEnd: new Date('2024-03-31T00:00:00Z'), timeUnit: 'day' });
    const models = fitLtvModels(summaries, { timeUnit: 'day' });
    const scores = scoreCustomers(summaries, models, OPTIONS);
    for (const s of scores) {
      const values = [s.probabilityAlive, s.expectedPurchases, s.expectedAverageSpend, s.predictedValue, s.currentValue,
        s.rfm.recency, s.rfm.frequency, s.rfm.monetary, s.rfm.overall];
      expect(values.every(Number.isFinite), s.customerId).toBe(true);
    }
    const byId = Object.fromEntries(scores.map((s) => [s.customerId, s]));
    expect(byId['refund-only']).toMatchObject({ probabilityAlive: 0, predictedValue: 0, currentValue: -15 });
    expect(byId['after']).toMatchObject({ probabilityAlive: 0, predictedValue: 0, currentValue: 0 });
    expect(byId['one'].predictedValue).toBeGreaterThan(0);
  });

  it('falls back to the mean purchase value when nobody has repeat purchases', () => {
    const summaries = summarizeTransactions(
      [{ customerId: 'a', at: new Date('2024-01-01T00:00:00Z'), amount: 10 }, { customerId: 'b', at: new Date('2024-02-01T00:00:00Z'), amount: 30 }],
      { calibrationEnd: new Date('2024-03-01T00:00:00Z'), timeUnit: 'week' },
    );
    const models = fitLtvModels(summaries, { timeUnit: 'week' });
    expect(models.gammaGamma).toBeNull();
    expect(models.fallbackSpend).toBe(20);
    const scores = scoreCustomers(summaries, models, OPTIONS);
    expect(scores.every((s) => Number.isFinite(s.predictedValue) && s.expectedAverageSpend === 20)).toBe(true);
  });

  it('refuses to fit a base without any purchase', () => {
    expect(() => fitLtvModels([], { timeUnit: 'week' })).toThrow(RangeError);
  });
});
