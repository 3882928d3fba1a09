/**
 * Turns raw purchase events into the per-customer recency/frequency/monetary summary that the
 * BG/NBD and Gamma-Gamma models take, following Fader, Hardie & Lee's CDNOW conventions.
 */

export type TimeUnit = 'day' | 'week';

export interface Transaction {
  customerId: string;
  at: Date;
  /** Money value; negative for a refund. */
  amount: number;
}

export interface SummarizeOptions {
  /** Last instant of the calibration period; its whole UTC day is included. */
  calibrationEnd: Date;
  timeUnit: TimeUnit;
}

export interface CustomerSummary {
  customerId: string;
  /** Repeat purchases: purchase days after the first one. */
  x: number;
  /** Time from the first to the last purchase day, in timeUnit. */
  tx: number;
  /** Time from the first purchase day to the end of calibration, in timeUnit. */
  T: number;
  /**
   * Whole UTC days from the last purchase day to the end of calibration (0 without a purchase day).
   * T − tx in days, but exact: in weeks, T − tx is a difference of two divisions by 7 and can
   * differ in the last bit between customers with the same number of days.
   */
  daysSinceLastPurchase: number;
  /** Mean value of the repeat purchase days (first purchase excluded); 0 when x = 0. */
  monetary: number;
  /** Start (UTC midnight) of the first purchase day; null when the customer has no purchase day. */
  firstPurchaseAt: Date | null;
  /** Net value of every transaction up to the end of calibration, refunds included. */
  totalValue: number;
  /** Number of purchase days (x + 1, or 0 without any purchase). */
  purchaseDays: number;
}

const MS_PER_DAY = 86_400_000;

/**
 * Days are UTC calendar days. Per customer and day the amounts are netted, so several orders on
 * one day are one purchase worth their sum, and a refund on the same day reduces it. A day whose
 * net value is ≤ 0 (a refund, or an order refunded the same day) is not a purchase day; a refund on
 * a later day therefore lowers totalValue but does not change x, tx or monetary, since it cannot be
 * tied to one earlier purchase. Days after calibrationEnd are ignored. A customer whose
 * transactions give no purchase day is returned with x = tx = T = 0, monetary 0, firstPurchaseAt
 * null and purchaseDays 0, so callers can tell "no purchase" from "one purchase".
 *
 * Customers are returned in order of their first transaction in the input.
 * Throws a RangeError for an invalid date or a non-finite amount: that is a caller's bug, and a
 * silently skipped row would misstate a customer's value.
 */
export function summarizeTransactions(
  transactions: readonly Transaction[],
  options: SummarizeOptions,
): CustomerSummary[] {
  const endDay = utcDay(options.calibrationEnd);
  if (!Number.isFinite(endDay)) throw new RangeError('summarizeTransactions: invalid calibrationEnd');
  const divisor = options.timeUnit === 'week' ? 7 : 1;

  const byCustomer = new Map<string, Map<number, number>>();
  for (const { customerId, at, amount } of transactions) {
    const day = utcDay(at);
    if (!Number.isFinite(day)) throw new RangeError(`summarizeTransactions: invalid date for customer ${customerId}`);
    if (!Number.isFinite(amount)) throw new RangeError(`summarizeTransactions: non-finite amount for customer ${customerId}`);
    let days = byCustomer.get(customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(customerId, days);
    }
    if (day > endDay) continue;
    days.set(day, (days.get(day) ?? 0) + amount);
  }

  const summaries: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    let totalValue = 0;
    const purchases: [number, number][] = [];
    for (const [day, value] of days) {
      totalValue += value;
      if (value > 0) purchases.push([day, value]);
    }
    if (purchases.length === 0) {
      summaries.push({ customerId, x: 0, tx: 0, T: 0, daysSinceLastPurchase: 0, monetary: 0, firstPurchaseAt: null, totalValue, purchaseDays: 0 });
      continue;
    }
    purchases.sort((p, q) => p[0] - q[0]);
    const firstDay = purchases[0][0];
    const lastDay = purchases[purchases.length - 1][0];
    let repeatValue = 0;
    for (let i = 1; i < purchases.length; i++) repeatValue += purchases[i][1];
    const x = purchases.length - 1;
    summaries.push({
      customerId,
      x,
      tx: (lastDay - firstDay) / divisor,
      T: (endDay - firstDay) / divisor,
      daysSinceLastPurchase: endDay - lastDay,
      monetary: x > 0 ? repeatValue / x : 0,
      firstPurchaseAt: new Date(firstDay * MS_PER_DAY),
      totalValue,
      purchaseDays: purchases.length,
    });
  }
  return summaries;
}

function utcDay(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}
