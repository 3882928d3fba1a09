import { normalizeRecord, type NormalizeOptions, type NormalizedRecord } from '../normalize/normalize-record.js';
import type { RecordOutcome, ResolutionMetrics, SourceRecordInput } from '../types.js';
import type { IdentityStore } from './identity-store.js';
import { resolveBatch } from './resolve-batch.js';
import type { ResolutionOptions } from './resolution-options.js';

export interface IngestOptions extends ResolutionOptions, NormalizeOptions {
  /** Records resolved per snapshot (default 1000). */
  batchSize?: number;
}

export interface IngestResult {
  outcomes: RecordOutcome[];
  metrics: ResolutionMetrics;
}

export function emptyMetrics(): ResolutionMetrics {
  return { fetched: 0, created: 0, updated: 0, linked: 0, unchanged: 0, ambiguous: 0, errors: 0, merges: 0, quarantined: 0 };
}

export function addMetrics(total: ResolutionMetrics, batch: ResolutionMetrics): ResolutionMetrics {
  for (const key of Object.keys(total) as (keyof ResolutionMetrics)[]) total[key] += batch[key];
  return total;
}

/** Normalizes the inputs, then for each batch loads a snapshot, resolves it and applies the plan. */
export async function ingestRecords(store: IdentityStore, inputs: readonly SourceRecordInput[], options: IngestOptions = {}): Promise<IngestResult> {
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const outcomes: RecordOutcome[] = [];
  const metrics = emptyMetrics();
  for (let start = 0; start < inputs.length; start += batchSize) {
    const batch: NormalizedRecord[] = [];
    for (let index = start; index < Math.min(inputs.length, start + batchSize); index += 1) batch.push(normalizeRecord(inputs[index], options, index));
    const snapshot = await store.loadSnapshot(batch);
    const plan = resolveBatch(batch, snapshot, options);
    await store.applyPlan(plan);
    outcomes.push(...plan.outcomes);
    addMetrics(metrics, plan.metrics);
  }
  return { outcomes, metrics };
}
