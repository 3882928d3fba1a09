import { minimizeNelderMead, type NelderMeadOptions } from './nelder-mead.js';

export interface MaximumLikelihoodFit<P> {
  parameters: P;
  /** Total log-likelihood at the optimum. */
  logLikelihood: number;
  customers: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Maximum likelihood by Nelder–Mead (with restarts) on unconstrained coordinates θ, mapped to the
 * model's parameters by `toParameters` (exp and the like). Minimizes the mean negative
 * log-likelihood over the n customers; |θ| > 30 is out of bounds (exp(30) is no parameter value).
 */
export function maximizeLikelihood<P>(
  logLikelihood: (parameters: P) => number,
  toParameters: (theta: number[]) => P,
  start: number[],
  customers: number,
  optimizer?: NelderMeadOptions,
): MaximumLikelihoodFit<P> {
  const result = minimizeNelderMead(
    (theta) => (theta.some((v) => Math.abs(v) > 30) ? Infinity : -logLikelihood(toParameters(theta)) / customers),
    start,
    optimizer,
  );
  return {
    parameters: toParameters(result.point),
    logLikelihood: -result.value * customers,
    customers,
    evaluations: result.evaluations,
    converged: result.converged,
  };
}
