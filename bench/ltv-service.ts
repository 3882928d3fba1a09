/**
 * Lifetime value through the API's service, on PostgreSQL: 100,000 synthetic customers drawn from
 * the BG/NBD + Gamma-Gamma process (the same seed and calendar as bench/ltv-fit.ts, ending today)
 * are loaded as `Order Completed` events, then fitted, scored and written by LifetimeValueService.
 * Writes its section of bench/ltv-report.md.
 *   npx tsx --tsconfig apps/api/tsconfig.json bench/ltv-service.ts [customers]
 * (the API's tsconfig: type-graphql needs its legacy decorators, which the root has no tsconfig for).
 * Uses a fresh embedded PostgreSQL in a temporary folder (or DATABASE_URL when set).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulateCustomers, type BgNbdParameters, type GammaGammaParameters } from '../packages/ltv-models/src/index.js';
import { loadConfig } from '../apps/api/src/config.js';
import { openRuntime } from '../apps/api/src/runtime.js';
import { loadPurchaseDays } from '../apps/api/src/modules/value/purchase-history.js';
import type { ExternalPurchase } from '../apps/api/src/modules/value/purchase-import.service.js';

const COUNT = Number(process.argv[2] ?? 100_000);
const SEED = 20_250_101;
const TRUE_BG_NBD: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const TRUE_GAMMA_GAMMA: GammaGammaParameters = { p: 6.25, q: 3.74, gamma: 15.44 };
const ACQUISITION_DAYS = 84;
const CALIBRATION_DAYS = 273;
const DAY = 86_400_000;
// Calibration ends today (UTC), so the service's recompute (which calibrates to now) sees the same data.
const START = Math.floor(Date.now() / DAY) * DAY - (CALIBRATION_DAYS - 1) * DAY;
const calibrationEnd = new Date(START + (CALIBRATION_DAYS - 1) * DAY);

const here = path.dirname(fileURLToPath(import.meta.url));
const reportFile = path.join(here, 'ltv-report.md');
const timings: [string, number][] = [];
async function time<T>(label: string, run: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await run();
  timings.push([label, Math.round(performance.now() - started)]);
  console.log(`${label}: ${timings[timings.length - 1][1]} ms`);
  return result;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spine-bench-ltv-'));
const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, { dataDir });
const runtime = await openRuntime({ config, poolSize: 4 });
try {
  const { db, services } = runtime;
  const customers = await time('simulate customers', () =>
    simulateCustomers({
      count: COUNT,
      seed: SEED,
      bgNbd: TRUE_BG_NBD,
      gammaGamma: TRUE_GAMMA_GAMMA,
      observationTime: (random) => (CALIBRATION_DAYS - Math.floor(ACQUISITION_DAYS * random.uniform())) / 7,
      // As in ltv-fit.ts (it draws the random numbers, so the customers are the same); the holdout
      // purchases themselves are not loaded.
      holdoutTime: 52,
    }),
  );
  const purchases: ExternalPurchase[] = [];
  customers.forEach((customer, i) => {
    const firstDay = CALIBRATION_DAYS - Math.round(customer.T * 7);
    customer.purchases.forEach((purchase, j) => {
      const dayOffset = firstDay + Math.floor(purchase.time * 7);
      purchases.push({
        customerId: `c${i}`,
        messageId: `sim-${SEED}-${i}-${j}`,
        occurredAt: new Date(START + dayOffset * DAY + 12 * 3_600_000),
        properties: { revenue: Math.round(purchase.value * 100) / 100, currency: 'USD' },
      });
    });
  });

  const loaded = await time(`load ${purchases.length.toLocaleString('en-US')} purchases as events (persons, identities, events; batches of 20,000)`, () =>
    services.purchaseImport.importPurchases(db, purchases, { provider: 'bench', eventName: 'Order Completed' }),
  );
  await db.query('ANALYZE');
  const days = await time('load purchase days (one SQL statement, netted per person and UTC day)', () =>
    loadPurchaseDays(db, services.lifetimeValue.purchases, { until: calibrationEnd }),
  );
  const model = await time('fit (load + summarize + BG/NBD + Gamma-Gamma + save the model)', () =>
    services.lifetimeValue.fit(db, { calibrationEnd, timeUnit: 'week' }),
  );
  const first = await time('recompute, first (fit + score + write every person, one transaction)', () => services.lifetimeValue.recompute(db));
  const second = await time('recompute, again (same, updating the existing rows)', () => services.lifetimeValue.recompute(db));
  const [check] = (await db.query(
    `SELECT count(*)::int AS rows, count(*) FILTER (WHERE predicted_value = 'NaN' OR churn_probability = 'NaN')::int AS nan,
            round(sum(predicted_value)::numeric)::float8 AS predicted, round(sum(expected_purchases)::numeric)::float8 AS expected
     FROM lifetime_value`,
  )) as { rows: number; nan: number; predicted: number; expected: number }[];

  const published = { ...TRUE_BG_NBD, ...TRUE_GAMMA_GAMMA };
  const row = (name: keyof typeof published) => {
    const fitted = model[name] as number;
    return `| ${name} | ${published[name]} | ${fitted.toFixed(4)} | ${(((fitted - published[name]) / published[name]) * 100).toFixed(1)}% |`;
  };
  const phases = (outcome: typeof first) => `load ${outcome.phases.load} ms, summarize + fit + score (worker thread) ${outcome.phases.compute} ms, write ${outcome.phases.write} ms`;
  const section = `<!-- ltv-service -->
## Through the API's service on PostgreSQL

Generated by \`npx tsx --tsconfig apps/api/tsconfig.json bench/ltv-service.ts\` (${new Date().toISOString().slice(0, 10)}; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'CPU'}, load average ${os.loadavg()[0].toFixed(1)}; embedded PostgreSQL 18, fresh database).

The same ${COUNT.toLocaleString('en-US')} simulated customers as above (same seed and calendar, shifted to end today), loaded as
${loaded.eventsCreated.toLocaleString('en-US')} \`Order Completed\` events for ${loaded.personsCreated.toLocaleString('en-US')} persons through \`PurchaseImportService\`, then fitted, scored and
written by \`LifetimeValueService\` (what \`spine ltv fit\`, \`spine ltv recompute\`, the GraphQL mutations and the scheduled job run).
${days.length.toLocaleString('en-US')} purchase days come back from SQL; ${first.customers.toLocaleString('en-US')} customers, ${model.repeatCustomers.toLocaleString('en-US')} with a repeat purchase.

| step | ms |
| --- | ---: |
${timings.map(([label, ms]) => `| ${label} | ${ms} |`).join('\n')}

Recompute phases: first ${phases(first)}; again ${phases(second)}.
Rows written: ${check.rows.toLocaleString('en-US')} lifetime values and engagement scores, ${check.nan} NaN; total predicted 12-month value ${check.predicted.toLocaleString('en-US')},
expected purchases over 12 months ${check.expected.toLocaleString('en-US')}.

Parameters fitted through events and SQL (weeks, calibration through today) equal the "fitted (days)" column above, as they
should: the service sees the same purchase days as \`summarizeTransactions\` on the dated transactions.

| parameter | true | fitted | error |
| --- | ---: | ---: | ---: |
${(['r', 'alpha', 'a', 'b', 'p', 'q', 'gamma'] as const).map(row).join('\n')}

BG/NBD log-likelihood ${model.logLikelihood.toFixed(1)}, converged: ${model.converged}.
<!-- /ltv-service -->
`;
  const report = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '# LTV models benchmark\n';
  const marked = /<!-- ltv-service -->[\s\S]*<!-- \/ltv-service -->\n?/;
  fs.writeFileSync(reportFile, marked.test(report) ? report.replace(marked, section) : `${report.trimEnd()}\n\n${section}`);
  console.log(`wrote ${path.relative(process.cwd(), reportFile)}`);
} finally {
  await runtime.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
