import { describe, expect, it } from 'vitest';
import { customerLifetimeValue, expectedPurchases, periodLength } from '../src/index.js';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CUSTOMER = { x: 2, tx: 30.43, T: 38.86 };

describe('customerLifetimeValue', () => {
  it('sums discounted per-period purchases × spend, as lifetimes does', () => {
    const L = 365.25 / 12 / 7;
    let expected = 0;
    for (let i = 1; i <= 12; i++) {
      const inPeriod = expectedPurchases(BG, i * L, CUSTOMER) - expectedPurchases(BG, (i - 1) * L, CUSTOMER);
      expected += (35 * inPeriod) / 1.01 ** i;
    }
    const value = customerLifetimeValue(BG, CUSTOMER, 35, { horizon: 12, period: 'month', discountRate: 0.01, timeUnit: 'week' });
    expect(value).toBeCloseTo(expected, 10);
  });

  it('without discounting is spend × expected purchases over the horizon', () => {
    const value = customerLifetimeValue(BG, CUSTOMER, 35, { horizon: 52, period: 'week', discountRate: 0, timeUnit: 'week' });
    expect(value).toBeCloseTo(35 * expectedPurchases(BG, 52, CUSTOMER), 10);
  });

  it('is the same in days and weeks once the model is rescaled', () => {
    const inDays = { ...BG, alpha: BG.alpha * 7 };
    const daysCustomer = { x: 2, tx: 30.43 * 7, T: 38.86 * 7 };
    const weeks = customerLifetimeValue(BG, CUSTOMER, 35, { horizon: 6, period: 'month', discountRate: 0.02, timeUnit: 'week' });
    const days = customerLifetimeValue(inDays, daysCustomer, 35, { horizon: 6, period: 'month', discountRate: 0.02, timeUnit: 'day' });
    expect(days).toBeCloseTo(weeks, 9);
  });

  it('is 0 over no periods and rejects invalid options', () => {
    expect(customerLifetimeValue(BG, CUSTOMER, 35, { horizon: 0, period: 'month', discountRate: 0.01, timeUnit: 'week' })).toBe(0);
    expect(() => customerLifetimeValue(BG, CUSTOMER, 35, { horizon: 1.5, period: 'month', discountRate: 0.01, timeUnit: 'week' })).toThrow(RangeError);
    expect(() => customerLifetimeValue(BG, CUSTOMER, 35, { horizon: 3, period: 'month', discountRate: -1, timeUnit: 'week' })).toThrow(RangeError);
    expect(periodLength('week', 'day')).toBe(7);
  });
});
