import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InMemoryIdentityStore, ingestRecords, pairwiseScores, recordKeyOf, type SourceRecordInput } from '../src/index.js';

// The shared datasets live beside the repository (../shared); SPINE_DATASETS_DIR overrides.
const datasets = process.env.SPINE_DATASETS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets');
const directory = `${datasets}/identity/small`;
const available = existsSync(`${directory}/records.ndjson`);

function load(): { inputs: SourceRecordInput[]; truth: Map<string, string> } {
  const inputs = readFileSync(`${directory}/records.ndjson`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SourceRecordInput);
  const truth = new Map<string, string>();
  for (const line of readFileSync(`${directory}/truth.csv`, 'utf8').split('\n').slice(1)) {
    if (line.trim() === '') continue;
    const [provider, externalId, person] = line.split(',');
    truth.set(recordKeyOf(provider, externalId), person);
  }
  return { inputs, truth };
}

it('finds the shared identity dataset (it must not be skipped silently)', () => {
  expect(available, `no dataset at ${directory}: put ../shared beside the repository or set SPINE_DATASETS_DIR`).toBe(true);
});

describe.runIf(available)('the small identity dataset', () => {
  it('resolves with high precision, and a re-import changes nothing', async () => {
    const { inputs, truth } = load();
    const store = new InMemoryIdentityStore();
    await ingestRecords(store, inputs, { batchSize: 500 });
    const scores = pairwiseScores(truth, store.assignments());
    expect(scores.precision).toBeGreaterThanOrEqual(0.99);
    expect(scores.recall).toBeGreaterThanOrEqual(0.7);

    const persons = store.persons.size;
    const again = await ingestRecords(store, inputs, { batchSize: 500 });
    expect(again.metrics.unchanged).toBe(inputs.length);
    expect(again.outcomes.every((outcome) => outcome.action === 'UNCHANGED')).toBe(true);
    expect(store.persons.size).toBe(persons);
  });

  it('gives nearly the same result whatever the batch size', async () => {
    const { inputs, truth } = load();
    const one = new InMemoryIdentityStore();
    await ingestRecords(one, inputs, { batchSize: 1 });
    const many = new InMemoryIdentityStore();
    await ingestRecords(many, inputs, { batchSize: 500 });
    const a = pairwiseScores(truth, one.assignments());
    const b = pairwiseScores(truth, many.assignments());
    expect(Math.abs(a.precision - b.precision)).toBeLessThan(0.005);
    expect(Math.abs(a.recall - b.recall)).toBeLessThan(0.01);
    expect(Math.abs(one.persons.size - many.persons.size)).toBeLessThan(inputs.length * 0.01);
  });
});
