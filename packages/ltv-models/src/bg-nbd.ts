/**
 * BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchasing:
 * Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An Alternative to the
 * Pareto/NBD Model", Marketing Science 24(2), 275–284.
 *
 * While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each repeat
 * purchase they drop out for good with probability p ~ Beta(a, b). A customer is summarized by
 * x (repeat purchases), tx (time of the last purchase) and T (time observed), all measured from
 * their first purchase in one time unit.
 */
import { hypergeometric2F1, hypergeometricSeriesTail } from './hypergeometric.js';
import type { NelderMeadOptions } from './nelder-mead.js';
import { maximizeLikelihood } from './maximum-likelihood.js';
import { expm1Ratio, logGammaRatio } from './special-functions.js';

export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** The model's sufficient statistics for one customer. */
export interface RecencyFrequency {
  x: number;
  tx: number;
  T: number;
}

export interface BgNbdFit {
  parameters: BgNbdParameters;
  /** Total log-likelihood at the optimum. */
  logLikelihood: number;
  customers: number;
  evaluations: number;
  converged: boolean;
}

/** Total log-likelihood (FHL 2005, eq. 6), in log space; −Infinity for parameters outside (0, ∞). */
export function bgNbdLogLikelihood(parameters: BgNbdParameters, customers: readonly RecencyFrequency[]): number {
  return createLogLikelihood(customers)(parameters);
}

/**
 * Upper bound of r and of a + b in the fit. Beyond it the purchase rates (coefficient of variation
 * 1/√r) or the dropout probabilities (standard deviation below 0.05%) are as good as the same for
 * everyone, the model's limit: data with no heterogeneity push the likelihood's maximum to
 * infinity, and the fit stops at this bound instead of wandering along a ridge until its budget
 * runs out.
 */
export const BG_NBD_MAX_SHAPE = 1e6;

/**
 * Maximum-likelihood estimate of (r, α, a, b), maximizing the mean log-likelihood with Nelder–Mead
 * (restarted until a restart no longer improves it) from several starting points, keeping the
 * best. The search runs on θ = (log r/α, log r, logit a/(a + b), log(a + b)): the mean purchase
 * rate and mean dropout probability, which the data pin down, apart from the two shapes, which they
 * may not (a base without heterogeneity sends r and a + b to infinity at a fixed mean); r and
 * a + b are bounded by BG_NBD_MAX_SHAPE. Throws a RangeError for invalid customers or an empty list.
 */
export function fitBgNbd(
  customers: readonly RecencyFrequency[],
  options: { start?: BgNbdParameters; optimizer?: NelderMeadOptions } = {},
): BgNbdFit {
  if (customers.length === 0) throw new RangeError('fitBgNbd: no customers');
  customers.forEach(assertCustomer);
  const logLikelihood = createLogLikelihood(customers);
  const starts = options.start ? [options.start] : defaultStarts(customers);
  const maxShape = Math.log(BG_NBD_MAX_SHAPE);
  return maximizeLikelihood(logLikelihood, toParameters, starts.map(toSearchCoordinates), customers.length, {
    optimizer: options.optimizer,
    lower: [-30, -30, -30, -30],
    upper: [30, maxShape, 30, maxShape],
  });
}

function toParameters([logRate, logR, logitDropout, logConcentration]: number[]): BgNbdParameters {
  const concentration = Math.exp(logConcentration);
  return {
    r: Math.exp(logR),
    alpha: Math.exp(logR - logRate),
    a: concentration / (1 + Math.exp(-logitDropout)),
    b: concentration / (1 + Math.exp(logitDropout)),
  };
}

function toSearchCoordinates({ r, alpha, a, b }: BgNbdParameters): number[] {
  return [Math.log(r) - Math.log(alpha), Math.log(r), Math.log(a) - Math.log(b), Math.log(a + b)];
}

/**
 * P(customer still alive at T | x, tx, T) (FHL 2005, eq. 11 via Fader, Hardie & Lee's note):
 * 1 / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+tx))^(r+x)), evaluated as a logistic of a log-ratio.
 */
export function probabilityAlive(parameters: BgNbdParameters, customer: RecencyFrequency): number {
  assertParameters(parameters);
  assertCustomer(customer);
  return aliveProbability(parameters, customer);
}

/**
 * E[Y(t) | x, tx, T]: expected repeat purchases in (T, T + t] (FHL 2005, eq. 10). Non-decreasing
 * in t, 0 at t = 0.
 */
export function expectedPurchases(parameters: BgNbdParameters, t: number, customer: RecencyFrequency): number {
  assertParameters(parameters);
  assertCustomer(customer);
  assertHorizon(t);
  return aliveProbability(parameters, customer) * expectedIfAlive(parameters, t, customer.x, customer.T);
}

/** E[X(t)]: expected repeat purchases in (0, t] for a customer who just made a first purchase (FHL 2005, eq. 9). */
export function expectedPurchasesUnconditional(parameters: BgNbdParameters, t: number): number {
  assertParameters(parameters);
  assertHorizon(t);
  return expectedIfAlive(parameters, t, 0, 0);
}

function aliveProbability({ r, alpha, a, b }: BgNbdParameters, { x, tx, T }: RecencyFrequency): number {
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * Up to this z = t/(α+T+t) the well-conditioned series below is summed directly (at most ~40,000
 * terms; a 52-week forecast with α + T ≥ 4 weeks needs under 500); beyond, the transformed 2F1.
 */
const SERIES_MAX_Z = 0.999;
const SERIES_MAX_Z_NEAR_SINGULAR = 0.9999;
const NEAR_SINGULAR = 1e-3;

/**
 * Expected purchases in the next t for a customer known to be alive with x repeat purchases over T:
 * (C/B) [1 − (1−z)^(r+x) 2F1(r+x, b+x; C; z)] with B = a − 1, C = a + b + x − 1, z = t/(α+T+t).
 *
 * Euler's transformation turns (1−z)^(r+x) 2F1(r+x, b+x; C; z) into (1−z)^B 2F1(A, B; C; z) with
 * A = a + b − 1 − r, and splitting off the series' leading 1 gives
 *   C · [1 − (1−z)^B] / B  −  (1−z)^B · Σ_{n≥1} (A)_n (B+1)_{n−1} / ((C+1)_{n−1} n!) z^n,
 * which has no singularity at a = 1 or at C = 0 (the closed form is 0/0 there) and no cancellation
 * for small t. Its series is summed directly up to z = 0.999 (0.9999 within 1e-3 of a = 1 or
 * C = 0); beyond, the closed form with a 2F1 evaluated through the 1 − z transformation, and near
 * those singular points a cubic interpolation in a.
 */
function expectedIfAlive(
  parameters: BgNbdParameters,
  t: number,
  x: number,
  T: number,
  interpolate = true,
): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = parameters;
  const s = t / (alpha + T);
  const z = s / (1 + s);
  const logOneMinusZ = -Math.log1p(s);
  const A = a + b - 1 - r;
  const B = a - 1;
  const C = a + b + x - 1;
  const nearSingular = Math.abs(B) < NEAR_SINGULAR || Math.abs(C) < NEAR_SINGULAR;
  // Near a = 1 or C = 0 the closed form is 0/0, so the series is worth its many terms up to 0.9999.
  if (z <= SERIES_MAX_Z || (nearSingular && z <= SERIES_MAX_Z_NEAR_SINGULAR)) {
    // (r + x)·z is the size of the result for small z: converge relative to that.
    const tail = hypergeometricSeriesTail(1, A * z, A, B, C, z, (r + x) * z);
    // Exact arithmetic gives ≥ 0; rounding can leave −1e-320 for horizons in the subnormal range.
    return Math.max(0, -C * expm1Ratio(B, logOneMinusZ) - Math.exp(B * logOneMinusZ) * tail);
  }
  if (interpolate && nearSingular) {
    // E is analytic in a: interpolate with the cubic through a at ±h and ±2h from the singular a.
    const h = NEAR_SINGULAR;
    const centre = Math.abs(B) < NEAR_SINGULAR ? 1 : a - C;
    const u = (a - centre) / h;
    const nodes = [-2, -1, 1, 2];
    let value = 0;
    for (const node of nodes) {
      let weight = 1;
      for (const other of nodes) if (other !== node) weight *= (u - other) / (node - other);
      value += weight * expectedIfAlive({ r, alpha, a: Math.max(centre + node * h, 1e-12), b }, t, x, T, false);
    }
    return value;
  }
  const f = hypergeometric2F1(A, B, C, z);
  return Math.max(0, (C / B) * (1 - Math.exp(B * logOneMinusZ) * f));
}

function createLogLikelihood(customers: readonly RecencyFrequency[]): (parameters: BgNbdParameters) => number {
  // Summaries built from calendar days repeat the same (x, tx, T) many times: each distinct triple is
  // evaluated once with its count as weight, and every log once per distinct value.
  const xValues = new Map<number, number>();
  const times = new Map<number, number>();
  const indexOf = (map: Map<number, number>, value: number): number => {
    let k = map.get(value);
    if (k === undefined) {
      k = map.size;
      map.set(value, k);
    }
    return k;
  };
  const tripleIndex = new Map<number, Map<number, number>>();
  const xIndexList: number[] = [];
  const TIndexList: number[] = [];
  const txIndexList: number[] = [];
  const weightList: number[] = [];
  for (const c of customers) {
    const xk = indexOf(xValues, c.x);
    const Tk = indexOf(times, c.T);
    const txk = c.x > 0 ? indexOf(times, c.tx) : -1;
    // x and T indices are below customers.length, so xk · length + Tk identifies the pair exactly.
    const pairKey = xk * customers.length + Tk;
    let byTx = tripleIndex.get(pairKey);
    if (!byTx) {
      byTx = new Map();
      tripleIndex.set(pairKey, byTx);
    }
    const existing = byTx.get(txk);
    if (existing !== undefined) {
      weightList[existing]++;
    } else {
      byTx.set(txk, weightList.length);
      xIndexList.push(xk);
      TIndexList.push(Tk);
      txIndexList.push(txk);
      weightList.push(1);
    }
  }
  const n = weightList.length;
  const weights = Float64Array.from(weightList);
  const xIndex = Int32Array.from(xIndexList);
  const TIndex = Int32Array.from(TIndexList);
  const txIndex = Int32Array.from(txIndexList);
  const distinctX = Float64Array.from(xValues.keys());
  const distinctTimes = Float64Array.from(times.keys());
  const common = new Float64Array(distinctX.length);
  const dropoutTerm = new Float64Array(distinctX.length);
  const logAlphaPlus = new Float64Array(distinctTimes.length);
  const rLogRatio = new Float64Array(distinctTimes.length);

  // Eq. 6 with its gamma functions as ratios Γ(r + x)/Γ(r) and α^r / (α + t)^(r+x) as
  // −r·log1p(t/α) − x·log(α + t): no term grows with r or α, so the likelihood stays accurate
  // towards the model's limits (r, α → ∞ at a fixed r/α: every customer buys at the same rate;
  // a, b → ∞ at a fixed a/(a + b): everyone drops out with the same probability), where log-gammas
  // and logs of 1e10-sized numbers would leave the optimizer only rounding noise to follow.
  return ({ r, alpha, a, b }) => {
    if (![r, alpha, a, b].every((v) => Number.isFinite(v) && v > 0)) return -Infinity;
    const logA = Math.log(a);
    for (let k = 0; k < distinctX.length; k++) {
      const x = distinctX[k];
      common[k] = logGammaRatio(r, x) + logGammaRatio(b, x) - logGammaRatio(a + b, x);
      dropoutTerm[k] = x > 0 ? logA - Math.log(b + x - 1) : -Infinity;
    }
    for (let k = 0; k < distinctTimes.length; k++) {
      const time = distinctTimes[k];
      logAlphaPlus[k] = Math.log(alpha + time);
      rLogRatio[k] = r * Math.log1p(time / alpha);
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      const k = xIndex[i];
      const x = distinctX[k];
      const Tk = TIndex[i];
      const survived = -rLogRatio[Tk] - x * logAlphaPlus[Tk];
      const j = txIndex[i];
      if (j < 0) {
        total += weights[i] * (common[k] + survived);
      } else {
        // log-sum-exp, written out: this loop is the whole cost of a fit.
        const droppedOut = dropoutTerm[k] - rLogRatio[j] - x * logAlphaPlus[j];
        const high = survived > droppedOut ? survived : droppedOut;
        total += weights[i] * (common[k] + high + Math.log1p(Math.exp(-Math.abs(survived - droppedOut))));
      }
    }
    return total;
  };
}

/**
 * Starting points: the observed mean repeat-purchase rate with (r, a, b) = (1, 1, 1), broad
 * heterogeneity in both rate and dropout, and with (100, 20, 80), nearly none. Neither is close to
 * every optimum, but between them they reach both kinds of base.
 */
function defaultStarts(customers: readonly RecencyFrequency[]): BgNbdParameters[] {
  let repeat = 0;
  let observed = 0;
  for (const c of customers) {
    repeat += c.x;
    observed += c.T;
  }
  // Mean purchase rate λ = r/α; with r = 1, α is the observed time per repeat purchase.
  const timePerPurchase = repeat > 0 && observed > 0 ? observed / repeat : Math.max(observed / customers.length, 1);
  return [
    { r: 1, alpha: timePerPurchase, a: 1, b: 1 },
    { r: 100, alpha: 100 * timePerPurchase, a: 20, b: 80 },
  ];
}

function assertParameters(p: BgNbdParameters): void {
  if (![p.r, p.alpha, p.a, p.b].every((v) => Number.isFinite(v) && v > 0)) {
    throw new RangeError('BG/NBD parameters r, alpha, a, b must be finite and > 0');
  }
}

function assertCustomer(c: RecencyFrequency): void {
  const ok = Number.isFinite(c.x) && Number.isFinite(c.tx) && Number.isFinite(c.T)
    && c.x >= 0 && c.tx >= 0 && c.T >= 0 && c.tx <= c.T * (1 + 1e-12);
  if (!ok) throw new RangeError(`invalid customer summary x=${c.x} tx=${c.tx} T=${c.T}: need x, tx ≥ 0 and tx ≤ T`);
}

function assertHorizon(t: number): void {
  if (!(Number.isFinite(t) && t >= 0)) throw new RangeError(`horizon t must be finite and ≥ 0, got ${t}`);
}
