/**
 * RFM engagement scores: where a customer stands among all purchasers on recency, frequency and
 * monetary value, each on 0..100, and a weighted overall score.
 */
import type { CustomerSummary } from './customer-summary.js';

export interface RfmWeights {
  recency: number;
  frequency: number;
  monetary: number;
}

export interface RfmScore {
  customerId: string;
  recency: number;
  frequency: number;
  monetary: number;
  overall: number;
}

/**
 * Recency weighs most: time since the last purchase is the strongest single predictor of a next
 * purchase in RFM practice (and in the BG/NBD's P(alive)); frequency and monetary share the rest.
 */
export const DEFAULT_RFM_WEIGHTS: RfmWeights = { recency: 0.4, frequency: 0.3, monetary: 0.3 };

/**
 * Scores every summary, in input order. Among customers with at least one purchase day:
 * - recency: whole days since the last purchase day (daysSinceLastPurchase), fewer is better;
 * - frequency: number of purchase days;
 * - monetary: totalValue (net of refunds).
 * A score is the percentage of purchasers whose value is the same or worse (a weak percent rank),
 * so ties share a score, the best gets 100 and every purchaser gets more than 0. Customers with no
 * purchase day score 0 on everything and do not count in the population.
 * overall = weighted mean of the three with `weights` (normalized to sum to 1).
 */
export function rfmEngagement(
  summaries: readonly CustomerSummary[],
  weights: RfmWeights = DEFAULT_RFM_WEIGHTS,
): RfmScore[] {
  const weightSum = weights.recency + weights.frequency + weights.monetary;
  if (![weights.recency, weights.frequency, weights.monetary].every((w) => Number.isFinite(w) && w >= 0) || !(weightSum > 0)) {
    throw new RangeError('RFM weights must be finite, ≥ 0 and not all 0');
  }
  const purchasers = summaries.filter((s) => s.purchaseDays > 0);
  // Higher is better for all three once recency is negated. Whole days rather than T − tx, which
  // in weeks splits customers with the same number of days by a rounding bit: ties must tie.
  const recency = percentRanks(purchasers.map((s) => -s.daysSinceLastPurchase));
  const frequency = percentRanks(purchasers.map((s) => s.purchaseDays));
  const monetary = percentRanks(purchasers.map((s) => s.totalValue));
  const indexOf = new Map<CustomerSummary, number>();
  purchasers.forEach((s, i) => indexOf.set(s, i));
  return summaries.map((s) => {
    const i = indexOf.get(s);
    if (i === undefined) return { customerId: s.customerId, recency: 0, frequency: 0, monetary: 0, overall: 0 };
    const overall = (weights.recency * recency[i] + weights.frequency * frequency[i] + weights.monetary * monetary[i]) / weightSum;
    return { customerId: s.customerId, recency: recency[i], frequency: frequency[i], monetary: monetary[i], overall };
  });
}

/** 100 · #{j : v_j ≤ v_i} / n for each i; O(n log n). */
export function percentRanks(values: readonly number[]): number[] {
  const n = values.length;
  const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Array<number>(n);
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && values[order[end + 1]] === values[order[start]]) end++;
    const score = (100 * (end + 1)) / n;
    for (let k = start; k <= end; k++) ranks[order[k]] = score;
    start = end + 1;
  }
  return ranks;
}
