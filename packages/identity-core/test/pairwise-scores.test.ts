import { describe, expect, it } from 'vitest';
import { pairwiseScores } from '../src/index.js';

describe('pairwiseScores', () => {
  it('counts pairs from cluster sizes; unresolved records are their own person', () => {
    const truth = new Map([['a', 'P1'], ['b', 'P1'], ['c', 'P1'], ['d', 'P2'], ['e', 'P2']]);
    // Predicted: {a, b, d} together, c unresolved, e alone.
    const predicted = new Map<string, string | null>([['a', 'X'], ['b', 'X'], ['c', null], ['d', 'X'], ['e', 'Y']]);
    const scores = pairwiseScores(truth, predicted);
    expect(scores.truePairs).toBe(4); // ab ac bc de
    expect(scores.predictedPairs).toBe(3); // ab ad bd
    expect(scores.correctPairs).toBe(1); // ab
    expect(scores.precision).toBeCloseTo(1 / 3);
    expect(scores.recall).toBeCloseTo(1 / 4);
  });

  it('is perfect on the truth itself', () => {
    const truth = new Map([['a', 'P1'], ['b', 'P1'], ['c', 'P2']]);
    const scores = pairwiseScores(truth, truth);
    expect(scores.precision).toBe(1);
    expect(scores.recall).toBe(1);
  });
});
