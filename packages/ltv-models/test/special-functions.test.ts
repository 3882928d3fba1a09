import { describe, expect, it } from 'vitest';
import { expm1Ratio, logBeta, logGamma, logGammaRatio, logGammaWithSign, logSumExp } from '../src/index.js';

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

describe('logGammaRatio', () => {
  // [x, s, log Γ(x + s) − log Γ(x)] by mpmath at 50 digits, on both sides of the switch to Stirling's series at 10.
  it.each([
    [0.243, 0.001, -0.0043420463580907375],
    [0.243, 40, 106.20781011580172],
    [0.243, 10000, 82100.637556370439],
    [5, 3.7, 6.789707854780697],
    [9.99, 0.001, 0.0022507530094608604],
    [9.99, 40, 131.7474098453951],
    [10, 0.001, 0.0022518051703930194],
    [10, 1, 2.3025850929940457],
    [10, 10000, 82179.023571257732],
    [12.5, 3.7, 9.714410904681362],
    [999, 0.001, 0.0069062546953987287],
    [999, 40, 277.04088006454282],
    [1e6, 0.001, 0.013815510058464191],
    [1e6, 3.7, 51.117394059462486],
    [1e6, 10000, 138204.93476617625],
    [1e10, 1, 23.025850929940457],
    [1e10, 40, 921.03403727561827],
    [1e15, 0.001, 0.034538776394910685],
    [1e15, 10000, 345387.76394915685],
  ])('log Γ(%d + %d) − log Γ(%d)', (x, s, expected) => {
    expect(Math.abs(logGammaRatio(x, s) / expected - 1)).toBeLessThan(1e-12);
  });

  it('is 0 for s = 0', () => {
    expect(logGammaRatio(0.5, 0)).toBe(0);
    expect(logGammaRatio(1e9, 0)).toBe(0);
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
