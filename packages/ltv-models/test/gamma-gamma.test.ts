import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedAverageSpend, fitGammaGamma, gammaGammaLogLikelihood, summarizeTransactions } from '../src/index.js';
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
