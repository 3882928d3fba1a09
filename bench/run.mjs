// Runs the benchmarks one after the other (never in parallel: each measures a whole 2-core
// machine), after building, and says which reports it wrote.
//   npm run bench                 all of them
//   npm run bench -- identity     only those whose name contains "identity"
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './lib.mjs';

const tsx = ['npx', 'tsx', '--tsconfig', 'apps/api/tsconfig.json'];
const benchmarks = [
  { name: 'identity', command: ['node', 'bench/identity-resolution.mjs'], report: 'bench/identity-report.md' },
  { name: 'events', command: ['npx', 'tsx', 'bench/events-ingest.ts'], report: 'bench/events-report.md' },
  { name: 'v1-stress', command: ['node', 'bench/v1-alias-stress.mjs', '200', '8', '0.1', '60', '50', '0.2'], report: 'bench/v1-stress-report.md' },
  { name: 'segments', command: [...tsx, 'bench/segments-bench.ts'], report: 'bench/segments-report.md' },
  { name: 'ltv-fit', command: ['npx', 'tsx', 'bench/ltv-fit.ts'], report: 'bench/ltv-report.md' },
  { name: 'ltv-service', command: [...tsx, 'bench/ltv-service.ts'], report: 'bench/ltv-report.md' },
];

const filters = process.argv.slice(2);
const chosen = benchmarks.filter((benchmark) => filters.length === 0 || filters.some((filter) => benchmark.name.includes(filter)));
if (chosen.length === 0) {
  console.error(`No benchmark matches ${filters.join(', ')}; there are: ${benchmarks.map((benchmark) => benchmark.name).join(', ')}`);
  process.exit(2);
}

function run(command) {
  console.log(`\n$ ${command.join(' ')}`);
  const result = spawnSync(command[0], command.slice(1), { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`failed (exit ${result.status ?? result.signal}): ${command.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}

run(['npm', 'run', 'build']);
for (const benchmark of chosen) run(benchmark.command);
console.log(`\nReports written: ${[...new Set(chosen.map((benchmark) => path.join(repoRoot, benchmark.report)))].join(', ')}`);
