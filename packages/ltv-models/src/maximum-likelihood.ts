import { DEFAULT_MAX_EVALUATIONS, minimizeNelderMead, type NelderMeadOptions } from './nelder-mead.js';

export interface MaximumLikelihoodFit<P> {
  parameters: P;
  /** Total log-likelihood at the optimum. */
  logLikelihood: number;
  customers: number;
  evaluations: number;
  converged: boolean;
}

/** |θ| beyond this is out of bounds unless the model says otherwise (exp(30) is no parameter value). */
const DEFAULT_BOUND = 30;

/** Scouting a start stops at this relative spread of values and this extent in θ. */
const SCOUT_TOLERANCES = { valueTolerance: 1e-6, pointTolerance: 1e-3, maxRestarts: 0 };

/**
 * Maximum likelihood by Nelder–Mead (with restarts) on unconstrained coordinates θ, mapped to the
 * model's parameters by `toParameters` (exp and the like). Minimizes the mean negative
 * log-likelihood over the n customers; θ outside [lower, upper] (default ±30) is out of bounds.
 * With several starts, each is first scouted to loose tolerances and the best scouted point is then
 * refined to the optimizer's: a likelihood surface can hold a local optimum or a flat ridge that one
 * start follows and another avoids, and scouting costs a fraction of a full run. Evaluations add up
 * over all runs; `converged` is the refinement's.
 */
export function maximizeLikelihood<P>(
  logLikelihood: (parameters: P) => number,
  toParameters: (theta: number[]) => P,
  starts: readonly number[][],
  customers: number,
  options: { optimizer?: NelderMeadOptions; lower?: readonly number[]; upper?: readonly number[] } = {},
): MaximumLikelihoodFit<P> {
  const lower = options.lower ?? starts[0].map(() => -DEFAULT_BOUND);
  const upper = options.upper ?? starts[0].map(() => DEFAULT_BOUND);
  const outside = (theta: number[]) => theta.some((v, i) => !(v >= lower[i] && v <= upper[i]));
  const objective = (theta: number[]) => (outside(theta) ? Infinity : -logLikelihood(toParameters(theta)) / customers);
  const clamp = (theta: readonly number[]) => theta.map((v, i) => Math.min(upper[i], Math.max(lower[i], v)));
  const budget = options.optimizer?.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  let evaluations = 0;
  let start = clamp(starts[0]);
  if (starts.length > 1) {
    // Scouting may take half the budget, shared out over the starts; refining has the rest.
    const scoutBudget = Math.floor(budget / (2 * starts.length));
    let bestValue = Infinity;
    for (const candidate of starts) {
      const scouted = minimizeNelderMead(objective, clamp(candidate), { ...options.optimizer, ...SCOUT_TOLERANCES, maxEvaluations: scoutBudget });
      evaluations += scouted.evaluations;
      if (scouted.value < bestValue) {
        bestValue = scouted.value;
        start = scouted.point;
      }
    }
  }
  const result = minimizeNelderMead(objective, start, { ...options.optimizer, maxEvaluations: Math.max(budget - evaluations, 0) });
  evaluations += result.evaluations;
  return {
    parameters: toParameters(result.point),
    logLikelihood: -result.value * customers,
    customers,
    evaluations,
    converged: result.converged,
  };
}
