// Identity resolution benchmark and quality measure on a dataset with ground truth.
//   npm run build && node bench/identity-resolution.mjs [../shared/datasets/identity/medium]
// 1. `spine import` of the records into a fresh embedded PostgreSQL: records/s.
// 2. Pairwise precision/recall computed from what Spine stored, read back through the GraphQL API.
// 3. `ingestIdentities` in batches of 500 over HTTP into another fresh database: records/s.
// 4. Raw PostgreSQL COPY of the same rows into a table with a unique index: rows/s.
// Writes bench/identity-report.md.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { pairwiseScores, recordKeyOf } from '@spine/identity-core';
import { freshDataDir, graphql, machine, repoRoot, runSpine, serve } from './lib.mjs';

const datasetDir = path.resolve(process.argv[2] ?? path.join(repoRoot, '../shared/datasets/identity/medium'));
const recordsFile = path.join(datasetDir, 'records.ndjson');
const records = fs.readFileSync(recordsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const truth = new Map();
for (const line of fs.readFileSync(path.join(datasetDir, 'truth.csv'), 'utf8').split('\n').slice(1)) {
  if (!line.trim()) continue;
  const [provider, externalId, person] = line.split(',');
  truth.set(recordKeyOf(provider, externalId), person);
}
console.log(`dataset ${datasetDir}: ${records.length} records`);

async function storedAssignments(url) {
  const predicted = new Map();
  const chunk = 50; // the API refuses more than 50 aliases in one query
  for (let start = 0; start < records.length; start += chunk) {
    const slice = records.slice(start, start + chunk);
    const query = `{ ${slice
      .map((record, index) => `r${index}: resolvePerson(identity: { kind: EXTERNAL_ID, provider: ${JSON.stringify(record.provider)}, value: ${JSON.stringify(record.externalId)} }) { id }`)
      .join(' ')} }`;
    const data = await graphql(url, query);
    slice.forEach((record, index) => predicted.set(recordKeyOf(record.provider, record.externalId), data[`r${index}`]?.id ?? null));
  }
  return predicted;
}

// 1 + 2: spine import, then measure from what was stored.
const importDir = freshDataDir('import');
const imported = runSpine(['import', recordsFile, '--json', '--no-progress'], { SPINE_DATA_DIR: importDir, LOG_LEVEL: 'warn' });
if ((await imported.exited) !== 0) throw new Error(imported.stderr());
const importSummary = JSON.parse(imported.stdout().trim().split('\n').pop());
console.log(`spine import: ${importSummary.recordsPerSecond} records/s`, importSummary);
const reimported = runSpine(['import', recordsFile, '--json', '--no-progress'], { SPINE_DATA_DIR: importDir, LOG_LEVEL: 'warn' });
await reimported.exited;
const reimportSummary = JSON.parse(reimported.stdout().trim().split('\n').pop());
console.log(`re-import: ${reimportSummary.unchanged} unchanged of ${reimportSummary.fetched}`);

let server = await serve(importDir);
const scores = pairwiseScores(truth, await storedAssignments(server.url));
const review = await graphql(server.url, '{ mergeCandidates(status: OPEN, first: 500) { id } }');
await server.stop();
console.log('pairwise scores from stored data:', scores);

// 3: ingestIdentities over HTTP, batches of 500.
const apiDir = freshDataDir('api');
server = await serve(apiDir);
const apiStarted = performance.now();
for (let start = 0; start < records.length; start += 500) {
  await graphql(server.url, 'mutation ($records: [IdentityRecordInput!]!) { ingestIdentities(records: $records) { fetched } }', { records: records.slice(start, start + 500) });
}
const apiSeconds = (performance.now() - apiStarted) / 1000;
const apiScores = pairwiseScores(truth, await storedAssignments(server.url));
console.log(`ingestIdentities: ${Math.round(records.length / apiSeconds)} records/s`);

// 4: raw COPY of the same rows, with a unique index, into the same server.
const pidLines = fs.readFileSync(path.join(apiDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
const client = new pg.Client({ connectionString: `postgres://postgres:spine-embedded@127.0.0.1:${pidLines[3]}/spine` });
await client.connect();
await client.query('DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (provider text, external_id text, email text, phone text, first_name text, last_name text, address jsonb, observed_at timestamptz, UNIQUE (provider, external_id))');
const escape = (value) => (value === null || value === undefined ? '\\N' : String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
const copyStarted = performance.now();
await pipeline(
  Readable.from(records.map((record) => [record.provider, record.externalId, record.email, record.phone, record.firstName, record.lastName, record.address ? JSON.stringify(record.address) : null, record.observedAt].map(escape).join('\t') + '\n')),
  client.query(copyFrom('COPY bench_copy FROM STDIN')),
);
const copySeconds = (performance.now() - copyStarted) / 1000;
await client.query('DROP TABLE bench_copy');
await client.end();
await server.stop();
fs.rmSync(importDir, { recursive: true, force: true });
fs.rmSync(apiDir, { recursive: true, force: true });

const f = (value) => value.toFixed(4);
const report = `# Identity resolution benchmark

Generated by \`node bench/identity-resolution.mjs\` on ${new Date().toISOString()}.
Machine: ${machine()}.
Dataset: \`${path.relative(repoRoot, datasetDir)}\` (${records.length} records, ground truth in truth.csv), default settings.

## Quality (pairwise, records left unresolved count as their own person), from what Spine stored

| path | precision | recall | F1 | predicted pairs | true pairs |
|---|---|---|---|---|---|
| \`spine import\` | ${f(scores.precision)} | ${f(scores.recall)} | ${f(scores.f1)} | ${scores.predictedPairs} | ${scores.truePairs} |
| \`ingestIdentities\` (batches of 500) | ${f(apiScores.precision)} | ${f(apiScores.recall)} | ${f(apiScores.f1)} | ${apiScores.predictedPairs} | ${apiScores.truePairs} |

Seed rule set for comparison (dataset README): precision 0.95, recall 0.48.
Open merge review items after the import: ${review.mergeCandidates.length}${review.mergeCandidates.length === 500 ? '+' : ''}.

## Throughput

| path | records/s | seconds |
|---|---|---|
| \`spine import\` (batches of ${2000}) | ${importSummary.recordsPerSecond} | ${importSummary.seconds} |
| \`ingestIdentities\` over HTTP, batches of 500 | ${Math.round(records.length / apiSeconds)} | ${apiSeconds.toFixed(2)} |
| PostgreSQL COPY of the same rows (unique index) | ${Math.round(records.length / copySeconds)} | ${copySeconds.toFixed(2)} |

\`spine import\` metrics: created ${importSummary.created}, linked ${importSummary.linked}, ambiguous ${importSummary.ambiguous}, merged ${importSummary.merges}, quarantined ${importSummary.quarantined}, errors ${importSummary.errors}.
Re-import of the same file: ${reimportSummary.unchanged} of ${reimportSummary.fetched} UNCHANGED (${reimportSummary.recordsPerSecond} records/s).
`;
fs.writeFileSync(path.join(repoRoot, 'bench/identity-report.md'), report);
console.log(report);
