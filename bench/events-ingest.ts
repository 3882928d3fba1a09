/**
 * Event ingestion through POST /v1/batch with several concurrent clients, beside a plain multi-row
 * INSERT of the same events into the same table, on the same machine and PostgreSQL.
 *   npx tsx bench/events-ingest.ts [events] [clients] [rounds]
 * Starts a fresh embedded PostgreSQL in a temporary folder and the real server (`spine serve`, as
 * its own process, so that the server is measured and not the load generator's event loop).
 * Runs it `rounds` times (3), each on a fresh PostgreSQL, and writes every round and the median
 * round's details to bench/events-report.md.
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres.js';
import { createLogger } from '../apps/api/src/logger.js';

const EVENTS = Number(process.argv[2] ?? 100_000);
const CLIENTS = Number(process.argv[3] ?? 8);
const ROUNDS = Number(process.argv[4] ?? 3);
const USERS = 5_000;
const BATCH = 500;
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');

function machine(): string {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** CPU seconds a process has used (user + system), from /proc; 0 where there is no /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds so far of each process of one PostgreSQL server: the postmaster and its children. */
function postgresCpu(dataDir: string): Map<number, number> {
  const byPid = new Map<number, number>();
  let postmaster: number;
  try {
    postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return byPid;
  }
  byPid.set(postmaster, cpuSeconds(postmaster));
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmaster) byPid.set(Number(entry), cpuSeconds(Number(entry)));
    } catch {
      // The process ended meanwhile.
    }
  }
  return byPid;
}

/** CPU seconds PostgreSQL used since `before`; processes that ended meanwhile (autovacuum workers, idle connections closed) are not counted. */
function postgresCpuSince(dataDir: string, before: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of postgresCpu(dataDir)) total += seconds - (before.get(pid) ?? 0);
  return total;
}

async function startServer(databaseUrl: string): Promise<{ url: string; pid: number; logs(): string; stop(): Promise<void> }> {
  // node itself (not npx), so that SIGTERM reaches the server; the API's tsconfig for its decorators.
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/cli/main.ts', 'serve', '--no-demo', '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(repoRoot, 'apps/api/tsconfig.json'), DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', NODE_ENV: 'production', SPINE_LTV_RECOMPUTE_INTERVAL: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const line = stderr.split('\n').find((candidate) => candidate.includes('"Spine is ready"'));
    if (line) {
      const { port } = JSON.parse(line) as { port: number };
      return {
        url: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        logs: () => stderr,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
    if (child.exitCode !== null) throw new Error(`spine serve exited:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`spine serve did not start:\n${stderr}`);
}

// A realistic message: what analytics.js sends for a track or page call.
function message(index: number, kind: 'track' | 'page', run: string) {
  const user = index % USERS;
  const base = {
    messageId: `${run}-${index}`,
    timestamp: new Date(Date.UTC(2025, 0, 1) + index * 1000).toISOString(),
    context: {
      library: { name: 'analytics.js', version: '5.2.0' },
      page: { path: '/products/42', url: 'https://shop.example.com/products/42', referrer: 'https://www.google.com/' },
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      ip: '203.0.113.7',
      campaign: index % 4 === 0 ? { source: 'newsletter', medium: 'email', name: 'spring-sale' } : undefined,
    },
  };
  if (kind === 'page') return { ...base, type: 'page', anonymousId: `anon-${user}`, name: 'Product', properties: { path: '/products/42', title: 'Product 42' } };
  return { ...base, type: 'track', userId: `user-${user}`, event: index % 10 === 0 ? 'Order Completed' : 'Product Viewed', properties: { productId: `p-${index % 300}`, price: (index % 97) + 0.99, currency: 'USD' } };
}

async function sendAll(url: string, writeKey: string, batches: object[][]): Promise<{ seconds: number; accepted: number; duplicates: number }> {
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  // Serialized before the clock starts: the load generator shares the machine's two cores with the
  // server and PostgreSQL, and what is measured is the server. sentAt is added at sending time.
  const serialized = batches.map((batch) => `{"batch":${JSON.stringify(batch)},"sentAt":"`);
  let next = 0;
  let accepted = 0;
  let duplicates = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < batches.length) {
        const body_ = `${serialized[next++]}${new Date().toISOString()}"}`;
        const send = () => fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: body_ });
        // A keep-alive connection the server closed while idle fails once; resending is safe (messageId dedup), as Segment's libraries do.
        const response = await send().catch(send);
        const body = (await response.json()) as { accepted: number; duplicates: number; error?: unknown };
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body)}`);
        accepted += body.accepted;
        duplicates += body.duplicates;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, accepted, duplicates };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

interface Round {
  track: number;
  plain: number;
  serverMs: string;
  postgresMs: string;
  plainPostgresMs: string;
  seen: string;
  detail: string;
}

/** One whole run on a fresh PostgreSQL and server. */
async function runRound(round: number): Promise<Round> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'events-ingest-bench-'));
  const postgres = await startEmbeddedPostgres({ dataDir, logger: createLogger('warn') });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const pool = new pg.Pool({ connectionString: postgres.url, max: CLIENTS });
  try {
    server = await startServer(postgres.url);
    const writeKey = `spk_${randomUUID()}`;
    await pool.query(`INSERT INTO source (name, provider, write_key_hash, write_key_prefix) VALUES ('bench', 'app', $1, 'spk_')`, [createHash('sha256').update(writeKey).digest('hex')]);
    const load = os.loadavg()[0];
    console.log(`round ${round}: server at ${server.url}; ${EVENTS} events, ${CLIENTS} clients`);

    // 1. Every user identifies once (identity engine: creates the persons), with an anonymousId for half of them.
    const identifies = Array.from({ length: USERS }, (_, user) => ({
      type: 'identify',
      messageId: `identify-${user}`,
      userId: `user-${user}`,
      ...(user % 2 === 0 ? { anonymousId: `anon-${user}` } : {}),
      traits: { email: `user${user}@fastmail.com`, firstName: `First${user}`, lastName: `Last${user}`, plan: user % 3 === 0 ? 'pro' : 'free' },
      timestamp: new Date(Date.UTC(2024, 11, 31)).toISOString(),
    }));
    const identify = await sendAll(server.url, writeKey, chunk(identifies, BATCH));
    console.log(`identify: ${USERS} in ${identify.seconds.toFixed(2)} s = ${Math.round(USERS / identify.seconds)} events/s`);

    // 2. Tracks and page views of known users and visitors.
    const messages = Array.from({ length: EVENTS }, (_, index) => message(index, index % 5 === 0 ? 'page' : 'track', 'evt'));
    const batches = chunk(messages, BATCH);
    const bytes = batches.reduce((sum, batch) => sum + Buffer.byteLength(JSON.stringify({ batch })), 0);
    const serverCpuBefore = cpuSeconds(server.pid);
    const postgresCpuBefore = postgresCpu(dataDir);
    // Each timed step starts from a checkpoint, so that none pays for the WAL of the one before.
    await pool.query('CHECKPOINT');
    const track = await sendAll(server.url, writeKey, batches);
    const trackCpu = { server: cpuSeconds(server.pid) - serverCpuBefore, postgres: postgresCpuSince(dataDir, postgresCpuBefore) };
    console.log(`track/page: ${track.accepted} in ${track.seconds.toFixed(2)} s = ${Math.round(EVENTS / track.seconds)} events/s`);

    // The server folds the queued first/last-seen times into the persons every few seconds: wait for
    // the queue to drain, then check every person against its events.
    const foldStarted = performance.now();
    while (Number((await pool.query('SELECT count(*) AS count FROM person_seen_queue')).rows[0].count) > 0) {
      if (performance.now() - foldStarted > 60_000) throw new Error('person_seen_queue did not drain within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const foldWait = (performance.now() - foldStarted) / 1000;
    const seenCheck = (
      await pool.query(`SELECT count(*) AS persons, count(*) FILTER (WHERE p.last_seen_at = e.last_at) AS exact FROM person p
                        JOIN (SELECT person_id, max(occurred_at) AS last_at FROM event WHERE message_id LIKE 'evt-%' GROUP BY person_id) e ON e.person_id = p.id`)
    ).rows[0];
    console.log(`seen times: queue empty ${foldWait.toFixed(1)} s after the last batch; ${seenCheck.exact} of ${seenCheck.persons} persons last seen at their newest event`);

    // 3. The same batches again: all duplicates.
    const replay = await sendAll(server.url, writeKey, batches);
    console.log(`replay: ${replay.duplicates} duplicates in ${replay.seconds.toFixed(2)} s = ${Math.round(EVENTS / replay.seconds)} events/s`);
    const attributed = (await pool.query(`SELECT count(*) FILTER (WHERE person_id IS NOT NULL) AS attributed, count(*) AS total FROM event WHERE message_id LIKE 'evt-%'`)).rows[0];

    // 4. Baseline: the same rows, multi-row INSERT straight into the event table, same concurrency.
    const columns = ['message_id', 'user_id', 'anonymous_id', 'type', 'name', 'source', 'properties', 'context', 'utm_source', 'utm_medium', 'utm_campaign', 'occurred_at', 'sent_at'];
    const rowsOf = (batch: ReturnType<typeof message>[]) =>
      batch.map((m) => {
        const campaign = m.context.campaign;
        return [`plain-${m.messageId}`, 'userId' in m ? m.userId : null, 'anonymousId' in m ? m.anonymousId : null, m.type, 'event' in m ? m.event : m.name, 'bench', JSON.stringify(m.properties), JSON.stringify(m.context), campaign?.source ?? null, campaign?.medium ?? null, campaign?.name ?? null, m.timestamp, m.timestamp];
      });
    await pool.query('CHECKPOINT');
    // Parameters built before the clock starts, as the /v1 bodies are.
    const plainParameters = batches.map((batch) => {
      const rows = rowsOf(batch as ReturnType<typeof message>[]);
      const placeholders = rows.map((row, r) => `(${row.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
      return { sql: `INSERT INTO event (${columns.join(', ')}) VALUES ${placeholders}`, values: rows.flat() };
    });
    let next = 0;
    const plainCpuBefore = postgresCpu(dataDir);
    const plainStarted = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < batches.length) {
          const { sql, values } = plainParameters[next++];
          await pool.query(sql, values);
        }
      }),
    );
    const plainSeconds = (performance.now() - plainStarted) / 1000;
    const plainPostgresCpu = postgresCpuSince(dataDir, plainCpuBefore);
    console.log(`plain INSERT: ${EVENTS} in ${plainSeconds.toFixed(2)} s = ${Math.round(EVENTS / plainSeconds)} rows/s`);

    const rate = (count: number, seconds: number) => Math.round(count / seconds).toLocaleString('en-US');
    const perBatch = (seconds: number) => ((seconds * 1000) / batches.length).toFixed(1);
    const detail = `Load average ${load.toFixed(2)} at the start of this round.

| Step | Events | Seconds | Events/s |
| --- | ---: | ---: | ---: |
| identify, each a new user resolved by the identity engine (email, name, anonymousId) | ${USERS.toLocaleString('en-US')} | ${identify.seconds.toFixed(2)} | ${rate(USERS, identify.seconds)} |
| **track + page through /v1/batch** (80% track by known userId, 20% page by anonymousId) | ${EVENTS.toLocaleString('en-US')} | ${track.seconds.toFixed(2)} | **${rate(EVENTS, track.seconds)}** |
| the same batches replayed (all duplicates by messageId) | ${EVENTS.toLocaleString('en-US')} | ${replay.seconds.toFixed(2)} | ${rate(EVENTS, replay.seconds)} |
| plain multi-row INSERT of the same rows, ${BATCH} a statement, ${CLIENTS} connections | ${EVENTS.toLocaleString('en-US')} | ${plainSeconds.toFixed(2)} | ${rate(EVENTS, plainSeconds)} |

Stored once each: ${track.accepted.toLocaleString('en-US')} accepted, ${replay.duplicates.toLocaleString('en-US')} duplicates on replay; ${Number(attributed.attributed).toLocaleString('en-US')} of ${Number(attributed.total).toLocaleString('en-US')} events attributed to a person on arrival (page views by the anonymousIds of identified users, and every userId).

CPU used per ${BATCH}-message batch (from /proc, processes that ended meanwhile not counted; on a shared machine other work inflates these too): /v1/batch ${perBatch(trackCpu.server)} ms in the server and
${perBatch(trackCpu.postgres)} ms in PostgreSQL; the plain INSERT ${perBatch(plainPostgresCpu)} ms in PostgreSQL. Request bodies and INSERT parameters are built before each step's clock starts.

What the API does per batch beyond the plain INSERT: Basic-auth write key (cached for 10 s), JSON size/depth checks and parsing, per-message validation and sanitizing
(NUL, lone surrogates, \`__proto__\`), clock-skew correction, a messageId pre-check, userId and anonymousId lookups, the INSERT with the attributions (checked by
the foreign key to person, one locking lookup per row), and one row per person concerned (about 450 per batch here) appended to \`person_seen_queue\`, in one
transaction. The server folds that queue into the persons' first/last-seen times every 5 s (\`SPINE_QUEUE_FLUSH_SECONDS\`; its work is in the figures above):
a person active in every batch is written once per fold instead of once per batch, and concurrent batches no longer wait on each other's person row locks.
After the run the queue was empty ${foldWait.toFixed(1)} s after the last batch, and ${Number(seenCheck.exact).toLocaleString('en-US')} of ${Number(seenCheck.persons).toLocaleString('en-US')} persons were last seen at their newest event.
Each timed step starts from a CHECKPOINT, so that none pays for the WAL of the one before.
`;
    return {
      track: EVENTS / track.seconds,
      plain: EVENTS / plainSeconds,
      serverMs: perBatch(trackCpu.server),
      postgresMs: perBatch(trackCpu.postgres),
      plainPostgresMs: perBatch(plainPostgresCpu),
      seen: `${Number(seenCheck.exact).toLocaleString('en-US')} of ${Number(seenCheck.persons).toLocaleString('en-US')}`,
      detail,
    };
  } catch (error) {
    console.error(`server log (end):\n${server?.logs().slice(-4000)}`);
    throw error;
  } finally {
    await pool.end();
    await server?.stop();
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const rounds: Round[] = [];
for (let round = 1; round <= ROUNDS; round += 1) {
  const result = await runRound(round);
  console.log(`round ${round}: /v1/batch ${Math.round(result.track)} events/s, plain INSERT ${Math.round(result.plain)} rows/s`);
  rounds.push(result);
}
const byTrack = [...rounds].sort((a, b) => a.track - b.track);
const median = byTrack[Math.floor((byTrack.length - 1) / 2)];
const rate = (value: number) => Math.round(value).toLocaleString('en-US');
const report = `# Event ingestion benchmark

\`npx tsx bench/events-ingest.ts ${EVENTS} ${CLIENTS} ${ROUNDS}\` on ${machine()}, ${new Date().toISOString()}.
Each round: a fresh embedded PostgreSQL, the server as its own process (\`spine serve\`, NODE_ENV=production), ${CLIENTS} concurrent HTTP clients sending
\`POST /v1/batch\` requests of ${BATCH} messages (analytics.js-shaped context). The machine is shared with other work, so figures vary from round to round:
all rounds are listed, and the details below are those of the median round.

| round | /v1/batch events/s | plain INSERT rows/s | ratio | CPU per batch: server / PostgreSQL (plain INSERT) ms | persons last seen at their newest event |
| ---: | ---: | ---: | ---: | ---: | ---: |
${rounds.map((r, index) => `| ${index + 1} | ${rate(r.track)} | ${rate(r.plain)} | ${(r.track / r.plain).toFixed(2)} | ${r.serverMs} / ${r.postgresMs} (${r.plainPostgresMs}) | ${r.seen} |`).join('\n')}

**Median /v1/batch: ${rate(median.track)} events/s** (lowest ${rate(byTrack[0].track)}, highest ${rate(byTrack[byTrack.length - 1].track)}).

The issue's target is 15,000 events/s on a machine where the plain INSERT manages about 40,000 rows/s, a ratio of 0.375; the
median round's ratio here is ${(median.track / median.plain).toFixed(2)}, with the plain INSERT at ${rate(median.plain)} rows/s. The plain INSERT is the yardstick of how fast
this machine was during the round: it moved between about 18,000 and 35,000 rows/s on the same machine within one day.

## Median round

${median.detail}`;
fs.writeFileSync(path.join(here, 'events-report.md'), report);
console.log(report);
