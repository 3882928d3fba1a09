import { logGammaWithSign } from './special-functions.js';

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z ≤ 1.
 *
 * - z < 0: Pfaff transformation to z / (z − 1) ∈ (0, 1), so the series never alternates.
 * - 0 ≤ z ≤ 0.9 (or a terminating series): the defining power series, summed until a bound on the
 *   remaining tail falls below machine precision.
 * - 0.9 < z < 1: the linear transformation to 1 − z (Abramowitz & Stegun 15.3.6), whose series
 *   converge fast there. When c − a − b is within 5e-4 of an integer the two terms of that formula
 *   cancel catastrophically (each carries a pole), so the value is interpolated in a by the cubic
 *   through four points 5e-4 and 1e-3 either side of the degenerate a (relative error ~1e-10 for
 *   z ≤ 0.9999, growing like log(1 − z)^4 beyond).
 * - z = 1: Gauss's theorem, finite when c − a − b > 0.
 *
 * Throws a RangeError outside the real domain (z > 1) or when c is a pole (0, −1, −2, ...).
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) throw new RangeError('hypergeometric2F1: non-finite argument');
  if (isNonPositiveInteger(c) && !terminatesBefore(a, b, c)) {
    throw new RangeError(`hypergeometric2F1: c = ${c} is a pole`);
  }
  if (z > 1) throw new RangeError('hypergeometric2F1: z > 1 is outside the real domain');
  if (z === 0 || a === 0 || b === 0) return 1;
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) {
    return 1 + hypergeometricSeriesTail(1, (a * b) / c * z, a, b, c, z, 1);
  }
  if (z < 0) {
    // Pfaff: 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z / (z − 1)).
    // Choose the variant whose series parameter is smaller in magnitude: fewer large terms.
    const w = z / (z - 1);
    const logFactor = -Math.log1p(-z);
    if (Math.abs(a) <= Math.abs(b)) return Math.exp(a * logFactor) * hypergeometric2F1(a, c - b, c, w);
    return Math.exp(b * logFactor) * hypergeometric2F1(c - a, b, c, w);
  }
  if (z === 1) return gaussSumAtOne(a, b, c);
  if (z <= SERIES_MAX_Z) return 1 + hypergeometricSeriesTail(1, (a * b) / c * z, a, b, c, z, 1);
  return nearOne(a, b, c, z);
}

/** Above this |z| the direct series needs more than ~350 terms; the 1 − z transformation is cheaper. */
const SERIES_MAX_Z = 0.9;
const DEGENERATE_DISTANCE = 5e-4;
const MAX_TERMS = 1_000_000;

/**
 * Σ_{n ≥ n0} t_n where t_{n0} = firstTerm and t_{n+1} = t_n · (a + n)(b + n) / ((c + n)(n + 1)) · z,
 * i.e. the tail of the 2F1 series from index n0. Exposed because the BG/NBD conditional expectation
 * uses a rescaled tail of it to remove a removable singularity.
 *
 * Stops when a geometric bound on the remaining tail is below 1e-17 of max(|running sum|, scale),
 * scale being the size of whatever the tail is added to; throws a RangeError if that has not
 * happened after a million terms.
 */
export function hypergeometricSeriesTail(
  n0: number,
  firstTerm: number,
  a: number,
  b: number,
  c: number,
  z: number,
  scale = 0,
): number {
  return seriesTail(n0, firstTerm, a, b, c, z, scale).sum;
}

/** The tail sum and Σ|terms|, whose ratio to |sum| measures the cancellation in it. */
function seriesTail(
  n0: number,
  firstTerm: number,
  a: number,
  b: number,
  c: number,
  z: number,
  scale: number,
): { sum: number; magnitude: number } {
  let term = firstTerm;
  let sum = 0;
  let magnitude = 0;
  for (let n = n0; n < n0 + MAX_TERMS; n++) {
    sum += term;
    magnitude += Math.abs(term);
    if (term === 0) return { sum, magnitude };
    const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    const next = term * ratio;
    // (a + k)/(k + 1) and (b + k)/(c + k) are each monotone in k, so once a + n, b + n, c + n > 0
    // every later ratio is at most max(·, 1) · max(·, 1) · |z|: a rigorous geometric bound on the tail.
    if (a + n > 0 && b + n > 0 && c + n > 0) {
      const rho = Math.max((a + n) / (n + 1), 1) * Math.max((b + n) / (c + n), 1) * Math.abs(z);
      if (rho < 1 && Math.abs(next) / (1 - rho) <= 1e-17 * Math.max(Math.abs(sum), scale)) {
        return { sum: sum + next, magnitude: magnitude + Math.abs(next) };
      }
    }
    term = next;
  }
  throw new RangeError('hypergeometric series did not converge');
}

function nearOne(a: number, b: number, c: number, z: number): number {
  const m = c - a - b;
  const nearest = Math.round(m);
  if (Math.abs(m - nearest) < DEGENERATE_DISTANCE) {
    // 2F1 is entire in a, so interpolate in a with the cubic through four points at ±h and ±2h
    // from the degenerate a, far enough from it that the connection formula keeps ~13 digits.
    // (Interpolating in c instead would go wrong for small c, near its pole at 0.)
    const h = DEGENERATE_DISTANCE;
    const centre = a + (m - nearest);
    const u = (a - centre) / h; // in (−1, 1)
    const nodes = [-2, -1, 1, 2];
    let value = 0;
    for (const node of nodes) {
      let weight = 1;
      for (const other of nodes) if (other !== node) weight *= (u - other) / (node - other);
      value += weight * connectionFormula(centre + node * h, b, c, z);
    }
    return value;
  }
  return connectionFormula(a, b, c, z);
}

/**
 * A & S 15.3.6: 2F1 at z expressed through two series in 1 − z. With large a, b and small
 * c − a − b those series alternate with huge terms; when more than 5 digits would be lost to that
 * cancellation, the direct series (slow so close to 1, but well conditioned) is used instead if it
 * converges within its budget.
 */
function connectionFormula(a: number, b: number, c: number, z: number): number {
  const w = 1 - z;
  const m = c - a - b;
  const first = gammaRatio([c, m], [c - a, c - b]);
  const second = gammaRatio([c, -m], [a, b]);
  let value = 0;
  let magnitude = 0;
  if (first !== 0) {
    const series = seriesTail(1, ((a * b) / (1 - m)) * w, a, b, 1 - m, w, 1);
    value += first * (1 + series.sum);
    magnitude += Math.abs(first) * (1 + series.magnitude);
  }
  if (second !== 0) {
    const series = seriesTail(1, (((c - a) * (c - b)) / (m + 1)) * w, c - a, c - b, m + 1, w, 1);
    const factor = second * Math.exp(m * Math.log(w));
    value += factor * (1 + series.sum);
    magnitude += Math.abs(factor) * (1 + series.magnitude);
  }
  if (magnitude > 1e5 * Math.abs(value)) {
    try {
      return 1 + hypergeometricSeriesTail(1, ((a * b) / c) * z, a, b, c, z, 1);
    } catch {
      return value;
    }
  }
  return value;
}

function gaussSumAtOne(a: number, b: number, c: number): number {
  if (c - a - b <= 0) return Infinity;
  return gammaRatio([c, c - a - b], [c - a, c - b]);
}

/** Π Γ(numerator) / Π Γ(denominator), in log space; 0 when a denominator argument is a pole. */
function gammaRatio(numerator: number[], denominator: number[]): number {
  let log = 0;
  let sign = 1;
  for (const x of denominator) {
    const g = logGammaWithSign(x);
    if (g.sign === 0) return 0;
    log -= g.log;
    sign *= g.sign;
  }
  for (const x of numerator) {
    const g = logGammaWithSign(x);
    if (g.sign === 0) throw new RangeError('hypergeometric2F1: gamma pole in the connection formula');
    log += g.log;
    sign *= g.sign;
  }
  return sign * Math.exp(log);
}

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/** True when a or b is a non-positive integer that ends the series before (c)_n reaches zero. */
function terminatesBefore(a: number, b: number, c: number): boolean {
  return (isNonPositiveInteger(a) && a > c) || (isNonPositiveInteger(b) && b > c);
}
