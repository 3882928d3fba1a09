export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs of records predicted together. */
  predictedPairs: number;
  /** Pairs of records truly together. */
  truePairs: number;
  /** Pairs both predicted and truly together. */
  correctPairs: number;
  records: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * Pairwise precision and recall of a clustering of records, from cluster sizes (no O(n²)).
 * `truth` maps every record key to its real person; `predicted` maps record keys to the resolved
 * person, null or missing when unresolved: such a record is a person of its own.
 */
export function pairwiseScores(truth: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string | null>): PairwiseScores {
  const truthSizes = new Map<string, number>();
  const predictedSizes = new Map<string, number>();
  const jointSizes = new Map<string, number>();
  for (const [record, person] of truth) {
    const cluster = predicted.get(record);
    truthSizes.set(person, (truthSizes.get(person) ?? 0) + 1);
    if (cluster === null || cluster === undefined) continue;
    predictedSizes.set(cluster, (predictedSizes.get(cluster) ?? 0) + 1);
    const joint = `${cluster}\u0000${person}`;
    jointSizes.set(joint, (jointSizes.get(joint) ?? 0) + 1);
  }
  let truePairs = 0;
  for (const size of truthSizes.values()) truePairs += pairs(size);
  let predictedPairs = 0;
  for (const size of predictedSizes.values()) predictedPairs += pairs(size);
  let correctPairs = 0;
  for (const size of jointSizes.values()) correctPairs += pairs(size);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, predictedPairs, truePairs, correctPairs, records: truth.size };
}
