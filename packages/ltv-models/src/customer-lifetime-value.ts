/**
 * Discounted customer lifetime value from a BG/NBD purchase forecast and an expected spend per
 * purchase, as in the lifetimes library's customer_lifetime_value: the horizon is cut into periods,
 * and each period's expected purchases times the spend is discounted by (1 + d)^period.
 */
import { expectedPurchases, type BgNbdParameters, type RecencyFrequency } from './bg-nbd.js';
import type { TimeUnit } from './customer-summary.js';

export type ValuePeriod = 'week' | 'month';

export interface LifetimeValueOptions {
  /** Number of periods to forecast (a whole number ≥ 0). */
  horizon: number;
  period: ValuePeriod;
  /** Discount rate per period, e.g. 0.01 for 1% a month. */
  discountRate: number;
  /** The time unit the BG/NBD model was fitted in. */
  timeUnit: TimeUnit;
}

/** Average days in a month (365.25 / 12); lifetimes uses 30 days or 4.345 weeks instead. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** Length of one value period in the model's time unit. */
export function periodLength(period: ValuePeriod, timeUnit: TimeUnit): number {
  const days = period === 'week' ? 7 : DAYS_PER_MONTH;
  return timeUnit === 'week' ? days / 7 : days;
}

/**
 * Σ_{i=1..horizon} spend · (E[Y(i·L)] − E[Y((i−1)·L)]) / (1 + d)^i, with E[Y(t)] the BG/NBD
 * conditional expected purchases and L the period length in model time units.
 */
export function customerLifetimeValue(
  parameters: BgNbdParameters,
  customer: RecencyFrequency,
  expectedSpend: number,
  options: LifetimeValueOptions,
): number {
  const { horizon, discountRate } = options;
  if (!(Number.isInteger(horizon) && horizon >= 0)) throw new RangeError(`horizon must be a whole number ≥ 0, got ${horizon}`);
  if (!(Number.isFinite(discountRate) && discountRate > -1)) throw new RangeError(`discountRate must be > -1, got ${discountRate}`);
  if (!Number.isFinite(expectedSpend)) throw new RangeError('expectedSpend must be finite');
  const length = periodLength(options.period, options.timeUnit);
  let value = 0;
  let previous = 0;
  for (let i = 1; i <= horizon; i++) {
    const cumulative = expectedPurchases(parameters, i * length, customer);
    value += (expectedSpend * (cumulative - previous)) / (1 + discountRate) ** i;
    previous = cumulative;
  }
  return value;
}
