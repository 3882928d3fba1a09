// Lifetime value and engagement: loads purchases from events, fits BG/NBD + Gamma-Gamma with
// @spine/ltv-models, and writes every purchaser's value and RFM scores in one transaction.
import {
  expectedPurchases,
  scoreCustomers,
  summarizeTransactions,
  type CustomerScore,
  type CustomerSummary,
  type LtvModels,
  type NelderMeadOptions,
  type TimeUnit,
  type Transaction,
  type ValuePeriod,
} from '@spine/ltv-models';
import type { DataSource } from 'typeorm';
import { one, rows, type Db } from '../../database/sql.js';
import { withTransaction } from '../../database/transaction.js';
import { badInput } from '../../graphql/errors.js';
import { computeModels, type ComputationInput } from './model-computation.js';
import { loadPurchaseDays, MS_PER_DAY, type PurchaseDay, type PurchaseDefinition } from './purchase-history.js';

export interface LifetimeValueSettings {
  purchases: PurchaseDefinition;
  timeUnit: TimeUnit;
  horizon: number;
  period: ValuePeriod;
  discountRate: number;
  /** The fits' optimizer settings (evaluation budget, tolerances); the package's defaults without. */
  optimizer?: NelderMeadOptions;
}

export type ModelPurpose = 'FIT' | 'RECOMPUTE';

export interface LtvModelRecord {
  id: string;
  purpose: ModelPurpose;
  timeUnit: TimeUnit;
  calibrationEnd: Date;
  r: number;
  alpha: number;
  a: number;
  b: number;
  p: number | null;
  q: number | null;
  gamma: number | null;
  logLikelihood: number;
  gammaGammaLogLikelihood: number | null;
  customers: number;
  repeatCustomers: number;
  fallbackSpend: number;
  evaluations: number;
  converged: boolean;
  fittedAt: Date;
}

export interface RecomputeOutcome {
  persons: number;
  customers: number;
  removed: number;
  skippedEvents: number;
  /** ISO 4217 code the values were written in. */
  currency: string;
  /** Purchase events with an amount left out because their currency has no rate. */
  skippedCurrencyEvents: number;
  /** Those events' currencies, as they name them, with how many each, most first. */
  skippedCurrencies: { currency: string; events: number }[];
  model: LtvModelRecord | null;
  durationMs: number;
  /** Where the time went, in ms: loading purchases, summarizing + fitting + scoring (worker thread), writing. */
  phases: { load: number; compute: number; write: number };
}

const TIME_UNITS: readonly TimeUnit[] = ['day', 'week'];
// Rows per INSERT … SELECT FROM unnest(…): large enough to be few statements, small enough to
// keep each message to a few megabytes.
const WRITE_CHUNK = 20_000;
// pg_advisory_xact_lock key for the write phase of a recompute ("spine-ltv").
export const RECOMPUTE_LOCK_KEY = 0x5350_4c54;

const MODEL_COLUMNS = `id, purpose, time_unit, calibration_end, r, alpha, a, b, p, q, gamma, log_likelihood, gamma_gamma_log_likelihood,
  customers, repeat_customers, fallback_spend, evaluations, converged, fitted_at`;

interface ModelRow {
  id: string;
  purpose: ModelPurpose;
  time_unit: TimeUnit;
  calibration_end: Date;
  r: number;
  alpha: number;
  a: number;
  b: number;
  p: number | null;
  q: number | null;
  gamma: number | null;
  log_likelihood: number;
  gamma_gamma_log_likelihood: number | null;
  customers: number;
  repeat_customers: number;
  fallback_spend: number;
  evaluations: number;
  converged: boolean;
  fitted_at: Date;
}

export function toModelRecord(row: ModelRow): LtvModelRecord {
  return {
    id: row.id,
    purpose: row.purpose,
    timeUnit: row.time_unit,
    calibrationEnd: row.calibration_end,
    r: row.r,
    alpha: row.alpha,
    a: row.a,
    b: row.b,
    p: row.p,
    q: row.q,
    gamma: row.gamma,
    logLikelihood: row.log_likelihood,
    gammaGammaLogLikelihood: row.gamma_gamma_log_likelihood,
    customers: row.customers,
    repeatCustomers: row.repeat_customers,
    fallbackSpend: row.fallback_spend,
    evaluations: row.evaluations,
    converged: row.converged,
    fittedAt: row.fitted_at,
  };
}

/** The most recent model (of a purpose, or any). */
export async function loadLatestModel(db: Db, purpose?: ModelPurpose): Promise<LtvModelRecord | null> {
  const row = await one<ModelRow>(
    db,
    `SELECT ${MODEL_COLUMNS} FROM ltv_model WHERE ($1::text IS NULL OR purpose = $1) ORDER BY fitted_at DESC, id DESC LIMIT 1`,
    [purpose ?? null],
  );
  return row ? toModelRecord(row) : null;
}

/** 'day' or 'week' (any case); anything else is a user error. Undefined/null gives the fallback. */
export function parseTimeUnit(value: string | null | undefined, fallback: TimeUnit): TimeUnit {
  if (value === undefined || value === null) return fallback;
  const unit = value.trim().toLowerCase();
  if (!(TIME_UNITS as readonly string[]).includes(unit)) throw badInput(`timeUnit must be "day" or "week", got "${value}"`, { field: 'timeUnit' });
  return unit as TimeUnit;
}

/** The models' input: one transaction per person and purchase day with a usable amount. */
function toTransactions(days: readonly PurchaseDay[]): Transaction[] {
  const transactions: Transaction[] = [];
  for (const day of days) if (day.amount !== null) transactions.push({ customerId: day.personId, at: new Date(day.day * MS_PER_DAY), amount: day.amount });
  return transactions;
}

/** The days with a usable amount, as the worker takes them. */
function computationInput(days: readonly PurchaseDay[], calibrationEnd: Date, timeUnit: TimeUnit, optimizer?: NelderMeadOptions): ComputationInput {
  const input: ComputationInput = { personIds: [], days: [], amounts: [], calibrationEnd, timeUnit, optimizer };
  for (const day of days) {
    if (day.amount === null) continue;
    input.personIds.push(day.personId);
    input.days.push(day.day);
    input.amounts.push(day.amount);
  }
  return input;
}

/** Per-person totals that the summary does not keep: orders and their gross amount. */
function orderTotals(days: readonly PurchaseDay[]): Map<string, { orders: number; gross: number }> {
  const totals = new Map<string, { orders: number; gross: number }>();
  for (const day of days) {
    const total = totals.get(day.personId);
    if (total) {
      total.orders += day.orders;
      total.gross += day.gross;
    } else totals.set(day.personId, { orders: day.orders, gross: day.gross });
  }
  return totals;
}

const finiteOr = <T>(value: number, fallback: T): number | T => (Number.isFinite(value) ? value : fallback);
const clampScore = (value: number) => Math.min(100, Math.max(0, Math.round(finiteOr(value, 0))));

export class LifetimeValueService {
  constructor(readonly settings: LifetimeValueSettings) {}

  get purchases(): PurchaseDefinition {
    return this.settings.purchases;
  }

  /** ISO 4217 code lifetime values and purchase amounts are kept in. */
  get currency(): string {
    return this.settings.purchases.currency;
  }

  /**
   * Fits both models on every live person's purchases through the UTC day of `calibrationEnd`
   * (default: now) and keeps the result as the latest model. Throws BAD_USER_INPUT when nobody
   * purchased by then.
   */
  async fit(db: DataSource, options: { calibrationEnd?: Date | null; timeUnit?: string | null } = {}): Promise<LtvModelRecord> {
    const timeUnit = parseTimeUnit(options.timeUnit, this.settings.timeUnit);
    const now = new Date();
    const calibrationEnd = options.calibrationEnd ?? now;
    if (Number.isNaN(calibrationEnd.getTime())) throw badInput('calibrationEnd is not a valid date', { field: 'calibrationEnd' });
    if (calibrationEnd.getTime() > now.getTime()) throw badInput('calibrationEnd is in the future: only purchases that happened can be fitted', { field: 'calibrationEnd' });
    const days = await loadPurchaseDays(db, this.settings.purchases, { until: calibrationEnd });
    const { models } = await computeModels(computationInput(days, calibrationEnd, timeUnit, this.settings.optimizer));
    if (!models) throw badInput(`No purchases through ${calibrationEnd.toISOString().slice(0, 10)}: there is nothing to fit`, { field: 'calibrationEnd' });
    return this.saveModel(db, 'FIT', models, calibrationEnd);
  }

  /**
   * Fits on all purchases up to now and rewrites lifetime_value and engagement_score for every
   * live person with purchase events, in one transaction. Persons without purchase events get no
   * row (their lifetimeValue and engagement are null); rows of persons who no longer have any are
   * removed.
   */
  async recompute(db: DataSource): Promise<RecomputeOutcome> {
    const started = performance.now();
    const now = new Date();
    const { timeUnit, horizon, period, discountRate } = this.settings;
    const lap = (() => {
      let last = started;
      return () => {
        const at = performance.now();
        const elapsed = Math.round(at - last);
        last = at;
        return elapsed;
      };
    })();
    const days = await loadPurchaseDays(db, this.settings.purchases, { until: now });
    const load = lap();
    const skippedEvents = days.reduce((sum, day) => sum + day.unusable, 0);
    const skippedCurrencies = unconvertedCurrencies(days);
    const skippedCurrencyEvents = skippedCurrencies.reduce((sum, skipped) => sum + skipped.events, 0);
    const { summaries, models, scores: computed } = await computeModels({ ...computationInput(days, now, timeUnit, this.settings.optimizer), score: { horizon, period, discountRate } });
    const scores = computed!;
    const customers = summaries.filter((summary) => summary.purchaseDays > 0).length;
    const totals = orderTotals(days);
    const compute = lap();

    const written = await withTransaction(db, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [RECOMPUTE_LOCK_KEY]);
      const model = models ? await this.saveModel(tx, 'RECOMPUTE', models, now) : null;
      const stamp = (await one<{ stamp: Date }>(tx, 'SELECT clock_timestamp() AS stamp'))!.stamp;
      for (let start = 0; start < summaries.length; start += WRITE_CHUNK) {
        await writeScores(tx, summaries.slice(start, start + WRITE_CHUNK), scores.slice(start, start + WRITE_CHUNK), totals, this.currency, stamp);
      }
      const removedValues = await rows<{ person_id: string }>(tx, 'DELETE FROM lifetime_value WHERE computed_at < $1 RETURNING person_id', [stamp]);
      await tx.query('DELETE FROM engagement_score WHERE computed_at < $1', [stamp]);
      return { model, removed: removedValues.length };
    });
    if (written.model && !written.model.converged) warnNotConverged(db, written.model, models!);
    if (skippedCurrencyEvents > 0) warnUnconverted(db, this.currency, skippedCurrencies, skippedCurrencyEvents);
    return {
      persons: summaries.length,
      customers,
      removed: written.removed,
      skippedEvents,
      currency: this.currency,
      skippedCurrencyEvents,
      skippedCurrencies,
      model: written.model,
      durationMs: Math.round(performance.now() - started),
      phases: { load, compute, write: lap() },
    };
  }

  /**
   * After a merge or unmerge moved purchases between persons: their lifetime values again, with
   * the parameters of the latest recompute (population-level, so they apply to anyone), in the
   * caller's transaction. That model, not a later `fit`, wrote everyone else's values: a
   * diagnostic fit (another calibration end or time unit) must not score a few persons on its own.
   * Engagement scores rank a person among everyone, so they wait for the next recompute. A person
   * left without purchases loses their value row. Nothing before a first recompute.
   */
  async rescorePersons(tx: Db, personIds: readonly string[]): Promise<void> {
    if (personIds.length === 0) return;
    const model = await loadLatestModel(tx, 'RECOMPUTE');
    if (!model) return;
    const now = new Date();
    const days = await loadPurchaseDays(tx, this.settings.purchases, { until: now, personIds });
    const summaries = summarizeTransactions(toTransactions(days), { calibrationEnd: now, timeUnit: model.timeUnit });
    const scores = scoreCustomers(
      summaries,
      {
        timeUnit: model.timeUnit,
        fallbackSpend: model.fallbackSpend,
        bgNbd: { parameters: { r: model.r, alpha: model.alpha, a: model.a, b: model.b } },
        gammaGamma: model.p !== null && model.q !== null && model.gamma !== null ? { parameters: { p: model.p, q: model.q, gamma: model.gamma } } : null,
      },
      { horizon: this.settings.horizon, period: this.settings.period, discountRate: this.settings.discountRate },
    );
    const stamp = (await one<{ stamp: Date }>(tx, 'SELECT clock_timestamp() AS stamp'))!.stamp;
    if (summaries.length > 0) await writeScores(tx, summaries, scores, orderTotals(days), this.currency, stamp, { engagement: false });
    const scored = new Set(summaries.map((summary) => summary.customerId));
    const without = personIds.filter((id) => !scored.has(id));
    if (without.length > 0) await tx.query('DELETE FROM lifetime_value WHERE person_id = ANY($1::uuid[])', [without]);
  }

  /** The most recent model (of a purpose, or any). */
  latestModel(db: Db, purpose?: ModelPurpose): Promise<LtvModelRecord | null> {
    return loadLatestModel(db, purpose);
  }

  /**
   * Expected purchases in the `weeks` after `from` for a person with these purchase days, with a
   * model's parameters (population-level, so they apply to a history as of any date). 0 for a
   * person without a purchase day.
   */
  expectedPurchases(model: LtvModelRecord, days: readonly PurchaseDay[], weeks: number, from = new Date()): number {
    const [summary] = summarizeTransactions(toTransactions(days), { calibrationEnd: from, timeUnit: model.timeUnit });
    if (!summary || summary.purchaseDays === 0) return 0;
    const horizon = model.timeUnit === 'week' ? weeks : weeks * 7;
    return finiteOr(expectedPurchases(model, horizon, summary), 0);
  }

  private async saveModel(db: Db, purpose: ModelPurpose, models: LtvModels, calibrationEnd: Date): Promise<LtvModelRecord> {
    const { bgNbd, gammaGamma } = models;
    const row = await one<ModelRow>(
      db,
      `INSERT INTO ltv_model (purpose, time_unit, calibration_end, r, alpha, a, b, p, q, gamma, log_likelihood, gamma_gamma_log_likelihood,
         customers, repeat_customers, fallback_spend, evaluations, converged)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       RETURNING ${MODEL_COLUMNS}`,
      [
        purpose,
        models.timeUnit,
        calibrationEnd,
        bgNbd.parameters.r,
        bgNbd.parameters.alpha,
        bgNbd.parameters.a,
        bgNbd.parameters.b,
        gammaGamma?.parameters.p ?? null,
        gammaGamma?.parameters.q ?? null,
        gammaGamma?.parameters.gamma ?? null,
        bgNbd.logLikelihood,
        gammaGamma?.logLikelihood ?? null,
        bgNbd.customers,
        gammaGamma?.customers ?? 0,
        finiteOr(models.fallbackSpend, 0),
        bgNbd.evaluations + (gammaGamma?.evaluations ?? 0),
        bgNbd.converged && (gammaGamma?.converged ?? true),
      ],
    );
    return toModelRecord(row!);
  }
}

/**
 * Every person's values were just written from a fit that stopped at its evaluation budget: say so
 * with the figures, since nothing else in a scheduled recompute would. The DataSource's logger is
 * the process's pino logger (CountingQueryLogger sends 'warn' there), so every caller (the job,
 * the CLI, the mutation) gets the warning without passing a logger in.
 */
function warnNotConverged(db: DataSource, model: LtvModelRecord, models: LtvModels): void {
  const { bgNbd, gammaGamma } = models;
  const figure = (value: number) => value.toPrecision(6);
  const fits = [
    `BG/NBD ${bgNbd.converged ? 'converged' : 'did not converge'} (r ${figure(bgNbd.parameters.r)}, alpha ${figure(bgNbd.parameters.alpha)}, ` +
      `a ${figure(bgNbd.parameters.a)}, b ${figure(bgNbd.parameters.b)}, log-likelihood ${bgNbd.logLikelihood.toFixed(3)}, ${bgNbd.evaluations} evaluations)`,
    gammaGamma
      ? `Gamma-Gamma ${gammaGamma.converged ? 'converged' : 'did not converge'} (p ${figure(gammaGamma.parameters.p)}, q ${figure(gammaGamma.parameters.q)}, ` +
        `gamma ${figure(gammaGamma.parameters.gamma)}, log-likelihood ${gammaGamma.logLikelihood.toFixed(3)}, ${gammaGamma.evaluations} evaluations)`
      : 'no Gamma-Gamma fit (nobody bought twice)',
  ];
  db.logger.log(
    'warn',
    `lifetime values recomputed from a model whose fit did not converge (ltv_model ${model.id}, ${model.customers} customers): ${fits.join('; ')}. ` +
      "The parameters are the optimizer's best point, not a maximum of the likelihood: per-person values may be off until a recompute converges.",
  );
}

/** The currencies of purchase events left out for want of a rate, with their counts, most first. */
function unconvertedCurrencies(days: readonly PurchaseDay[]): { currency: string; events: number }[] {
  const counts = new Map<string, number>();
  for (const day of days) for (const currency of day.unconvertedCurrencies) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  return [...counts].map(([currency, events]) => ({ currency, events })).sort((a, b) => b.events - a.events || a.currency.localeCompare(b.currency));
}

/**
 * Purchases in a currency without a rate count in nobody's value: adding them as they are would
 * mix currencies, and nothing else in a scheduled recompute would tell. Say which and how many.
 */
function warnUnconverted(db: DataSource, currency: string, skipped: readonly { currency: string; events: number }[], events: number): void {
  db.logger.log(
    'warn',
    `lifetime values recomputed without ${events} purchase event${events === 1 ? '' : 's'} in currencies that have no rate to ${currency} ` +
      `(${skipped.map((entry) => `${entry.currency} ${entry.events}`).join(', ')}): add them to SPINE_CURRENCY_RATES to count them.`,
  );
}

/**
 * Upserts one chunk of lifetime values and engagement scores. Values are defined for everyone:
 * a person whose purchase events net to no purchase day (only refunds, or zero amounts) gets a
 * predicted value and expected purchases of 0 and no churn probability.
 */
async function writeScores(
  tx: Db,
  summaries: readonly CustomerSummary[],
  scores: readonly CustomerScore[],
  totals: Map<string, { orders: number; gross: number }>,
  currency: string,
  stamp: Date,
  options: { engagement: boolean } = { engagement: true },
): Promise<void> {
  const ids: string[] = [];
  const current: number[] = [];
  const predicted: number[] = [];
  const purchases: number[] = [];
  const average: number[] = [];
  const churn: (number | null)[] = [];
  const expected: number[] = [];
  const overall: number[] = [];
  const recency: number[] = [];
  const frequency: number[] = [];
  const monetary: number[] = [];
  summaries.forEach((summary, i) => {
    const score = scores[i];
    const total = totals.get(summary.customerId) ?? { orders: 0, gross: 0 };
    const customer = summary.purchaseDays > 0;
    ids.push(summary.customerId);
    current.push(finiteOr(score.currentValue, 0));
    predicted.push(customer ? finiteOr(score.predictedValue, 0) : 0);
    purchases.push(total.orders);
    average.push(total.orders > 0 ? finiteOr(total.gross / total.orders, 0) : 0);
    churn.push(customer ? Math.min(1, Math.max(0, 1 - finiteOr(score.probabilityAlive, 0))) : null);
    expected.push(customer ? finiteOr(score.expectedPurchases, 0) : 0);
    overall.push(clampScore(score.rfm.overall));
    recency.push(clampScore(score.rfm.recency));
    frequency.push(clampScore(score.rfm.frequency));
    monetary.push(clampScore(score.rfm.monetary));
  });
  await tx.query(
    `INSERT INTO lifetime_value (person_id, current_value, predicted_value, total_purchases, average_purchase_value, churn_probability, expected_purchases, computed_at, currency)
     SELECT t.*, $8::timestamptz, $9::text FROM unnest($1::uuid[], $2::float8[], $3::float8[], $4::int[], $5::float8[], $6::float8[], $7::float8[]) AS t
     ON CONFLICT (person_id) DO UPDATE SET current_value = excluded.current_value, predicted_value = excluded.predicted_value,
       total_purchases = excluded.total_purchases, average_purchase_value = excluded.average_purchase_value,
       churn_probability = excluded.churn_probability, expected_purchases = excluded.expected_purchases, computed_at = excluded.computed_at,
       currency = excluded.currency`,
    [ids, current, predicted, purchases, average, churn, expected, stamp, currency],
  );
  if (!options.engagement) return;
  await tx.query(
    `INSERT INTO engagement_score (person_id, overall, recency, frequency, monetary, computed_at)
     SELECT t.*, $6::timestamptz FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[]) AS t
     ON CONFLICT (person_id) DO UPDATE SET overall = excluded.overall, recency = excluded.recency, frequency = excluded.frequency,
       monetary = excluded.monetary, computed_at = excluded.computed_at`,
    [ids, overall, recency, frequency, monetary, stamp],
  );
}
