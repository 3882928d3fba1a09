import type { NormalizedRecord } from '../normalize/normalize-record.js';
import type { ResolutionPlan, Snapshot } from '../types.js';

/**
 * Where the identity graph lives. The in-memory store and the API's Postgres adapter implement the
 * same two calls, so the engine runs unchanged on both.
 */
export interface IdentityStore {
  /** The depth-1 neighbourhood of the batch (see Snapshot). */
  loadSnapshot(batch: NormalizedRecord[]): Promise<Snapshot>;
  /** Applies the delta, in the order of the plan's fields, atomically. */
  applyPlan(plan: ResolutionPlan): Promise<void>;
}
