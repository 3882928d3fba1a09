/**
 * Nelder–Mead simplex minimizer with restarts, for the small (3–4 parameter) smooth likelihoods here.
 *
 * Uses the adaptive coefficients of Gao & Han (2012), which behave better than the classic
 * (1, 2, 0.5, 0.5) as the dimension grows, and restarts from the best point with a fresh simplex
 * until a restart no longer improves the value: a collapsed simplex is the method's usual failure.
 * Non-finite objective values are treated as +Infinity, so the simplex simply backs away from them.
 */

/** Default budget of objective evaluations over all restarts. */
export const DEFAULT_MAX_EVALUATIONS = 20_000;

export interface NelderMeadOptions {
  /** Initial simplex edge along each axis (absolute); default 0.5. */
  initialStep?: number;
  /** Converged when the simplex's value spread and its extent both fall below these; defaults 1e-10, 1e-6. */
  valueTolerance?: number;
  pointTolerance?: number;
  /** Budget of objective evaluations over all restarts; default 20,000. */
  maxEvaluations?: number;
  /** At most this many restarts after the first run; default 10. */
  maxRestarts?: number;
}

export interface MinimizeResult {
  point: number[];
  value: number;
  evaluations: number;
  restarts: number;
  /** False when the evaluation budget ran out before the tolerances were met. */
  converged: boolean;
}

export function minimizeNelderMead(
  objective: (point: number[]) => number,
  start: number[],
  options: NelderMeadOptions = {},
): MinimizeResult {
  const step = options.initialStep ?? 0.5;
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const pointTolerance = options.pointTolerance ?? 1e-6;
  const maxEvaluations = options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  const maxRestarts = options.maxRestarts ?? 10;

  let evaluations = 0;
  const f = (point: number[]): number => {
    evaluations++;
    const value = objective(point);
    return Number.isFinite(value) ? value : Infinity;
  };

  let best = { point: [...start], value: f(start) };
  let converged = false;
  let restarts = 0;
  for (let run = 0; run <= maxRestarts; run++) {
    const result = singleRun(f, best.point, best.value, step, valueTolerance, pointTolerance, () => evaluations < maxEvaluations);
    const improvement = best.value - result.value;
    const improved = result.value < best.value;
    if (improved) best = { point: result.point, value: result.value };
    converged = result.converged;
    if (run > 0) restarts = run;
    if (!result.converged) break;
    // A restart that moves the optimum by less than the tolerance confirms convergence.
    if (run > 0 && !(improvement > valueTolerance * (1 + Math.abs(best.value)))) break;
  }
  return { point: best.point, value: best.value, evaluations, restarts, converged };
}

function singleRun(
  f: (point: number[]) => number,
  start: number[],
  startValue: number,
  step: number,
  valueTolerance: number,
  pointTolerance: number,
  hasBudget: () => boolean,
): { point: number[]; value: number; converged: boolean } {
  const n = start.length;
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;

  const simplex: { point: number[]; value: number }[] = [{ point: [...start], value: startValue }];
  for (let i = 0; i < n; i++) {
    const point = [...start];
    point[i] += step;
    simplex.push({ point, value: f(point) });
  }

  while (hasBudget()) {
    simplex.sort((p, q) => p.value - q.value);
    const bestVertex = simplex[0];
    const worst = simplex[n];
    const spread = Math.abs(worst.value - bestVertex.value);
    let extent = 0;
    for (let i = 1; i <= n; i++) {
      for (let j = 0; j < n; j++) extent = Math.max(extent, Math.abs(simplex[i].point[j] - bestVertex.point[j]));
    }
    if (spread <= valueTolerance * (1 + Math.abs(bestVertex.value)) && extent <= pointTolerance) {
      return { ...bestVertex, converged: true };
    }

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i].point[j] / n;
    const along = (t: number): number[] => centroid.map((c, j) => c + t * (worst.point[j] - c));

    const reflected = along(-alpha);
    const reflectedValue = f(reflected);
    if (reflectedValue < bestVertex.value) {
      const expanded = along(-alpha * beta);
      const expandedValue = f(expanded);
      simplex[n] = expandedValue < reflectedValue
        ? { point: expanded, value: expandedValue }
        : { point: reflected, value: reflectedValue };
      continue;
    }
    if (reflectedValue < simplex[n - 1].value) {
      simplex[n] = { point: reflected, value: reflectedValue };
      continue;
    }
    const outside = reflectedValue < worst.value;
    const contracted = along(outside ? -alpha * gamma : gamma);
    const contractedValue = f(contracted);
    if (contractedValue < (outside ? reflectedValue : worst.value)) {
      simplex[n] = { point: contracted, value: contractedValue };
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const point = simplex[i].point.map((x, j) => bestVertex.point[j] + delta * (x - bestVertex.point[j]));
      simplex[i] = { point, value: f(point) };
    }
  }
  simplex.sort((p, q) => p.value - q.value);
  return { ...simplex[0], converged: false };
}
