import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedAverageSpend, fitGammaGamma, GAMMA_GAMMA_MAX_SHAPE, gammaGammaLogLikelihood, simulateCustomers, summarizeTransactions } from '../src/index.js';
import { CDNOW_CALIBRATION_END, loadCdnowTransactions } from './cdnow-dataset.js';

const PAPER = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('Gamma-Gamma on CDNOW (Fader, Hardie & Lee 2005b)', () => {
  const summaries = summarizeTransactions(loadCdnowTransactions(), { calibrationEnd: CDNOW_CALIBRATION_END, timeUnit: 'week' });
  const fit = fitGammaGamma(summaries);

  it('reproduces p, q, γ within 1% on the 946 repeat customers', () => {
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
    for (const key of ['p', 'q', 'gamma'] as const) {
      expect(Math.abs(fit.parameters[key] / PAPER[key] - 1), key).toBeLessThan(0.01);
    }
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(PAPER, summaries));
  });

  it('shrinks a customer mean towards the population mean', () => {
    const population = (PAPER.p * PAPER.gamma) / (PAPER.q - 1);
    expect(expectedAverageSpend(PAPER, { x: 0, monetary: 0 })).toBeCloseTo(population, 10);
    const one = expectedAverageSpend(PAPER, { x: 1, monetary: 100 });
    const many = expectedAverageSpend(PAPER, { x: 20, monetary: 100 });
    expect(one).toBeGreaterThan(population);
    expect(many).toBeGreaterThan(one);
    expect(many).toBeLessThan(100);
    // (p(γ + x m)) / (px + q − 1)
    expect(one).toBeCloseTo((PAPER.p * (PAPER.gamma + 100)) / (PAPER.p + PAPER.q - 1), 10);
  });

  it('rejects q ≤ 1 and fits nothing without repeat buyers', () => {
    expect(() => expectedAverageSpend({ p: 1, q: 1, gamma: 1 }, { x: 0, monetary: 0 })).toThrow(RangeError);
    expect(() => fitGammaGamma([{ x: 0, monetary: 0 }])).toThrow(RangeError);
  });

  it('log-likelihood is finite for random valid data', () => {
    fc.assert(
      fc.property(
        fc.record({ p: fc.double({ min: 0.01, max: 50, noNaN: true }), q: fc.double({ min: 0.01, max: 50, noNaN: true }), gamma: fc.double({ min: 0.01, max: 1000, noNaN: true }) }),
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 500 }), monetary: fc.double({ min: 0, max: 1e5, noNaN: true }) }), { minLength: 1, maxLength: 40 }),
        (parameters, customers) => Number.isFinite(gammaGammaLogLikelihood(parameters, customers)),
      ),
    );
  });
});

describe('Gamma-Gamma on customers who all spend alike', () => {
  it.each([1, 2, 3])('converges and recovers p and the mean spend (seed %i)', (seed) => {
    // ν ≈ q/γ = 0.04 for everyone: a mean spend of p/ν = 100 per purchase.
    const truth = { p: 4, q: 1e8, gamma: 2.5e9 };
    const customers = simulateCustomers({ count: 5000, seed, bgNbd: { r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, gammaGamma: truth });
    const fit = fitGammaGamma(customers);
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, customers));
    const { p, q, gamma } = fit.parameters;
    expect(Math.abs(p / 4 - 1)).toBeLessThan(0.05);
    expect(Math.abs((p * gamma) / (q - 1) / 100 - 1)).toBeLessThan(0.02);
    expect(q - 1).toBeLessThanOrEqual(GAMMA_GAMMA_MAX_SHAPE * (1 + 1e-12));
  });

  // Five customers, log-likelihood by mpmath at 60 digits.
  const customers = [{ x: 1, monetary: 100.5 }, { x: 2, monetary: 37.25 }, { x: 3, monetary: 180 }, { x: 5, monetary: 64.1 }, { x: 12, monetary: 22.9 }];
  it.each([
    [6.25, 3.74, 15.44, -29.603228734071323],
    [4, 1e6, 2.5e7, -59.82844593847793],
    [4, 1e10, 2.5e11, -59.829169102235858],
    [3.7, 1e8, 2.9e9, -59.658787768271162],
  ])("log-likelihood is accurate towards the model's limit too: p=%d q=%d γ=%d", (p, q, gamma, expected) => {
    expect(Math.abs(gammaGammaLogLikelihood({ p, q, gamma }, customers) / expected - 1)).toBeLessThan(1e-12);
  });
});
