import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentRanks, rfmEngagement, summarizeTransactions, type CustomerSummary, type Transaction } from '../src/index.js';

// Time in days here, so days since the last purchase are T − tx unless given.
const summary = (customerId: string, over: Partial<CustomerSummary>): CustomerSummary => ({
  customerId, x: 0, tx: 0, T: 10, monetary: 0, firstPurchaseAt: new Date(0), totalValue: 10, purchaseDays: 1,
  daysSinceLastPurchase: (over.T ?? 10) - (over.tx ?? 0), ...over,
});

const DAY = 86_400_000;

describe('rfmEngagement', () => {
  it('ranks recency, frequency and monetary among purchasers; ties share; no purchase scores 0', () => {
    const scores = rfmEngagement([
      summary('recent-big', { x: 3, tx: 10, T: 10, totalValue: 300, purchaseDays: 4 }),
      summary('lapsed-small', { x: 0, tx: 0, T: 10, totalValue: 5, purchaseDays: 1 }),
      summary('middle', { x: 1, tx: 5, T: 10, totalValue: 50, purchaseDays: 2 }),
      summary('tied-middle', { x: 1, tx: 5, T: 10, totalValue: 50, purchaseDays: 2 }),
      summary('none', { T: 0, totalValue: 0, purchaseDays: 0, firstPurchaseAt: null }),
    ]);
    expect(scores.map((s) => s.customerId)).toEqual(['recent-big', 'lapsed-small', 'middle', 'tied-middle', 'none']);
    expect(scores[0]).toMatchObject({ recency: 100, frequency: 100, monetary: 100, overall: 100 });
    expect(scores[1]).toMatchObject({ recency: 25, frequency: 25, monetary: 25 });
    expect(scores[2]).toMatchObject({ recency: 75, frequency: 75, monetary: 75 });
    expect(scores[3]).toEqual({ ...scores[2], customerId: 'tied-middle' });
    expect(scores[4]).toEqual({ customerId: 'none', recency: 0, frequency: 0, monetary: 0, overall: 0 });
  });

  it('weights the overall score (0.4 recency, 0.3 frequency, 0.3 monetary by default)', () => {
    const [, s] = rfmEngagement([
      summary('a', { x: 1, tx: 1, T: 10, totalValue: 1, purchaseDays: 2 }),
      summary('b', { x: 0, tx: 0, T: 1, totalValue: 100, purchaseDays: 1 }),
    ]);
    expect(s).toMatchObject({ recency: 100, frequency: 50, monetary: 100 });
    expect(s.overall).toBeCloseTo(0.4 * 100 + 0.3 * 50 + 0.3 * 100, 10);
    const [, custom] = rfmEngagement([
      summary('a', { x: 1, tx: 1, T: 10, totalValue: 1, purchaseDays: 2 }),
      summary('b', { x: 0, tx: 0, T: 1, totalValue: 100, purchaseDays: 1 }),
    ], { recency: 0, frequency: 2, monetary: 0 });
    expect(custom.overall).toBe(50);
  });

  it('gives customers with the same number of days since their last purchase the same recency score, in weeks too', () => {
    // Each customer: days from the first to the last purchase day, and from the last to the end.
    const customers = fc.array(fc.record({ span: fc.integer({ min: 0, max: 400 }), since: fc.integer({ min: 0, max: 60 }) }), { minLength: 2, maxLength: 80 });
    fc.assert(fc.property(customers, fc.constantFrom('day' as const, 'week' as const), (shapes, timeUnit) => {
      const end = Date.UTC(2024, 11, 31);
      const transactions: Transaction[] = shapes.flatMap(({ span, since }, i) => {
        const last = end - since * DAY;
        return [{ customerId: `c${i}`, at: new Date(last - span * DAY), amount: 10 }, { customerId: `c${i}`, at: new Date(last), amount: 10 }];
      });
      const scores = rfmEngagement(summarizeTransactions(transactions, { calibrationEnd: new Date(end), timeUnit }));
      const byDays = new Map<number, number>();
      return shapes.every(({ since }, i) => {
        const seen = byDays.get(since);
        byDays.set(since, scores[i].recency);
        return seen === undefined || seen === scores[i].recency;
      });
    }));
  });

  it('scores stay in (0, 100] for purchasers, whatever the data', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 60 }), (values) =>
      percentRanks(values).every((score) => score > 0 && score <= 100)));
  });
});
