import { describe, expect, it } from 'vitest';
import { minimizeNelderMead } from '../src/index.js';

const rosenbrock = (x: number[]): number => {
  let sum = 0;
  for (let i = 0; i < x.length - 1; i++) sum += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return sum;
};

describe('minimizeNelderMead', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const result = minimizeNelderMead((x) => (x[0] - 3) ** 2 + 10 * (x[1] + 2) ** 2 + (x[2] - 0.5) ** 2, [0, 0, 0]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(3, 5);
    expect(result.point[1]).toBeCloseTo(-2, 5);
    expect(result.point[2]).toBeCloseTo(0.5, 5);
  });

  it.each([2, 4])('solves the %i-dimensional Rosenbrock valley', (n) => {
    const result = minimizeNelderMead(rosenbrock, new Array(n).fill(-1.2), { maxEvaluations: 50_000 });
    expect(result.converged).toBe(true);
    for (const x of result.point) expect(x).toBeCloseTo(1, 4);
    expect(result.value).toBeLessThan(1e-9);
  });

  it('backs away from non-finite values', () => {
    const result = minimizeNelderMead((x) => (x[0] <= 0 ? NaN : x[0] - Math.log(x[0])), [3]);
    expect(result.point[0]).toBeCloseTo(1, 5);
  });

  it('stops at the evaluation budget and says so', () => {
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 30 });
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(35);
    expect(Number.isFinite(result.value)).toBe(true);
  });
});
