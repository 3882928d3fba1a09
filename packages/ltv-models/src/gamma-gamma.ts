/**
 * Gamma-Gamma model of spend per transaction: Fader, Hardie & Lee (2005), "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4), 415–430,
 * and Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value".
 *
 * Each transaction's value is Gamma(p, ν) with the customer's ν ~ Gamma(q, γ); the model is fitted
 * on the mean value of the repeat purchases of customers with at least one repeat purchase, and
 * assumes spend is independent of purchase frequency.
 */
import type { NelderMeadOptions } from './nelder-mead.js';
import { maximizeLikelihood } from './maximum-likelihood.js';
import { logGamma, logGammaRatio } from './special-functions.js';

export interface GammaGammaParameters {
  p: number;
  q: number;
  gamma: number;
}

/** x repeat purchases with mean value `monetary`. */
export interface FrequencyMonetary {
  x: number;
  monetary: number;
}

export interface GammaGammaFit {
  parameters: GammaGammaParameters;
  logLikelihood: number;
  /** Customers used: those with x > 0 and monetary > 0. */
  customers: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Log-likelihood of the observed mean spends (the density of the mean of x Gamma(p, ν) values,
 * integrated over ν), summed over customers with x > 0 and monetary > 0; others carry no
 * information and are skipped. −Infinity for parameters outside (0, ∞).
 */
export function gammaGammaLogLikelihood(
  parameters: GammaGammaParameters,
  customers: readonly FrequencyMonetary[],
): number {
  return createLogLikelihood(informative(customers))(parameters);
}

function createLogLikelihood(customers: readonly FrequencyMonetary[]): (parameters: GammaGammaParameters) => number {
  const n = customers.length;
  const logM = new Float64Array(n);
  const xm = new Float64Array(n);
  const xs = new Float64Array(n);
  const xIndex = new Int32Array(n);
  const distinct = new Map<number, number>();
  let sumLogM = 0;
  customers.forEach(({ x, monetary }, i) => {
    logM[i] = Math.log(monetary);
    sumLogM += logM[i];
    xm[i] = x * monetary;
    xs[i] = x;
    let k = distinct.get(x);
    if (k === undefined) {
      k = distinct.size;
      distinct.set(x, k);
    }
    xIndex[i] = k;
  });
  const distinctX = [...distinct.keys()];
  const perX = new Float64Array(distinctX.length);
  // Γ(px + q)/Γ(q) as a ratio and γ^q / (γ + x·m)^(px+q) as −q·log1p(x·m/γ) − px·log(γ + x·m): no
  // term grows with q or γ, so the likelihood stays accurate towards the limit q, γ → ∞ at a fixed
  // γ/q (every customer with the same mean spend), where log-gammas and logs of 1e8-sized numbers
  // would leave the optimizer only rounding noise to follow.
  return ({ p, q, gamma }) => {
    if (![p, q, gamma].every((v) => Number.isFinite(v) && v > 0)) return -Infinity;
    // Terms that depend on x only are computed once per distinct x.
    distinctX.forEach((x, k) => {
      const px = p * x;
      perX[k] = logGammaRatio(q, px) - logGamma(px) + px * Math.log(x);
    });
    let total = -sumLogM;
    for (let i = 0; i < n; i++) {
      const px = p * xs[i];
      total += perX[xIndex[i]] + px * logM[i] - q * Math.log1p(xm[i] / gamma) - px * Math.log(xm[i] + gamma);
    }
    return total;
  };
}

/**
 * Upper bound of q − 1 in the fit. Beyond it customers' mean spends (coefficient of variation about
 * 1/√q) are as good as the same for everyone, the model's limit: when they are, the likelihood's
 * maximum lies at q, γ → ∞, and the fit stops at this bound instead of running out of its budget.
 */
export const GAMMA_GAMMA_MAX_SHAPE = 1e6;

/**
 * Maximum-likelihood estimate of (p, q, γ) by Nelder–Mead with restarts on log p, log(q − 1) and
 * log(γ/(q − 1)): the last fixes the population mean spend pγ/(q − 1) with p, so a base whose
 * customers all spend alike (q → ∞ at a fixed mean) is a straight line in these coordinates. q is
 * kept above 1 because the population mean spend is infinite otherwise, which no lifetime value
 * can use, and q − 1 at most GAMMA_GAMMA_MAX_SHAPE. Throws a RangeError when no customer has a
 * repeat purchase.
 */
export function fitGammaGamma(
  customers: readonly FrequencyMonetary[],
  options: { start?: GammaGammaParameters; optimizer?: NelderMeadOptions } = {},
): GammaGammaFit {
  const used = informative(customers);
  if (used.length === 0) throw new RangeError('fitGammaGamma: no customer with a repeat purchase and positive spend');
  const meanSpend = used.reduce((sum, c) => sum + c.monetary, 0) / used.length;
  // pγ/(q − 1) = mean spend at the start.
  const start = options.start ?? { p: 1, q: 2, gamma: meanSpend };
  const toParameters = ([logP, logShape, logScale]: number[]): GammaGammaParameters => ({
    p: Math.exp(logP),
    q: 1 + Math.exp(logShape),
    gamma: Math.exp(logScale + logShape),
  });
  const shape = Math.max(start.q - 1, 1e-6);
  const startTheta = [Math.log(start.p), Math.log(shape), Math.log(start.gamma / shape)];
  return maximizeLikelihood(createLogLikelihood(used), toParameters, [startTheta], used.length, {
    optimizer: options.optimizer,
    lower: [-30, -30, -30],
    upper: [30, Math.log(GAMMA_GAMMA_MAX_SHAPE), 30],
  });
}

/**
 * E[mean spend per transaction | x, monetary]: a credibility-weighted mix of the population mean
 * pγ/(q − 1) and the customer's own mean, weight px/(px + q − 1) on the latter. For x = 0 it is the
 * population mean. Throws a RangeError when q ≤ 1 (infinite population mean) or parameters ≤ 0.
 */
export function expectedAverageSpend(parameters: GammaGammaParameters, customer: FrequencyMonetary): number {
  const { p, q, gamma } = parameters;
  if (![p, q, gamma].every((v) => Number.isFinite(v) && v > 0)) {
    throw new RangeError('Gamma-Gamma parameters p, q, gamma must be finite and > 0');
  }
  if (q <= 1) throw new RangeError('Gamma-Gamma q must exceed 1 for a finite mean spend');
  const populationMean = (p * gamma) / (q - 1);
  const { x, monetary } = customer;
  if (!(x > 0) || !Number.isFinite(monetary)) return populationMean;
  const weight = (p * x) / (p * x + q - 1);
  return (1 - weight) * populationMean + weight * monetary;
}

function informative(customers: readonly FrequencyMonetary[]): FrequencyMonetary[] {
  return customers.filter((c) => c.x > 0 && c.monetary > 0 && Number.isFinite(c.x) && Number.isFinite(c.monetary));
}
