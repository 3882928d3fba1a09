/**
 * Draws customers from the BG/NBD + Gamma-Gamma generative process, for benchmarks and for tests
 * that check the fits recover known parameters.
 */
import type { BgNbdParameters } from './bg-nbd.js';
import type { GammaGammaParameters } from './gamma-gamma.js';
import { createRandom, type Random } from './random.js';

export interface SimulatedPurchase {
  /** Time since the first purchase, in the model's time unit (0 for the first purchase). */
  time: number;
  value: number;
}

export interface SimulatedCustomer {
  x: number;
  tx: number;
  T: number;
  /** Mean value of the repeat purchases; 0 when x = 0. */
  monetary: number;
  purchases: SimulatedPurchase[];
  /** The latent truth: purchase rate, dropout probability, alive at T. */
  lambda: number;
  p: number;
  alive: boolean;
  /** Repeat purchases in (T, T + holdoutTime]: what a forecast over holdoutTime should predict. */
  holdoutPurchases: number;
}

export interface SimulationOptions {
  count: number;
  bgNbd: BgNbdParameters;
  gammaGamma: GammaGammaParameters;
  seed: number;
  /** Observation length T of each customer; default uniform on (0, 52]. */
  observationTime?: (random: Random) => number;
  /** Also simulate this much time after T, counted in holdoutPurchases; default 0. */
  holdoutTime?: number;
}

export function simulateCustomers(options: SimulationOptions): SimulatedCustomer[] {
  const random = createRandom(options.seed);
  const { r, alpha, a, b } = options.bgNbd;
  const { p: shape, q, gamma } = options.gammaGamma;
  const observationTime = options.observationTime ?? ((rng: Random) => 52 * rng.uniform());
  const customers: SimulatedCustomer[] = [];
  for (let i = 0; i < options.count; i++) {
    const T = observationTime(random);
    const lambda = random.gamma(r, alpha);
    const p = random.beta(a, b);
    const nu = random.gamma(q, gamma);
    const purchases: SimulatedPurchase[] = [{ time: 0, value: random.gamma(shape, nu) }];
    let time = 0;
    let alive = true;
    let holdoutPurchases = 0;
    const end = T + (options.holdoutTime ?? 0);
    // Dropout can follow any repeat purchase (not the first), as in FHL 2005.
    for (;;) {
      time += random.exponential(lambda);
      if (time > end) break;
      if (time > T) holdoutPurchases++;
      else purchases.push({ time, value: random.gamma(shape, nu) });
      if (random.uniform() < p) {
        if (time <= T) alive = false;
        break;
      }
    }
    const x = purchases.length - 1;
    let repeatValue = 0;
    for (let j = 1; j < purchases.length; j++) repeatValue += purchases[j].value;
    customers.push({
      x,
      tx: purchases[x].time,
      T,
      monetary: x > 0 ? repeatValue / x : 0,
      purchases,
      lambda,
      p,
      alive,
      holdoutPurchases,
    });
  }
  return customers;
}
