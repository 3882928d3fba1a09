import { describe, expect, it } from 'vitest';
import { maximizeLikelihood } from '../src/maximum-likelihood.js';

// Two peaks: a lower one at −3 and the maximum at 4.
const twoPeaks = ([theta]: number[]) => Math.log(0.3 * Math.exp(-2 * (theta + 3) ** 2) + Math.exp(-2 * (theta - 4) ** 2));

describe('maximizeLikelihood', () => {
  it('keeps the best of several starts', () => {
    const fromLowerPeak = maximizeLikelihood(twoPeaks, (theta) => theta, [[-3]], 1);
    expect(fromLowerPeak.parameters[0]).toBeCloseTo(-3, 4);
    const fit = maximizeLikelihood(twoPeaks, (theta) => theta, [[-3], [2.5]], 1);
    expect(fit.converged).toBe(true);
    expect(fit.parameters[0]).toBeCloseTo(4, 5);
    expect(fit.logLikelihood).toBeCloseTo(0, 8);
  });

  it('keeps to the bounds and shares one evaluation budget over all starts', () => {
    const bounded = maximizeLikelihood(twoPeaks, (theta) => theta, [[-3], [2.5]], 1, { upper: [3.5] });
    expect(bounded.parameters[0]).toBeCloseTo(3.5, 5);
    const starved = maximizeLikelihood(twoPeaks, (theta) => theta, [[-3], [2.5], [0]], 1, { optimizer: { maxEvaluations: 60 } });
    expect(starved.evaluations).toBeLessThanOrEqual(60 + 4 * 2);
  });
});
