// /v1 batch ingestion under concurrent load when some batches carry `alias` messages that merge persons.
//   npm run build -w apps/api && node bench/v1-alias-stress.mjs [batches=200] [clients=8] [aliasShare=0.1] [users=60] [batchSize=50] [identifyShare=0]
// Starts a fresh embedded Spine server (`spine serve`, its own process), creates a source with the
// CLI, identifies users u0..u{users-1} (anonymousIds a0..) one by one, then lets `clients` concurrent
// workers POST `batches` batches of `batchSize` track events ('Stress', random users) to /v1/batch.
// With probability aliasShare a batch also carries one alias (userId uX, previousId uY or aY) at a
// random position, chosen so that, as far as the aliases sent so far tell, two different persons merge.
// With identifyShare > 0, that share of the messages are identifies instead (half of a known user with
// an email, which runs the identity engine inside the batch; half of a new user), to mix its locks in.
// No retries: every non-2xx response (or network error) counts as a failure.
// Then it reads the embedded PostgreSQL directly: 'Stress' events stored, events still pointing at a
// person that was merged away ("orphaned"), and persons merged. A measurement: exits 0 unless it breaks.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { freshDataDir, machine, repoRoot, runSpine, serve } from './lib.mjs';

// Everything printed goes to bench/v1-stress-report.md as well.
const printed = [];
const print = (line = '') => {
  console.log(line);
  printed.push(line);
};

const arg = (index, fallback) => (process.argv[index] === undefined ? fallback : Number(process.argv[index]));
const BATCHES = arg(2, 200);
const CLIENTS = arg(3, 8);
const ALIAS_SHARE = arg(4, 0.1);
const USERS = arg(5, 60);
const BATCH_SIZE = arg(6, 50);
const IDENTIFY_SHARE = arg(7, 0);
if (![BATCHES, CLIENTS, ALIAS_SHARE, USERS, BATCH_SIZE, IDENTIFY_SHARE].every(Number.isFinite) || USERS < 2 || CLIENTS < 1) {
  console.error('usage: node bench/v1-alias-stress.mjs [batches=200] [clients=8] [aliasShare=0.1] [users=60] [batchSize=50] (users >= 2)');
  process.exit(2);
}

const run = `stress-${Date.now().toString(36)}`;
const randomInt = (n) => Math.floor(Math.random() * n);

// Union-find over users, fed by the aliases the server accepted so far: where possible, an alias joins
// two users not yet known to be one person, so that it merges two existing persons.
const parent = Array.from({ length: USERS }, (_, user) => user);
const find = (user) => (parent[user] === user ? user : (parent[user] = find(parent[user])));
let aliasesWithoutMerge = 0; // aliases sent once every user was (as far as accepted aliases tell) one person

function aliasMessage(batch, index) {
  const x = randomInt(USERS);
  const others = [...Array(USERS).keys()].filter((y) => y !== x && find(y) !== find(x));
  if (others.length === 0) aliasesWithoutMerge += 1;
  const y = others.length ? others[randomInt(others.length)] : (x + 1 + randomInt(USERS - 1)) % USERS;
  const previousId = Math.random() < 0.5 ? `u${y}` : `a${y}`;
  return { pair: [x, y], message: { type: 'alias', userId: `u${x}`, previousId, messageId: `${run}-b${batch}-m${index}`, timestamp: new Date().toISOString() } };
}

function makeBatch(batch) {
  const messages = Array.from({ length: BATCH_SIZE }, (_, index) => {
    const common = { messageId: `${run}-b${batch}-m${index}`, timestamp: new Date().toISOString() };
    if (Math.random() < IDENTIFY_SHARE) {
      const user = randomInt(USERS);
      return Math.random() < 0.5
        ? { type: 'identify', userId: `u${user}`, traits: { email: `u${user}@stress.example.com`, plan: `p${batch % 3}` }, ...common }
        : { type: 'identify', userId: `n${batch}-${index}`, anonymousId: `na${batch}-${index}`, traits: { email: `n${batch}-${index}@stress.example.com` }, ...common };
    }
    return { type: 'track', event: 'Stress', userId: `u${randomInt(USERS)}`, properties: { batch, index }, ...common };
  });
  const alias = Math.random() < ALIAS_SHARE ? aliasMessage(batch, BATCH_SIZE) : null;
  if (alias) messages.splice(randomInt(messages.length + 1), 0, alias.message);
  return { messages, aliasPair: alias?.pair ?? null };
}

/** One POST /v1/batch, no retry: status (or 'network'), duration in ms and the response body. */
async function post(url, auth, messages) {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify({ batch: messages, sentAt: new Date().toISOString() }),
    });
    const body = await response.text();
    return { status: response.status, ms: performance.now() - started, body };
  } catch (error) {
    return { status: 'network', ms: performance.now() - started, body: String(error?.cause ?? error) };
  }
}

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const latency = (results) => `n=${results.length} p50 ${percentile(results.map((r) => r.ms), 50).toFixed(0)} ms, p95 ${percentile(results.map((r) => r.ms), 95).toFixed(0)} ms, max ${percentile(results.map((r) => r.ms), 100).toFixed(0)} ms`;

const dataDir = freshDataDir('v1-alias');
let server;
const startedAll = performance.now();
try {
  // A source and its write key, through the CLI, before the server starts (it shares the data dir).
  const created = runSpine(['sources', 'create', 'bench', '--provider', 'app', '--json'], { SPINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  if ((await created.exited) !== 0) throw new Error(`spine sources create failed:\n${created.stderr()}`);
  const { writeKey } = JSON.parse(created.stdout().trim().split('\n').pop());
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  server = await serve(dataDir);
  print(`server ${server.url}; ${BATCHES} batches x ${BATCH_SIZE} tracks, ${CLIENTS} clients, aliasShare ${ALIAS_SHARE}, ${USERS} users, identifyShare ${IDENTIFY_SHARE}`);

  // 1. Every user identifies once, sequentially: each has a person, with its anonymousId attached.
  for (let user = 0; user < USERS; user += 1) {
    const identify = { type: 'identify', userId: `u${user}`, anonymousId: `a${user}`, messageId: `${run}-identify-${user}`, timestamp: new Date().toISOString() };
    const result = await post(server.url, auth, [identify]);
    if (result.status !== 200) throw new Error(`identify u${user}: HTTP ${result.status}: ${result.body.slice(0, 300)}`);
  }

  // 2. Concurrent workers share one batch counter.
  const results = [];
  let next = 0;
  const loadStarted = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < BATCHES) {
        const index = next++;
        const { messages, aliasPair } = makeBatch(index);
        const result = { index, hasAlias: aliasPair !== null, ...(await post(server.url, auth, messages)) };
        if (aliasPair && result.status >= 200 && result.status < 300) parent[find(aliasPair[1])] = find(aliasPair[0]);
        results.push(result);
      }
    }),
  );
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  // 3. What was stored, straight from the embedded PostgreSQL.
  const pidLines = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  const client = new pg.Client({ connectionString: `postgres://postgres:spine-embedded@127.0.0.1:${pidLines[3].trim()}/spine` });
  await client.connect();
  let counts;
  try {
    counts = (
      await client.query(`
        SELECT (SELECT count(*) FROM event WHERE type = 'track' AND name = 'Stress')::int AS stress,
               (SELECT count(*) FROM event WHERE type = 'track' AND name = 'Stress' AND person_id IS NULL)::int AS unattributed,
               (SELECT count(*) FROM event e JOIN person p ON p.id = e.person_id WHERE p.merged_into_id IS NOT NULL)::int AS orphaned,
               (SELECT count(*) FROM event e JOIN person p ON p.id = e.person_id WHERE p.merged_into_id IS NOT NULL AND e.name = 'Stress')::int AS orphaned_stress,
               (SELECT count(*) FROM person WHERE merged_into_id IS NOT NULL)::int AS merged,
               (SELECT count(*) FROM person WHERE merged_into_id IS NULL)::int AS live`)
    ).rows[0];
  } finally {
    await client.end();
  }

  // 4. Summary.
  const ok = results.filter((r) => typeof r.status === 'number' && r.status >= 200 && r.status < 300);
  const failed = results.filter((r) => !ok.includes(r));
  const byStatus = {};
  for (const r of failed) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const aliasBatches = results.filter((r) => r.hasAlias);
  print(`\nbatches sent: ${results.length} (${aliasBatches.length} with an alias${aliasesWithoutMerge ? `, ${aliasesWithoutMerge} of them sent when all users were already one person` : ''}) in ${loadSeconds.toFixed(2)} s`);
  print(`failures: ${failed.length}${failed.length ? ` by status ${JSON.stringify(byStatus)}; in batches with an alias: ${failed.filter((r) => r.hasAlias).length}` : ''}`);
  failed.slice(0, 3).forEach((r) => print(`  error (batch ${r.index}${r.hasAlias ? ', alias' : ''}, HTTP ${r.status}): ${r.body.slice(0, 300)}`));
  print(`latency ok batches: ${latency(ok)}; with an alias: ${latency(ok.filter((r) => r.hasAlias))}; without: ${latency(ok.filter((r) => !r.hasAlias))}`);
  print(`Stress events stored: ${counts.stress}${IDENTIFY_SHARE ? '' : ` (expected ${ok.length * BATCH_SIZE} from the accepted batches)`}, unattributed ${counts.unattributed}`);
  print(`orphaned events (on a person merged away): ${counts.orphaned} (of them Stress: ${counts.orphaned_stress})`);
  print(`persons merged: ${counts.merged}, live persons: ${counts.live}`);
  // Why requests failed or were retried, from the server's log (PostgreSQL error codes and messages).
  const problems = {};
  for (const line of server.log().split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line);
    if (entry.level < 40) continue;
    const key = `${entry.msg}${entry.sql ? ` ${entry.sql.replace(/\s+/g, ' ').slice(0, 90)}` : ''}${entry.err?.code ? ` ${entry.err.code}` : ''}${entry.err?.message ? `: ${String(entry.err.message).slice(0, 80)}` : ''}`;
    problems[key] = (problems[key] ?? 0) + 1;
  }
  print(`server warnings and errors: ${Object.keys(problems).length ? JSON.stringify(problems, null, 1) : 'none'}`);
  print(`elapsed: ${((performance.now() - startedAll) / 1000).toFixed(1)} s total`);
  print(`machine: ${machine()}`);
  fs.writeFileSync(
    path.join(repoRoot, 'bench/v1-stress-report.md'),
    `# /v1 under concurrent load with aliases and identifies\n\n\`node bench/v1-alias-stress.mjs ${process.argv.slice(2).join(' ')}\` on ${new Date().toISOString()}.\n\n\`\`\`\n${printed.join('\n').trim()}\n\`\`\`\n`,
  );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  if (server) await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
