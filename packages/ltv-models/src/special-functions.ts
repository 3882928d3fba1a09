/**
 * Special functions needed by the probability models, in plain double precision.
 * The likelihoods work in log space, so the log-gamma family is the workhorse; the gamma of a
 * negative argument only appears in the hypergeometric connection formula.
 */

// Lanczos approximation, g = 7, n = 9 (Numerical Recipes 3rd ed. / Boost), about 15 significant digits.
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.9189385332046728;

/** log Γ(x) for x > 0. Accurate to about 1e-14 (absolute near the zeros at 1 and 2, relative elsewhere). */
export function logGamma(x: number): number {
  if (!(x > 0)) {
    if (x === 0) return Infinity;
    return Number.NaN;
  }
  if (x < 0.5) {
    // Reflection keeps the Lanczos sum away from its poor region near 0.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  if (x > 1e7) {
    // Stirling with one correction term: the Lanczos sum adds nothing here.
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + 1 / (12 * x);
  }
  const z = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_G + 2; i++) sum += LANCZOS_COEFFICIENTS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * log|Γ(x)| and the sign of Γ(x) for any real x that is not a pole (0, -1, -2, ...).
 * At a pole the sign is 0 and the log is +Infinity, so 1/Γ(x) = sign * exp(-log) = 0 as it should be.
 */
export function logGammaWithSign(x: number): { log: number; sign: -1 | 0 | 1 } {
  if (x > 0) return { log: logGamma(x), sign: 1 };
  if (Number.isInteger(x)) return { log: Infinity, sign: 0 };
  // Γ(x) Γ(1 - x) = π / sin(πx)
  const s = Math.sin(Math.PI * x);
  const log = Math.log(Math.PI / Math.abs(s)) - logGamma(1 - x);
  return { log, sign: s > 0 ? 1 : -1 };
}

/** From here up both arguments of logGammaRatio go through Stirling's series (error below 1e-15). */
const STIRLING_RATIO_MIN = 10;

/**
 * log Γ(x + s) − log Γ(x) for x > 0 and x + s > 0. For large arguments the two log-gammas are
 * large and nearly equal (x = 1e8, s = 3: 1.7e9 each, for a difference of 55), so their
 * difference would keep only rounding; Stirling's series gives it directly, as
 * (x + s − ½)·log1p(s/x) + s·(log x − 1) plus the difference of the series' tails.
 */
export function logGammaRatio(x: number, s: number): number {
  const y = x + s;
  if (!(Math.min(x, y) >= STIRLING_RATIO_MIN)) return logGamma(y) - logGamma(x);
  return (y - 0.5) * Math.log1p(s / x) + s * (Math.log(x) - 1) + stirlingTail(y) - stirlingTail(x);
}

/** log Γ(z) − [(z − ½)·log z − z + ½·log 2π] ≈ 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷). */
function stirlingTail(z: number): number {
  const w = 1 / (z * z);
  return (1 / 12 - w * (1 / 360 - w * (1 / 1260 - w / 1680))) / z;
}

/** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** log(e^u + e^v) without overflow or underflow. */
export function logSumExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const m = Math.max(u, v);
  return m + Math.log1p(Math.exp(-Math.abs(u - v)));
}

/** (e^(b·l) − 1) / b, with its limit l at b = 0; accurate for small |b·l|. */
export function expm1Ratio(b: number, l: number): number {
  if (b === 0) return l;
  return Math.expm1(b * l) / b;
}
