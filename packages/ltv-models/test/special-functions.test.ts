import { describe, expect, it } from 'vitest';
import { expm1Ratio, logBeta, logGamma, logGammaWithSign, logSumExp } from '../src/index.js';

describe('logGamma', () => {
  it.each([
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1, 0],
    [2, 0],
    [10, Math.log(362880)],
    [0.243, 1.3180435846996699], // mpmath.loggamma
    [1e-5, 11.512919692895826],
    [171.5, 709.14316303092824],
    [3e7, 486501230.49937743],
  ])('logGamma(%d)', (x, expected) => {
    const error = Math.abs(logGamma(x) - expected);
    expect(error).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected)));
  });

  it('is +Infinity at 0 and NaN for negative arguments', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-1.5)).toBeNaN();
  });

  it('gives the sign of Γ for negative arguments and 0 at poles', () => {
    // Γ(-0.5) = -2√π, Γ(-1.5) = 4√π/3
    expect(logGammaWithSign(-0.5)).toEqual({ log: expect.closeTo(Math.log(2 * Math.sqrt(Math.PI)), 12), sign: -1 });
    expect(logGammaWithSign(-1.5)).toEqual({ log: expect.closeTo(Math.log((4 * Math.sqrt(Math.PI)) / 3), 12), sign: 1 });
    expect(logGammaWithSign(-2).sign).toBe(0);
  });
});

describe('logBeta, logSumExp, expm1Ratio', () => {
  it('logBeta(2, 3) = log(1/12)', () => expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13));
  it('logSumExp avoids overflow and handles -Infinity', () => {
    expect(logSumExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp(-Infinity, 3)).toBe(3);
    expect(logSumExp(-1000, -1001)).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 12);
  });
  it('expm1Ratio has the right limit at b = 0', () => {
    expect(expm1Ratio(0, -2)).toBe(-2);
    expect(expm1Ratio(1e-12, -2)).toBeCloseTo(-2, 10);
    expect(expm1Ratio(0.5, -2)).toBeCloseTo(Math.expm1(-1) / 0.5, 14);
  });
});
