import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BG_NBD_MAX_SHAPE,
  bgNbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesUnconditional,
  fitBgNbd,
  probabilityAlive,
  simulateCustomers,
  summarizeTransactions,
  type BgNbdFit,
  type BgNbdParameters,
  type CustomerSummary,
} from '../src/index.js';
import { CDNOW_CALIBRATION_END, loadCdnowTransactions } from './cdnow-dataset.js';
import { demoLikeSummaries } from './demo-like-purchases.js';

const PAPER: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('BG/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  let summaries: CustomerSummary[];
  let fit: BgNbdFit;
  beforeAll(() => {
    summaries = summarizeTransactions(loadCdnowTransactions(), { calibrationEnd: CDNOW_CALIBRATION_END, timeUnit: 'week' });
    fit = fitBgNbd(summaries);
  });

  it('reproduces the published parameters within 1%', () => {
    expect(fit.customers).toBe(2357);
    expect(fit.converged).toBe(true);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.parameters[key] / PAPER[key] - 1), key).toBeLessThan(0.01);
    }
    // The maximum found by scipy's Nelder–Mead on the same summaries: -9578.19656.
    expect(fit.logLikelihood).toBeCloseTo(-9578.19656, 3);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(PAPER, summaries));
  });

  it("reproduces the paper's worked example: 1.226 purchases in 39 weeks for x=2, tx=30.43, T=38.86", () => {
    expect(expectedPurchases(PAPER, 39, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(1.226, 3);
  });
});

describe('BG/NBD fit on bases without heterogeneity', () => {
  it('converges on demo-like purchases, to the likelihood of the limit model', () => {
    const summaries = demoLikeSummaries(1800, 1);
    expect(summaries).toHaveLength(1571);
    const fit = fitBgNbd(summaries);
    expect(fit.converged).toBe(true);
    // mpmath (50 digits) at r = 1e9, α = r / 0.033892, a = 0.1974e9, b = 0.8026e9: −7140.60503. The
    // fit stops at the bound r, a + b ≤ 1e6, 3e-4 below; before, it ran out of its budget at −7160.75.
    expect(fit.logLikelihood).toBeGreaterThan(-7140.606);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood({ r: 1e6, alpha: 1e6 / 0.0339, a: 2e5, b: 8e5 }, summaries));
    const { r, alpha, a, b } = fit.parameters;
    expect(r / alpha).toBeCloseTo(0.0339, 3);
    expect(a / (a + b)).toBeCloseTo(0.197, 2);
    expect(r).toBeCloseTo(BG_NBD_MAX_SHAPE, -1);
    expect(a + b).toBeCloseTo(BG_NBD_MAX_SHAPE, -1);
    // Scores from the bound are the limit model's (checked against mpmath's eq. 10 at the fitted parameters).
    expect(expectedPurchases(fit.parameters, 52, { x: 2, tx: 30, T: 50 })).toBeCloseTo(1.00258918584, 6);
  });

  it.each([1, 2, 3])('recovers the rate and dropout of customers who all buy alike (seed %i)', (seed) => {
    // λ = 0.5 a week and p = 0.3 for everyone, up to sampling noise in the generator's Gamma and Beta draws.
    const truth = { r: 1e8, alpha: 2e8, a: 3e7, b: 7e7 };
    const customers = simulateCustomers({ count: 5000, seed, bgNbd: truth, gammaGamma: { p: 6, q: 4, gamma: 15 } });
    const fit = fitBgNbd(customers);
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, customers));
    const { r, alpha, a, b } = fit.parameters;
    expect(Math.abs(r / alpha / 0.5 - 1)).toBeLessThan(0.03);
    expect(Math.abs(a / (a + b) / 0.3 - 1)).toBeLessThan(0.05);
    expect(r).toBeLessThanOrEqual(BG_NBD_MAX_SHAPE);
    expect(a + b).toBeLessThanOrEqual(BG_NBD_MAX_SHAPE * (1 + 1e-12));
  });
});

describe('bgNbdLogLikelihood', () => {
  // Five customers, log-likelihood by mpmath at 60 digits.
  const customers = [{ x: 0, tx: 0, T: 30 }, { x: 2, tx: 30.43, T: 38.86 }, { x: 5, tx: 20, T: 52 }, { x: 1, tx: 1 / 7, T: 3 }, { x: 40, tx: 51, T: 52 }];
  it.each([
    [0.243, 4.414, 0.793, 2.426, -88.360754936973417],
    [1e6, 2e7, 2e5, 8e5, -161.68288181004837],
    [1e10, 2e11, 2e9, 8e9, -161.68374923135096],
    [1e8, 2e9, 1e-9, 0.003, -152.58814328646616],
  ])("is accurate towards the model's limits too: r=%d α=%d a=%d b=%d", (r, alpha, a, b, expected) => {
    expect(Math.abs(bgNbdLogLikelihood({ r, alpha, a, b }, customers) / expected - 1)).toBeLessThan(1e-12);
  });
});

// [r, alpha, a, b, t, x, tx, T, E[Y(t) | x, tx, T]] from eq. 10 evaluated with mpmath at 40 digits.
const EXPECTATIONS: number[][] = [
  [0.243, 4.414, 0.793, 2.426, 39, 2, 30.43, 38.86, 1.2260281747671445],
  [0.243, 4.414, 0.793, 2.426, 52, 0, 0, 0, 1.4460505953964038],
  [0.243, 4.414, 0.793, 2.426, 1, 0, 0, 38.86, 0.0055956578894840522],
  [0.243, 4.414, 0.793, 2.426, 1000, 5, 20, 30, 17.781788398379002],
  [1.5, 10, 1.2, 3, 500, 0, 0, 2, 6.87391266328439],
  [0.5, 2, 2.5, 0.3, 3000, 0, 0, 1, 1.1556310877691957],
  [0.8, 3, 0.4, 0.5, 100, 0, 0, 0, 6.312972879387766],
  [2, 1, 1.7, 0.6, 0.01, 3, 1, 2, 0.0027850768567257601],
  [0.243, 4.414, 0.793, 2.426, 52, 150, 38, 38.86, 116.74916223924324],
  // a = 1 + 1e-7 and a + b + x − 1 = 1e-7: the closed form is 0/0 nearby.
  [1, 1, 1.0000001, 2, 100, 1, 0.5, 1, 5.4798123355262638],
  [1, 1, 0.5, 0.5000001, 100, 0, 0, 0, 9.9503730927379763],
  // z > 0.9999: the 1 − z transformation, and the interpolation in a near a = 1 and C = 0.
  [1, 1, 1.0000001, 2, 100000, 1, 0.5, 1, 16.390290856210763],
  [1, 1, 0.9996, 2, 100000, 1, 0.5, 1, 16.425408748327502],
  [0.3, 1, 0.5, 0.5000001, 50000, 0, 0, 0, 98.16615347406248],
  [0.243, 4.414, 0.793, 2.426, 100000, 3, 10, 20, 50.940605995734373],
];

describe('expectedPurchases', () => {
  it.each(EXPECTATIONS)('r=%d α=%d a=%d b=%d t=%d x=%d tx=%d T=%d', (r, alpha, a, b, t, x, tx, T, expected) => {
    const value = expectedPurchases({ r, alpha, a, b }, t, { x, tx, T });
    expect(Math.abs(value / expected - 1)).toBeLessThan(1e-8);
  });

  it('equals the unconditional expectation for a customer just acquired', () => {
    expect(expectedPurchasesUnconditional(PAPER, 52)).toBeCloseTo(1.4460505953964038, 10);
    expect(expectedPurchases(PAPER, 52, { x: 0, tx: 0, T: 0 })).toBe(expectedPurchasesUnconditional(PAPER, 52));
  });

  it('is 0 at t = 0 and exactly a = 1 is handled', () => {
    expect(expectedPurchases(PAPER, 0, { x: 3, tx: 10, T: 20 })).toBe(0);
    for (const t of [1, 52, 5000]) {
      const atOne = expectedPurchases({ r: 1, alpha: 1, a: 1, b: 2 }, t, { x: 1, tx: 0.5, T: 1 });
      const near = expectedPurchases({ r: 1, alpha: 1, a: 1.0000001, b: 2 }, t, { x: 1, tx: 0.5, T: 1 });
      expect(Math.abs(atOne / near - 1)).toBeLessThan(1e-6);
    }
  });

  it('rejects invalid parameters, horizons and summaries', () => {
    expect(() => expectedPurchases({ ...PAPER, r: 0 }, 1, { x: 0, tx: 0, T: 1 })).toThrow(RangeError);
    expect(() => expectedPurchases(PAPER, -1, { x: 0, tx: 0, T: 1 })).toThrow(RangeError);
    expect(() => expectedPurchases(PAPER, 1, { x: 1, tx: 5, T: 1 })).toThrow(RangeError);
  });
});

describe('probabilityAlive', () => {
  it('is 1 without repeat purchases and falls with time since the last one', () => {
    expect(probabilityAlive(PAPER, { x: 0, tx: 0, T: 30 })).toBe(1);
    const recent = probabilityAlive(PAPER, { x: 5, tx: 29, T: 30 });
    const lapsed = probabilityAlive(PAPER, { x: 5, tx: 2, T: 30 });
    expect(recent).toBeGreaterThan(lapsed);
    expect(lapsed).toBeGreaterThan(0);
  });

  it('does not overflow for heavy buyers who lapsed long ago', () => {
    const p = probabilityAlive(PAPER, { x: 10_000, tx: 1, T: 1000 });
    expect(p).toBe(0);
  });
});

const parameters = fc.record({
  r: fc.double({ min: 0.01, max: 20, noNaN: true }),
  alpha: fc.double({ min: 0.01, max: 200, noNaN: true }),
  a: fc.double({ min: 0.01, max: 20, noNaN: true }),
  b: fc.double({ min: 0.01, max: 20, noNaN: true }),
});
const customer = fc
  .tuple(fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }))
  .map(([x, share, T]) => ({ x, tx: x === 0 ? 0 : share * T, T }));

describe('BG/NBD properties', () => {
  it('P(alive) is in [0, 1]', () => {
    fc.assert(fc.property(parameters, customer, (p, c) => {
      const value = probabilityAlive(p, c);
      return value >= 0 && value <= 1;
    }));
  });

  it('expected purchases are finite, ≥ 0 and non-decreasing in the horizon', () => {
    fc.assert(
      fc.property(parameters, customer, fc.double({ min: 0, max: 2000, noNaN: true }), fc.double({ min: 0, max: 2000, noNaN: true }), (p, c, t1, t2) => {
        const [short, long] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const eShort = expectedPurchases(p, short, c);
        const eLong = expectedPurchases(p, long, c);
        return Number.isFinite(eShort) && eShort >= 0 && eLong >= eShort * (1 - 1e-9) - 1e-12;
      }),
    );
  });

  it('is continuous where the evaluation switches method (z = 0.999)', () => {
    fc.assert(fc.property(parameters, customer, (p, c) => {
      const t = 999 * (p.alpha + c.T); // z = t / (α + T + t) = 0.999
      const below = expectedPurchases(p, t, c);
      const above = expectedPurchases(p, t * (1 + 1e-12), c);
      return Math.abs(above - below) <= 1e-8 * Math.max(1e-12, below);
    }));
  });

  it('the log-likelihood is finite for valid data', () => {
    fc.assert(fc.property(parameters, fc.array(customer, { minLength: 1, maxLength: 50 }), (p, cs) => Number.isFinite(bgNbdLogLikelihood(p, cs))));
  });
});
