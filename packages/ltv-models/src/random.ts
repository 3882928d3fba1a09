/**
 * A small seeded pseudo-random generator and the distributions the simulations need, so benchmarks
 * and tests are reproducible without a dependency. sfc32 (Chris Doty-Humphrey's Small Fast
 * Counting generator) seeded through splitmix32; passes PractRand to well beyond what is used here.
 */
export interface Random {
  /** Uniform on (0, 1): never exactly 0, so logs are safe. */
  uniform(): number;
  normal(): number;
  exponential(rate: number): number;
  /** Gamma with the given shape and rate (mean shape / rate). */
  gamma(shape: number, rate: number): number;
  beta(a: number, b: number): number;
}

export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next32();

  const uniform = (): number => {
    // 53 random bits, shifted by half an ulp so the result lies strictly inside (0, 1).
    const high = next32() >>> 5;
    const low = next32() >>> 6;
    return (high * 67108864 + low + 0.5) / 9007199254740992;
  };
  const normal = (): number => {
    const u = uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const standardGamma = (shape: number): number => {
    if (shape < 1) {
      // Boost: Gamma(k) = Gamma(k + 1) · U^(1/k).
      return standardGamma(shape + 1) * Math.exp(Math.log(uniform()) / shape);
    }
    // Marsaglia & Tsang (2000).
    const d3 = shape - 1 / 3;
    const c3 = 1 / Math.sqrt(9 * d3);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c3 * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x ** 4) return d3 * v;
      if (Math.log(u) < 0.5 * x * x + d3 * (1 - v + Math.log(v))) return d3 * v;
    }
  };
  return {
    uniform,
    normal,
    exponential: (rate) => -Math.log(uniform()) / rate,
    gamma: (shape, rate) => standardGamma(shape) / rate,
    beta: (alpha, beta) => {
      const x = standardGamma(alpha);
      const y = standardGamma(beta);
      return x / (x + y);
    },
  };
}
