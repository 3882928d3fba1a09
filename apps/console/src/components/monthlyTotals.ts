/** One calendar month (UTC) of purchases. */
export interface MonthTotal {
  /** First instant of the month, UTC. */
  start: Date;
  /** Net amount of the month (refunds are negative). */
  amount: number;
  orders: number;
}

export interface DatedAmount {
  /** ISO instant. */
  date: string;
  amount: number;
  orders: number;
}

/**
 * Sums dated amounts per UTC month, with every month from the first one through `until` (or the
 * last entry, whichever is later) present, so gaps show as empty months rather than vanishing.
 */
export function monthlyTotals(entries: readonly DatedAmount[], until: Date = new Date()): MonthTotal[] {
  const sums = new Map<number, { amount: number; orders: number }>();
  let first = Number.POSITIVE_INFINITY;
  let last = monthIndex(until);
  for (const entry of entries) {
    const date = new Date(entry.date);
    if (Number.isNaN(date.getTime())) continue;
    const index = monthIndex(date);
    const sum = sums.get(index) ?? { amount: 0, orders: 0 };
    sum.amount += entry.amount;
    sum.orders += entry.orders;
    sums.set(index, sum);
    first = Math.min(first, index);
    last = Math.max(last, index);
  }
  if (!Number.isFinite(first)) return [];

  const months: MonthTotal[] = [];
  for (let index = first; index <= last; index++) {
    const sum = sums.get(index);
    months.push({
      start: new Date(Date.UTC(Math.floor(index / 12), index % 12, 1)),
      amount: sum?.amount ?? 0,
      orders: sum?.orders ?? 0,
    });
  }
  return months;
}

function monthIndex(date: Date): number {
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}
