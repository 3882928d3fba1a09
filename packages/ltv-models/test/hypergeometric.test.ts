import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypergeometric2F1, hypergeometricSeriesTail } from '../src/index.js';

// [a, b, c, z, 2F1(a, b; c; z)] computed with mpmath.hyp2f1 at 40 digits.
const REFERENCE: [number, number, number, number, number][] = [
  [1, 1, 2, 0.5, 1.3862943611198906],
  [0.5, 0.5, 1.5, 0.25, 1.0471975511965977],
  [2.5, 1.3, 4.2, 0.7, 2.2360683762299078],
  [0.243, 2.426, 2.219, 0.95, 2.4461866770309917],
  [0.3, 0.7, 1.5, 0.999, 1.444481010263152],
  [1.2, 3.4, 5.6, -0.5, 0.73281204805187397],
  [1.2, 3.4, 5.6, -5, 0.2055049251292253],
  [-3, 2.5, 1.7, 0.9, -0.028418124006359294],
  [0.5, 0.5, 2, 0.97, 1.2407793033561095],
  [1, 1, 2, 0.9999, 9.2112614981261054],
  [2, 3, 5.0000001, 0.98, 20.929218196950346],
  [0.7, 1.1, 0.3, 0.93, 111.02130688504057],
  [10.5, 12.3, 21.9, 0.6, 129.98684092185212],
  [0.2, 0.4, 0.6, 0.99, 1.6533607431559376],
  [5, -0.5, 2.5, 0.95, -9.1528586569405682],
  [0.1, 0.1, 0.3, -0.9, 0.9781418262493826],
];

function expectRelative(value: number, expected: number, tolerance: number): void {
  expect(Math.abs(value - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe('hypergeometric2F1', () => {
  it.each(REFERENCE)('2F1(%d, %d; %d; %d) matches mpmath', (a, b, c, z, expected) => {
    const value = hypergeometric2F1(a, b, c, z);
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected)));
  });

  it('matches closed forms', () => {
    for (const z of [0.1, 0.5, 0.89, 0.91, 0.99, 0.999999]) {
      const s = Math.sqrt(z);
      expectRelative(hypergeometric2F1(1, 1, 2, z), -Math.log1p(-z) / z, 1e-9);
      expectRelative(hypergeometric2F1(0.7, 2.3, 2.3, z), (1 - z) ** -0.7, 1e-9);
      expectRelative(hypergeometric2F1(0.5, 0.5, 1.5, z), Math.asin(s) / s, 1e-9);
    }
    // Gauss's theorem at z = 1: 2F1(a, b; c; 1) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)); here 2F1(1, 1; 3; 1) = 2.
    expect(hypergeometric2F1(1, 1, 3, 1)).toBeCloseTo(2, 12);
    expect(hypergeometric2F1(1.5, 2.5, 3.7, 1)).toBe(Infinity);
  });

  it('is continuous across the switch to the 1 − z transformation', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.double({ min: 0.05, max: 8, noNaN: true }),
        (a, b, c) => {
          // The exact change over 1e-12 is below 1e-9 relative for these parameters.
          const below = hypergeometric2F1(a, b, c, 0.9);
          const above = hypergeometric2F1(a, b, c, 0.9 + 1e-12);
          return Math.abs(above - below) <= 1e-8 * Math.max(1, Math.abs(below));
        },
      ),
    );
  });

  it('agrees with the plain series where both apply (0.9 < z ≤ 0.97)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 6, noNaN: true }),
        fc.double({ min: -3, max: 6, noNaN: true }),
        fc.double({ min: 0.05, max: 12, noNaN: true }),
        fc.double({ min: 0.9001, max: 0.97, noNaN: true }),
        (a, b, c, z) => {
          const series = 1 + hypergeometricSeriesTail(1, ((a * b) / c) * z, a, b, c, z, 1);
          const value = hypergeometric2F1(a, b, c, z);
          return Math.abs(value - series) <= 1e-9 * Math.max(1, Math.abs(series));
        },
      ),
    );
  });

  it('rejects z > 1 and a pole in c', () => {
    expect(() => hypergeometric2F1(1, 1, 2, 1.5)).toThrow(RangeError);
    expect(() => hypergeometric2F1(1, 1, -2, 0.5)).toThrow(RangeError);
    expect(hypergeometric2F1(-1, 1, -2, 0.5)).toBeCloseTo(1.25, 14); // terminates before the pole
  });
});
