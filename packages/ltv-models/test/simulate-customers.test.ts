import { describe, expect, it } from 'vitest';
import { createRandom, fitBgNbd, fitGammaGamma, simulateCustomers } from '../src/index.js';

describe('createRandom', () => {
  it('is reproducible and has the right moments', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect([a.uniform(), a.uniform()]).toEqual([b.uniform(), b.uniform()]);
    const random = createRandom(7);
    const n = 200_000;
    let sum = 0;
    let gammaSum = 0;
    let betaSum = 0;
    for (let i = 0; i < n; i++) {
      sum += random.uniform();
      gammaSum += random.gamma(0.4, 2);
      betaSum += random.beta(0.8, 2.4);
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(gammaSum / n).toBeCloseTo(0.2, 2);
    expect(betaSum / n).toBeCloseTo(0.25, 2);
  });
});

describe('simulateCustomers + fits', () => {
  it('recover the generating parameters from 20,000 customers', () => {
    const truth = { bgNbd: { r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, gammaGamma: { p: 6, q: 4, gamma: 15 } };
    const customers = simulateCustomers({ count: 20_000, seed: 1, ...truth });
    for (const c of customers) {
      expect(c.tx).toBeLessThanOrEqual(c.T);
      expect(c.purchases).toHaveLength(c.x + 1);
    }
    const bg = fitBgNbd(customers).parameters;
    const gg = fitGammaGamma(customers).parameters;
    expect(Math.abs(bg.r / truth.bgNbd.r - 1)).toBeLessThan(0.1);
    expect(Math.abs(bg.alpha / truth.bgNbd.alpha - 1)).toBeLessThan(0.15);
    expect(Math.abs(bg.a / truth.bgNbd.a - 1)).toBeLessThan(0.3);
    expect(Math.abs(bg.b / truth.bgNbd.b - 1)).toBeLessThan(0.3);
    expect(Math.abs(gg.p / truth.gammaGamma.p - 1)).toBeLessThan(0.15);
    expect(Math.abs(gg.q / truth.gammaGamma.q - 1)).toBeLessThan(0.15);
    expect(Math.abs(gg.gamma / truth.gammaGamma.gamma - 1)).toBeLessThan(0.2);
  }, 60_000);
});
