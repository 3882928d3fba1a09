import { readFileSync } from 'node:fs';
import { InMemoryIdentityStore, ingestRecords, normalizeRecord } from '../src/index.js';
const inputs = readFileSync('/work/shared/datasets/identity/medium/records.ndjson','utf8').trim().split('\n').map(l=>JSON.parse(l));
const store = new InMemoryIdentityStore();
await ingestRecords(store, inputs, { batchSize: 1000 });
const sizes = [...store.persons.values()].map(p => p.identities.length).sort((a,b)=>b-a);
console.log(sizes.slice(0,10));
const batch = inputs.slice(0,1000).map((r,i)=>normalizeRecord(r,{},i));
let t=performance.now(); for (let i=0;i<20;i++) store.loadSnapshotSync(batch); console.log('load x20', performance.now()-t);
