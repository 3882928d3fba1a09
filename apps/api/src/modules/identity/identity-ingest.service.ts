// Resolution of source records into persons: normalize at the edge, then per batch load the
// neighbourhood, let the engine decide, and apply its plan, all in one transaction per batch.
import {
  DEFAULT_BLOCK_LIST,
  identifierKey,
  addMetrics,
  emptyMetrics,
  extendBlockList,
  normalizePhone,
  normalizeRecord,
  resolveBatch,
  resolveBatchInSlices,
  independentGroups,
  type IngestOptions,
  type NormalizedRecord,
  type RecordOutcome,
  type ResolutionPlan,
  type ResolutionMetrics,
  type SourceRecordInput,
} from '@spine/identity-core';
import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../../config.js';
import { withTransaction } from '../../database/transaction.js';
import type { MergeService } from '../review/merge.service.js';
import { newestPerKey, type TraitService } from '../traits/trait.service.js';
import { traitKeyProblem, type TraitWrite } from '../traits/trait-write.js';
import type { SuppressionService } from '../privacy/suppression.service.js';
import { PostgresIdentityStore } from './postgres-identity-store.js';

export interface IngestedOutcome extends Omit<RecordOutcome, 'candidateRef'> {
  mergeCandidateId: string | null;
}

export interface IdentityIngestResult {
  metrics: ResolutionMetrics;
  outcomes: IngestedOutcome[];
  /** Milliseconds per phase (snapshot load, engine, each group of writes). */
  timings?: Record<string, number>;
}

export const DEFAULT_INGEST_BATCH_SIZE = 2000;

/**
 * Bulk batches of GROUPED_FROM records or more are resolved and written in independent groups of
 * about these shares of the batch (see ingestNormalized): a small first one, so that PostgreSQL
 * starts writing early, then larger ones, each resolved while the one before is written.
 */
export const DEFAULT_GROUP_SHARES: readonly number[] = [0.05, 0.2, 0.25, 0.25, 0.25];
export const GROUPED_FROM = 10_000;
/**
 * Records resolved between two turns of the writes (resolveBatchInSlices): each statement of the
 * groups being written waits for the slice under way before it is sent. 100 records are about 2 ms;
 * 500 left PostgreSQL idle about 0.1 s longer per medium import.
 */
const RESOLVE_SLICE = 100;

/** Engine options from configuration: phone region, automatic merging, hub threshold, block list. */
export function ingestOptionsFrom(config: Config['identity']): IngestOptions {
  const extra = { emails: [] as string[], phones: [] as string[], names: [] as string[] };
  for (const value of config.blockedValues ?? []) {
    if (value.includes('@')) extra.emails.push(value.toLowerCase());
    else {
      const phone = normalizePhone(value, { defaultRegion: config.defaultPhoneRegion });
      if (phone.ok) extra.phones.push(phone.value);
      else extra.names.push(value.toLowerCase());
    }
  }
  return {
    defaultRegion: config.defaultPhoneRegion,
    autoMerge: config.autoMerge,
    hubThreshold: config.hubThreshold,
    blockList: config.blockedValues ? extendBlockList(extra, DEFAULT_BLOCK_LIST) : DEFAULT_BLOCK_LIST,
  };
}

export class IdentityIngestService {
  /**
   * A record's `traits` are observations about its person, made by its provider at observedAt:
   * set on the person with the usual precedence (newest observation wins). Unusable keys are
   * reported on the record's outcome, never silently dropped.
   */
  private async writeRecordTraits(tx: EntityManager, batch: NormalizedRecord[], outcomes: readonly RecordOutcome[]): Promise<Map<number, string[]>> {
    const issues = new Map<number, string[]>();
    const writes: TraitWrite[] = [];
    if (!batch.some((record) => record.payload.traits !== undefined && record.payload.traits !== null)) return issues;
    const byIndex = new Map(batch.map((record) => [record.index, record]));
    for (const outcome of outcomes) {
      const record = byIndex.get(outcome.index);
      const traits = record?.payload.traits;
      if (!outcome.personId || !record || !traits || outcome.action === 'UNCHANGED') continue;
      if (typeof traits !== 'object' || Array.isArray(traits)) {
        issues.set(outcome.index, ['traits: must be a JSON object; ignored']);
        continue;
      }
      for (const [key, value] of Object.entries(traits)) {
        const problem = traitKeyProblem(key);
        if (problem) {
          issues.set(outcome.index, [...(issues.get(outcome.index) ?? []), `traits: ${problem}; ignored`]);
          continue;
        }
        writes.push({ personId: outcome.personId, key, value, type: null, source: record.provider, setOnce: false, observedAt: record.observedAt, expiresAt: null });
      }
    }
    await this.traits.write(tx, newestPerKey(writes));
    return issues;
  }

  private readonly options: IngestOptions;

  constructor(
    config: Config['identity'],
    private readonly merges: MergeService,
    private readonly traits: TraitService,
    private readonly suppression: SuppressionService,
  ) {
    this.options = ingestOptionsFrom(config);
  }

  normalize(inputs: readonly SourceRecordInput[], offset = 0): NormalizedRecord[] {
    return inputs.map((input, index) => normalizeRecord(input, this.options, offset + index));
  }

  /** Resolves records in batches; each batch is one transaction (all or nothing), retried on races. */
  async ingest(
    db: DataSource,
    inputs: readonly SourceRecordInput[],
    options: { batchSize?: number; actor?: string; onBatch?: (done: number, metrics: ResolutionMetrics) => void } = {},
  ): Promise<IdentityIngestResult> {
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_INGEST_BATCH_SIZE);
    const metrics = emptyMetrics();
    const outcomes: IngestedOutcome[] = [];
    for (let start = 0; start < inputs.length; start += batchSize) {
      const batch = this.normalize(inputs.slice(start, start + batchSize), start);
      const result = await this.ingestNormalized(db, batch, options.actor ?? 'identity-resolution');
      addMetrics(metrics, result.metrics);
      outcomes.push(...result.outcomes);
      options.onBatch?.(Math.min(inputs.length, start + batchSize), metrics);
    }
    return { metrics, outcomes };
  }

  /**
   * `bulk` (spine import) commits without waiting for the WAL to reach the disk: a crash may lose
   * the last batches reported as written, never a batch in part, and an import is idempotent, so
   * running it again redoes them (and finds the others UNCHANGED).
   *
   * `groupShares` splits the batch into independent groups of about those shares whatever its
   * size (bulk batches of GROUPED_FROM records or more use DEFAULT_GROUP_SHARES).
   */
  async ingestNormalized(
    db: DataSource,
    batch: NormalizedRecord[],
    actor: string,
    options: { bulk?: boolean; groupShares?: readonly number[] } = {},
  ): Promise<IdentityIngestResult> {
    return withTransaction(db, async (tx) => {
      const store = await this.openStore(tx, actor, options);
      return this.ingestInTransaction(tx, store, batch, options);
    });
  }

  /**
   * ingestNormalized of a batch still being normalized, slice by slice (spine import, for batches
   * wide enough to lock the whole graph anyway): the transaction starts at once with the whole
   * graph's lock, and what the store knows under each slice's keys is looked up as the slice
   * arrives, in PostgreSQL, while Node normalizes the next ones. The result is ingestNormalized's
   * for the whole batch.
   */
  async ingestNormalizing(
    db: DataSource,
    slices: AsyncIterable<NormalizedRecord[]>,
    actor: string,
    options: { bulk?: boolean; groupShares?: readonly number[] } = {},
  ): Promise<IdentityIngestResult> {
    // Slices received so far: a retried transaction (deadlock, serialization) starts from them.
    const received: NormalizedRecord[][] = [];
    const source = slices[Symbol.asyncIterator]();
    let exhausted = false;
    return withTransaction(db, async (tx) => {
      const store = await this.openStore(tx, actor, options);
      await store.lockWholeGraph();
      for (const slice of received) store.prefetch(slice);
      while (!exhausted) {
        const next = await source.next();
        if (next.done) exhausted = true;
        else {
          received.push(next.value);
          store.prefetch(next.value);
        }
      }
      return this.ingestInTransaction(tx, store, received.flat(), options);
    });
  }

  /** The store of one transaction; bulk ones commit without waiting for the WAL flush (see ingestNormalized). */
  private async openStore(tx: EntityManager, actor: string, options: { bulk?: boolean }): Promise<PostgresIdentityStore> {
    if (options.bulk) await tx.query('SET LOCAL synchronous_commit = off');
    return new PostgresIdentityStore(tx, this.merges, actor, { bulk: options.bulk });
  }

  /** The batch's resolution and writes inside the caller's transaction, with the store it opened. */
  private async ingestInTransaction(
    tx: EntityManager,
    store: PostgresIdentityStore,
    batch: NormalizedRecord[],
    options: { bulk?: boolean; groupShares?: readonly number[] },
  ): Promise<IdentityIngestResult> {
    const started = performance.now();
    // Identifiers of erased persons are refused: the whole record is REJECTED, nothing is written.
    const suppressed = await this.suppression.suppressed(tx, () =>
      batch.flatMap((record) => record.identifiers.map((identifier) => ({ kind: identifier.kind, key: identifierKey(identifier) }))),
    );
    const refused = suppressed.size === 0 ? [] : batch.filter((record) => record.identifiers.some((identifier) => suppressed.has(identifierKey(identifier))));
    const refusedSet = new Set(refused);
    const accepted = refused.length === 0 ? batch : batch.filter((record) => !refusedSet.has(record));
    const snapshot = await store.loadSnapshot(accepted);
    const loaded = performance.now();
    // Bulk: the batch is resolved in groups that share nothing (independentGroups: each resolves
    // as it would in the whole batch), and each group's rows are written while the next one is
    // resolved, so that PostgreSQL and Node work at the same time.
    const shares = options.groupShares ?? (options.bulk && accepted.length >= GROUPED_FROM ? DEFAULT_GROUP_SHARES : undefined);
    const groups = shares ? independentGroups(accepted, snapshot, shares) : [accepted];
    const plans: ResolutionPlan[] = [];
    let resolving = 0;
    let writing: Promise<void> = Promise.resolve();
    try {
      for (const group of groups) {
        // In slices: between them, the previous groups' writes get the thread (their COPY text is
        // built on it, and each statement's answer is read on it).
        let sliceStarted = performance.now();
        const pause = async () => {
          resolving += performance.now() - sliceStarted;
          await new Promise((resolve) => setImmediate(resolve));
          sliceStarted = performance.now();
        };
        const groupPlan = groups.length === 1 ? resolveBatch(group, snapshot, this.options) : await resolveBatchInSlices(group, snapshot, this.options, pause, RESOLVE_SLICE);
        resolving += performance.now() - sliceStarted;
        plans.push(groupPlan);
        writing = writing.then(() => store.applyPlan(groupPlan));
      }
    } catch (error) {
      // A failed resolution leaves no write running when the transaction rolls back.
      await writing.catch(() => undefined);
      throw error;
    }
    // A failed write surfaces at `await writing` below, not as an unhandled rejection meanwhile.
    writing.catch(() => undefined);
    // The outcomes are put together while the last groups are still being written.
    const plan: Pick<ResolutionPlan, 'outcomes' | 'metrics'> = { outcomes: plans.flatMap((part) => part.outcomes), metrics: plans.reduce((total, part) => addMetrics(total, part.metrics), emptyMetrics()) };
    for (const record of refused) {
      plan.outcomes.push({
        index: record.index,
        provider: record.provider,
        externalId: record.externalId,
        action: 'REJECTED',
        personId: null,
        matchedBy: null,
        candidateRef: null,
        error: 'an identifier of this record belongs to an erased person: it is suppressed and cannot be ingested again',
        issues: [],
      });
      plan.metrics.fetched += 1;
      plan.metrics.errors += 1;
    }
    plan.outcomes.sort((a, b) => a.index - b.index);
    await writing;
    const tracing = performance.now();
    const traitIssues = await this.writeRecordTraits(tx, accepted, plan.outcomes);
    const traced = performance.now();
    return {
      metrics: plan.metrics,
      // Where the time went, for `spine import --json` and benchmarks.
      // With groups, the writes of one overlap the resolution of the next: the phases add up to more than the time taken.
      timings: { load: Math.round(loaded - started), resolve: Math.round(resolving), ...store.timings, traits: Math.round(traced - tracing) },
      outcomes: plan.outcomes.map((outcome) => {
        const traitIssue = traitIssues.get(outcome.index);
        return {
          index: outcome.index,
          provider: outcome.provider,
          externalId: outcome.externalId,
          action: outcome.action,
          personId: outcome.personId,
          matchedBy: outcome.matchedBy,
          error: outcome.error,
          issues: traitIssue ? [...outcome.issues, ...traitIssue] : outcome.issues,
          mergeCandidateId: store.candidateId(outcome.candidateRef),
        };
      }),
    };
  }
}
