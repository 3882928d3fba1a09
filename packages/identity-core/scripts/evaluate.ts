// Measures the resolution engine against a dataset with ground truth:
//   npx tsx packages/identity-core/scripts/evaluate.ts /work/shared/datasets/identity/medium [--strict] [--details]
// Runs the in-memory pipeline (batches of 1000, default options) and prints pairwise precision and
// recall as /work/shared/datasets/README.md defines them, with merge/ambiguity counts and timings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryIdentityStore, ingestRecords, pairwiseScores, recordKeyOf, type SourceRecordInput } from '../src/index.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const directory = args.find((arg) => !arg.startsWith('--')) ?? '/work/shared/datasets/identity/medium';
  const strict = args.includes('--strict');
  const details = args.includes('--details');
  const batchArg = args.find((arg) => arg.startsWith('--batch='));
  const batchSize = batchArg ? Number(batchArg.slice('--batch='.length)) : 1000;

  const inputs: SourceRecordInput[] = readFileSync(join(directory, 'records.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SourceRecordInput);
  const truth = new Map<string, string>();
  for (const line of readFileSync(join(directory, 'truth.csv'), 'utf8').split('\n').slice(1)) {
    if (line.trim() === '') continue;
    const [provider, externalId, person] = line.split(',');
    truth.set(recordKeyOf(provider, externalId), person);
  }

  const store = new InMemoryIdentityStore();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const { metrics } = await ingestRecords(store, inputs, { batchSize, autoMerge: !strict });
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const predicted = store.assignments();
  const scores = pairwiseScores(truth, predicted);

  const secondStarted = performance.now();
  const again = await ingestRecords(store, inputs, { batchSize, autoMerge: !strict });
  const reimport = performance.now() - secondStarted;

  const fmt = (value: number) => value.toFixed(4);
  console.log(`dataset     ${directory} (${inputs.length} records, batch ${batchSize}${strict ? ', strict' : ''})`);
  console.log(`precision   ${fmt(scores.precision)}  (${scores.correctPairs} of ${scores.predictedPairs} predicted pairs)`);
  console.log(`recall      ${fmt(scores.recall)}  (${scores.correctPairs} of ${scores.truePairs} true pairs)`);
  console.log(`f1          ${fmt(scores.f1)}`);
  console.log(`persons     ${store.persons.size} (truth ${new Set(truth.values()).size})`);
  console.log(`created ${metrics.created}  linked ${metrics.linked}  ambiguous ${metrics.ambiguous}  errors ${metrics.errors}  merges ${metrics.merges}  quarantined ${metrics.quarantined}`);
  console.log(`time        ${elapsed.toFixed(0)} ms (${Math.round(inputs.length / (elapsed / 1000))} records/s), cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
  console.log(`re-import   ${again.metrics.unchanged} unchanged of ${inputs.length} in ${reimport.toFixed(0)} ms`);

  if (details) printDetails(inputs, truth, predicted);
}

/** Where the errors are: the biggest mixed clusters and the most common reasons for missed pairs. */
function printDetails(inputs: SourceRecordInput[], truth: Map<string, string>, predicted: Map<string, string | null>): void {
  const byKey = new Map(inputs.map((input) => [recordKeyOf(input.provider, input.externalId), input]));
  const clusters = new Map<string, string[]>();
  for (const [key, person] of predicted) {
    if (person === null) continue;
    const list = clusters.get(person) ?? [];
    list.push(key);
    clusters.set(person, list);
  }
  const mixed = [...clusters.values()]
    .map((keys) => ({ keys, people: new Set(keys.map((key) => truth.get(key))).size }))
    .filter((cluster) => cluster.people > 1)
    .sort((a, b) => b.keys.length - a.keys.length);
  console.log(`\nmixed clusters: ${mixed.length}`);
  for (const cluster of mixed.slice(0, 15)) {
    console.log(`-- ${cluster.keys.length} records, ${cluster.people} people`);
    for (const key of cluster.keys) {
      const input = byKey.get(key)!;
      const address = input.address ? `${input.address.line1 ?? ''} ${input.address.line2 ?? ''}` : '';
      console.log(`   ${truth.get(key)} ${input.provider} ${input.email ?? '-'} ${input.phone ?? '-'} ${input.firstName ?? '-'} ${input.lastName ?? '-'} ${address}`);
    }
  }
  // Missed: truth persons split over several predicted clusters.
  const truthClusters = new Map<string, string[]>();
  for (const [key, person] of truth) {
    const list = truthClusters.get(person) ?? [];
    list.push(key);
    truthClusters.set(person, list);
  }
  let shown = 0;
  console.log('\nsplit persons (sample):');
  for (const [person, keys] of truthClusters) {
    const parts = new Set(keys.map((key) => predicted.get(key) ?? `solo:${key}`));
    if (parts.size < 2 || shown >= 25) continue;
    shown += 1;
    console.log(`-- ${person}: ${keys.length} records in ${parts.size} clusters`);
    for (const key of keys) {
      const input = byKey.get(key)!;
      const address = input.address ? `${input.address.line1 ?? ''} ${input.address.line2 ?? ''}` : '';
      console.log(`   ${(predicted.get(key) ?? 'UNRESOLVED').slice(0, 8)} ${input.provider} ${input.email ?? '-'} ${input.phone ?? '-'} ${input.firstName ?? '-'} ${input.lastName ?? '-'} ${address}`);
    }
  }
}

await main();
