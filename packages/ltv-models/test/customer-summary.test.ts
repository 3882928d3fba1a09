import { describe, expect, it } from 'vitest';
import { summarizeTransactions, type Transaction } from '../src/index.js';
import { CDNOW_CALIBRATION_END, loadCdnowTransactions } from './cdnow-dataset.js';

const day = (iso: string, hour = 12): Date => new Date(`${iso}T${String(hour).padStart(2, '0')}:00:00Z`);
const END = new Date('2024-03-31T23:59:59Z');

describe('summarizeTransactions on CDNOW', () => {
  const summaries = summarizeTransactions(loadCdnowTransactions(), { calibrationEnd: CDNOW_CALIBRATION_END, timeUnit: 'week' });

  it('gives the 2,357 customers and 946 repeat buyers of the paper', () => {
    expect(summaries).toHaveLength(2357);
    expect(summaries.filter((s) => s.x > 0)).toHaveLength(946);
    expect(summaries.reduce((sum, s) => sum + s.x, 0)).toBe(2457);
  });

  it("matches the published summary for customer 00004 (x=2, t_x=30.43, T=38.86)", () => {
    const s = summaries.find((c) => c.customerId === '00004')!;
    expect(s.x).toBe(2);
    expect(s.tx).toBeCloseTo(30.43, 2);
    expect(s.T).toBeCloseTo(38.86, 2);
    expect(s.monetary).toBeCloseTo((29.73 + 14.96) / 2, 10); // the December purchase is after calibration
    expect(s.totalValue).toBeCloseTo(29.33 + 29.73 + 14.96, 10);
    expect(s.purchaseDays).toBe(3);
    expect(s.firstPurchaseAt?.toISOString()).toBe('1997-01-01T00:00:00.000Z');
  });
});

describe('summarizeTransactions rules', () => {
  const summarize = (transactions: Transaction[], timeUnit: 'day' | 'week' = 'day') =>
    summarizeTransactions(transactions, { calibrationEnd: END, timeUnit });

  it('counts one purchase: x = tx = 0, monetary 0', () => {
    const [s] = summarize([{ customerId: 'c', at: day('2024-03-01'), amount: 20 }]);
    expect(s).toMatchObject({ x: 0, tx: 0, T: 30, daysSinceLastPurchase: 30, monetary: 0, totalValue: 20, purchaseDays: 1 });
  });

  it('merges same-day purchases into one with the summed value', () => {
    const [s] = summarize([
      { customerId: 'c', at: day('2024-03-01', 1), amount: 10 },
      { customerId: 'c', at: day('2024-03-10', 9), amount: 5 },
      { customerId: 'c', at: day('2024-03-10', 22), amount: 7 },
    ]);
    expect(s).toMatchObject({ x: 1, tx: 9, T: 30, monetary: 12, totalValue: 22, purchaseDays: 2 });
  });

  it('measures weeks as days / 7 and ignores days after calibration', () => {
    const [s] = summarize(
      [
        { customerId: 'c', at: day('2024-03-03'), amount: 10 },
        { customerId: 'c', at: day('2024-03-17'), amount: 10 },
        { customerId: 'c', at: day('2024-04-01'), amount: 99 },
      ],
      'week',
    );
    expect(s).toMatchObject({ x: 1, tx: 2, T: 4, daysSinceLastPurchase: 14, totalValue: 20 });
  });

  it('nets refunds per day: a day with net ≤ 0 is not a purchase; later refunds lower only totalValue', () => {
    const [refundedSameDay, refundedLater, onlyRefund] = summarize([
      { customerId: 'a', at: day('2024-03-01'), amount: 30 },
      { customerId: 'a', at: day('2024-03-05'), amount: 40 },
      { customerId: 'a', at: day('2024-03-05'), amount: -40 },
      { customerId: 'b', at: day('2024-03-01'), amount: 30 },
      { customerId: 'b', at: day('2024-03-05'), amount: 40 },
      { customerId: 'b', at: day('2024-03-09'), amount: -25 },
      { customerId: 'c', at: day('2024-03-09'), amount: -25 },
    ]);
    expect(refundedSameDay).toMatchObject({ x: 0, tx: 0, T: 30, monetary: 0, totalValue: 30, purchaseDays: 1 });
    expect(refundedLater).toMatchObject({ x: 1, tx: 4, monetary: 40, totalValue: 45, purchaseDays: 2 });
    expect(onlyRefund).toMatchObject({ x: 0, tx: 0, T: 0, daysSinceLastPurchase: 0, monetary: 0, totalValue: -25, purchaseDays: 0, firstPurchaseAt: null });
  });

  it('keeps customers whose purchases all fall after calibration, with zeros', () => {
    const [s] = summarize([{ customerId: 'late', at: day('2024-04-02'), amount: 10 }]);
    expect(s).toMatchObject({ x: 0, tx: 0, T: 0, totalValue: 0, purchaseDays: 0, firstPurchaseAt: null });
  });

  it('returns nothing for no transactions, and throws on invalid rows', () => {
    expect(summarize([])).toEqual([]);
    expect(() => summarize([{ customerId: 'c', at: new Date('nope'), amount: 1 }])).toThrow(RangeError);
    expect(() => summarize([{ customerId: 'c', at: day('2024-03-01'), amount: Number.NaN }])).toThrow(RangeError);
  });
});
