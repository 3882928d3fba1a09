// Fitting and scoring take seconds of CPU for a large customer base: they run in a worker thread
// so that the API process keeps answering requests meanwhile (the scheduled recompute runs
// inside `spine serve`).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CustomerScore, CustomerSummary, LtvModels, NelderMeadOptions, ScoreOptions, TimeUnit } from '@spine/ltv-models';

export interface ComputationInput {
  /** Purchase days as parallel arrays: person id, UTC day number, net amount. */
  personIds: string[];
  days: number[];
  amounts: number[];
  calibrationEnd: Date;
  timeUnit: TimeUnit;
  /** Score every customer too (recompute); fitting alone otherwise. */
  score?: ScoreOptions;
  /** The fits' optimizer settings; the package's defaults without. */
  optimizer?: NelderMeadOptions;
}

export interface ComputationOutput {
  summaries: CustomerSummary[];
  /** null when nobody has a purchase day. */
  models: LtvModels | null;
  /** Present when scoring was asked for. */
  scores: CustomerScore[] | null;
}

// The compiled package (its exports map points at dist/), so the worker needs no TypeScript
// loader, under tsx, vitest or the built CLI alike.
const MODELS_URL = pathToFileURL(createRequire(import.meta.url).resolve('@spine/ltv-models')).href;

// CommonJS because eval'd workers are; the package is ESM, hence the dynamic import.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.modelsUrl).then((models) => {
  const { personIds, days, amounts, calibrationEnd, timeUnit, score, optimizer } = workerData.input;
  const transactions = personIds.map((customerId, i) => ({ customerId, at: new Date(days[i] * 86400000), amount: amounts[i] }));
  const summaries = models.summarizeTransactions(transactions, { calibrationEnd, timeUnit });
  const fitted = summaries.some((s) => s.purchaseDays > 0) ? models.fitLtvModels(summaries, { timeUnit, optimizer }) : null;
  const placeholder = { timeUnit, fallbackSpend: 0, bgNbd: { parameters: { r: 1, alpha: 1, a: 1, b: 1 } }, gammaGamma: null };
  const scores = score ? models.scoreCustomers(summaries, fitted ?? placeholder, score) : null;
  parentPort.postMessage({ summaries, models: fitted, scores });
}).catch((error) => {
  parentPort.postMessage({ error: { name: error && error.name, message: error && error.message ? error.message : String(error) } });
});
`;

/**
 * Summarizes, fits (and scores) in a fresh worker thread. Without a purchase day there is no
 * model, and scores (if asked for) are everyone's "no purchase" values.
 */
export function computeModels(input: ComputationInput): Promise<ComputationOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modelsUrl: MODELS_URL, input } });
    let settled = false;
    worker.once('message', (message: ComputationOutput | { error: { name?: string; message: string } }) => {
      settled = true;
      void worker.terminate();
      if ('error' in message) {
        const error = new Error(`lifetime value computation failed: ${message.error.message}`);
        error.name = message.error.name ?? 'Error';
        reject(error);
      } else resolve(message);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`lifetime value worker exited with code ${code} before answering`));
    });
  });
}
