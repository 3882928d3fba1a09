import { describe, expect, it } from 'vitest';
import { monthlyTotals } from '../src/components/monthlyTotals';

describe('monthlyTotals', () => {
  it('sums per UTC month and keeps the empty months through the given date', () => {
    const months = monthlyTotals(
      [
        { date: '2025-01-31T23:30:00Z', amount: 10, orders: 1 },
        { date: '2025-01-02T00:00:00Z', amount: 5.5, orders: 2 },
        { date: '2025-03-15T12:00:00Z', amount: -4, orders: 0 },
      ],
      new Date('2025-04-01T00:00:00Z'),
    );
    expect(months.map((month) => [month.start.toISOString().slice(0, 7), month.amount, month.orders])).toEqual([
      ['2025-01', 15.5, 3],
      ['2025-02', 0, 0],
      ['2025-03', -4, 0],
      ['2025-04', 0, 0],
    ]);
  });

  it('runs to the last purchase when it is after the given date, and is empty without purchases', () => {
    expect(monthlyTotals([{ date: '2026-12-01T00:00:00Z', amount: 1, orders: 1 }], new Date('2026-11-20T00:00:00Z')).length).toBe(1);
    expect(monthlyTotals([], new Date('2026-11-20T00:00:00Z'))).toEqual([]);
  });
});
