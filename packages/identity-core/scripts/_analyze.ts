import { readFileSync } from 'node:fs';
import { InMemoryIdentityStore, ingestRecords, recordKeyOf, type SourceRecordInput } from '../src/index.js';
const dir = process.argv[2] ?? '/work/shared/datasets/identity/medium';
const inputs: SourceRecordInput[] = readFileSync(dir + '/records.ndjson', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const truth = new Map<string, string>();
for (const line of readFileSync(dir + '/truth.csv', 'utf8').trim().split('\n').slice(1)) { const [p, e, t] = line.split(','); truth.set(recordKeyOf(p, e), t); }
const store = new InMemoryIdentityStore();
const { outcomes } = await ingestRecords(store, inputs, { batchSize: 1000 });
const pred = store.assignments();
const out = outcomes.map((o) => ({ key: recordKeyOf(o.provider, o.externalId), action: o.action, matchedBy: o.matchedBy }));
const fs = await import('node:fs');
fs.writeFileSync('/tmp/assign.json', JSON.stringify(out.map((o) => ({ ...o, person: pred.get(o.key), truth: truth.get(o.key) }))));
