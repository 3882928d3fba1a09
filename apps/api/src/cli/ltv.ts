// `spine ltv …`: fit the lifetime-value models, recompute every person's value, load CDNOW.
import { openRuntime } from '../runtime.js';
import type { LtvModelRecord } from '../modules/value/lifetime-value.service.js';

const round = (value: number | null, digits: number) => (value === null ? 'n/a' : value.toFixed(digits));

function modelJson(model: LtvModelRecord) {
  return {
    id: model.id,
    r: model.r,
    alpha: model.alpha,
    a: model.a,
    b: model.b,
    p: model.p,
    q: model.q,
    gamma: model.gamma,
    logLikelihood: model.logLikelihood,
    gammaGammaLogLikelihood: model.gammaGammaLogLikelihood,
    customers: model.customers,
    repeatCustomers: model.repeatCustomers,
    calibrationEnd: model.calibrationEnd.toISOString(),
    timeUnit: model.timeUnit,
    converged: model.converged,
    fittedAt: model.fittedAt.toISOString(),
  };
}

function printModel(model: LtvModelRecord): void {
  const lines = [
    `calibration end   ${model.calibrationEnd.toISOString().slice(0, 10)} (time unit: ${model.timeUnit})`,
    `customers         ${model.customers} (${model.repeatCustomers} with a repeat purchase)`,
    `BG/NBD            r ${round(model.r, 4)}  alpha ${round(model.alpha, 4)}  a ${round(model.a, 4)}  b ${round(model.b, 4)}`,
    `Gamma-Gamma       p ${round(model.p, 4)}  q ${round(model.q, 4)}  gamma ${round(model.gamma, 4)}`,
    `log-likelihood    ${round(model.logLikelihood, 3)} (BG/NBD), ${round(model.gammaGammaLogLikelihood, 3)} (Gamma-Gamma)`,
    `converged         ${model.converged ? 'yes' : 'no'}`,
  ];
  console.log(lines.join('\n'));
}

function parseDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  // A bare date means that whole UTC day.
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new Error(`--calibration-end: not a date: ${value}`);
  return date;
}

/** `spine ltv fit`: fits on purchases through the calibration end and keeps the model. */
export async function ltvFit(options: { calibrationEnd?: string; timeUnit?: string; json?: boolean }): Promise<void> {
  const calibrationEnd = parseDate(options.calibrationEnd);
  const runtime = await openRuntime({ poolSize: 2 });
  try {
    const model = await runtime.services.lifetimeValue.fit(runtime.db, { calibrationEnd, timeUnit: options.timeUnit });
    if (options.json) console.log(JSON.stringify(modelJson(model), null, 2));
    else printModel(model);
  } finally {
    await runtime.close();
  }
}

/** `spine ltv recompute`: refits and rewrites every person's lifetime value and engagement. */
export async function ltvRecompute(options: { json?: boolean }): Promise<void> {
  const runtime = await openRuntime({ poolSize: 2 });
  try {
    const outcome = await runtime.services.lifetimeValue.recompute(runtime.db);
    if (options.json) {
      console.log(JSON.stringify({ ...outcome, model: outcome.model ? modelJson(outcome.model) : null }, null, 2));
      return;
    }
    console.log(
      `persons with purchase events ${outcome.persons} (customers ${outcome.customers}), values in ${outcome.currency}, rows removed ${outcome.removed}, ` +
        `events without a usable amount ${outcome.skippedEvents}, ${outcome.durationMs} ms`,
    );
    if (outcome.skippedCurrencyEvents > 0) {
      const which = outcome.skippedCurrencies.map((skipped) => `${skipped.currency} ${skipped.events}`).join(', ');
      console.log(`events skipped for a currency without a rate to ${outcome.currency} ${outcome.skippedCurrencyEvents} (${which}): add them to SPINE_CURRENCY_RATES`);
    }
    if (outcome.model) printModel(outcome.model);
    else console.log('no purchases: no model fitted');
  } finally {
    await runtime.close();
  }
}

/** `spine ltv load-cdnow FILE`: the CDNOW sample as Order Completed events (idempotent). */
export async function ltvLoadCdnow(file: string, options: { json?: boolean }): Promise<void> {
  const runtime = await openRuntime({ poolSize: 2 });
  try {
    const result = await runtime.services.purchaseImport.loadCdnow(runtime.db, file);
    if (options.json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(
        `purchases ${result.purchases}: persons created ${result.personsCreated}, events created ${result.eventsCreated}, already loaded ${result.duplicates}` +
          (result.rejectedLines.length ? `, unreadable lines ${result.rejectedLines.length} (first: ${result.rejectedLines.slice(0, 5).join(', ')})` : ''),
      );
    }
  } finally {
    await runtime.close();
  }
}
