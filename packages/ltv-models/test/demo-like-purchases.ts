import { createRandom, summarizeTransactions, type CustomerSummary, type Transaction } from '../src/index.js';

/**
 * Purchases shaped like the API's demo seed (apps/api/src/database/demo-seed.ts): each person has
 * 4–27 events, every 7th an order of 20.00–199.99, each on a day drawn uniformly from the last 365.
 * Everyone buys at about the same rate and spends alike, and nobody really drops out, so both
 * likelihoods have their maximum at the models' limits (BG/NBD: r, α → ∞ at a fixed r/α and
 * a, b → ∞ at a fixed a/(a + b); Gamma-Gamma: q, γ → ∞ at a fixed γ/q).
 */
export function demoLikeSummaries(people: number, seed: number): CustomerSummary[] {
  const random = createRandom(seed);
  const end = new Date(Date.UTC(2025, 0, 1, 12));
  const transactions: Transaction[] = [];
  for (let i = 0; i < people; i++) {
    const events = 4 + Math.floor(random.uniform() * 24);
    for (let n = 7; n <= events; n += 7) {
      const daysAgo = Math.floor(random.uniform() * 365);
      transactions.push({ customerId: `p${i}`, at: new Date(end.getTime() - daysAgo * 86_400_000 - n * 420_000), amount: 20 + Math.floor(random.uniform() * 18_000) / 100 });
    }
  }
  return summarizeTransactions(transactions, { calibrationEnd: end, timeUnit: 'week' }).filter((c) => c.purchaseDays > 0);
}
