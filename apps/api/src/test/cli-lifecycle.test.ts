// The `spine` command as users run it: serve on an embedded PostgreSQL in a data folder, other
// commands reusing that server, clean shutdown on SIGTERM, and a second start reusing the data.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const spineBin = path.join(apiDir, 'bin/spine.js');

interface Running {
  child: ChildProcess;
  output: () => string;
  stdout: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

function run(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [spineBin, ...args], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stdout = '';
  child.stdout!.on('data', (chunk) => ((output += chunk), (stdout += chunk)));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  children.push(child);
  return { child, output: () => output, stdout: () => stdout, exited };
}

async function readyPort(running: Running, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = running.output().split('\n').find((candidate) => candidate.includes('"Spine is ready"'));
    if (line) return JSON.parse(line).port as number;
    if (running.child.exitCode !== null) throw new Error(`spine serve exited early:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`spine serve did not become ready:\n${running.output()}`);
}

async function graphql(port: number, query: string, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}

// Child processes start PostgreSQL and the API: give them room on a busy machine.
describe('the spine command', { timeout: 240_000 }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spine-cli-'));
  const env = { SPINE_DATA_DIR: dataDir, DATABASE_URL: '' };
  afterAll(async () => {
    // A test that failed half-way must not leave a server (and its PostgreSQL) running.
    const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(running.map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints help', async () => {
    const help = run(['--help'], env);
    expect(await help.exited).toBe(0);
    for (const command of ['serve', 'migrate', 'seed-demo', 'import', 'schema']) expect(help.output()).toContain(command);
  });

  it('serves on an embedded PostgreSQL, shares it with other commands, stops cleanly and restarts on the same data', async () => {
    // In production mode an empty database gets no made-up customers, and the log says how to
    // create the first administrator.
    const serve = run(['serve', '--port', '0'], { ...env, NODE_ENV: 'production' });
    const port = await readyPort(serve);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(serve.output()).toContain('production mode: demo data not loaded');
    expect(serve.output()).toContain('no staff user can sign in yet');

    // No credential, no data; an API key made by the CLI (on the running server's PostgreSQL) works.
    const ingest = `mutation { ingestIdentities(records: [{ provider: "app", externalId: "cli-1", email: "cli.user@fastmail.com", firstName: "Cli" }]) { created } }`;
    expect((await graphql(port, ingest)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const keyCommand = run(['keys', 'create', 'ops', '--scope', 'ingest:write', 'graph:read', '--json'], env);
    expect(await keyCommand.exited).toBe(0);
    const key = JSON.parse(keyCommand.stdout().trim()) as { id: string; token: string; scopes: string[] };
    expect(key.scopes).toEqual(['ingest:write', 'graph:read']);
    expect((await graphql(port, '{ persons(first: 1) { totalCount } }', key.token)).data.persons.totalCount).toBe(0);
    const ingested = await graphql(port, ingest, key.token);
    expect(ingested.data.ingestIdentities.created).toBe(1);

    // A second command on the same data folder uses the running server.
    const migrate = run(['migrate'], env);
    expect(await migrate.exited).toBe(0);
    expect(migrate.output()).toContain('using the embedded PostgreSQL already running');

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(serve.output()).toContain('embedded PostgreSQL stopped');
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const again = run(['serve', '--no-demo', '--port', '0'], env);
    const secondPort = await readyPort(again);
    // The first administrator, made by the CLI with a generated password, signs in.
    const userCommand = run(['users', 'create', 'first.admin@example.com', '--role', 'admin', '--json'], env);
    expect(await userCommand.exited).toBe(0);
    const admin = JSON.parse(userCommand.stdout().trim()) as { role: string; password: string };
    expect(admin.role).toBe('ADMIN');
    const signedIn = await graphql(secondPort, `mutation { signIn(email: "First.Admin@example.com", password: "${admin.password}") { token } }`);
    const found = await graphql(secondPort, `{ resolvePerson(identity: { kind: EMAIL, value: "CLI.User@Fastmail.com" }) { firstName email } }`, signedIn.data.signIn.token);
    expect(found.data.resolvePerson).toEqual({ firstName: 'Cli', email: 'cli.user@fastmail.com' });
    // Listed, then revoked: the key stops working.
    const list = run(['keys', 'list'], env);
    expect(await list.exited).toBe(0);
    expect(list.stdout()).toContain(`${key.id}\tops\t${key.token.slice(0, 10)}…\tingest:write,graph:read`);
    const revoke = run(['keys', 'revoke', key.id], env);
    expect(await revoke.exited).toBe(0);
    const refused = await fetch(`http://127.0.0.1:${secondPort}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key.token}` }, body: '{"query":"{ me { actor } }"}' });
    expect(refused.status).toBe(401);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('stops on SIGTERM even while a client holds a request half-sent', async () => {
    const serve = run(['serve', '--no-demo', '--port', '0'], env);
    const port = await readyPort(serve);
    const stalled = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => stalled.once('connect', resolve));
    stalled.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
    stalled.on('error', () => undefined);
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      serve.child.kill('SIGTERM');
      // In-flight requests get 10 s; the server's own request timeout would be 5 minutes.
      const exited = await Promise.race([serve.exited, new Promise((resolve) => setTimeout(() => resolve('still running after 30 s'), 30_000))]);
      expect(exited).toBe(0);
      expect(serve.output()).toContain('embedded PostgreSQL stopped');
    } finally {
      stalled.destroy();
    }
  });

  it('imports an NDJSON export and reports every rejected line', async () => {
    const file = path.join(dataDir, 'records.ndjson');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ provider: 'shopify', externalId: 's-1', email: 'ann.import@fastmail.com', firstName: 'Ann' }),
        '{ this is not json',
        JSON.stringify({ provider: 'stripe', externalId: 'c-1', email: 'ANN.IMPORT@fastmail.com', firstName: 'Ann' }),
        JSON.stringify({ provider: 'stripe', externalId: '' }),
        JSON.stringify({ provider: 'shopify', externalId: 6002, email: 'not-an-email', phone: '12', firstName: 'Bo' }),
      ].join('\n') + '\n',
    );
    const imported = run(['import', file, '--json'], env);
    expect(await imported.exited).toBe(0);
    const summary = JSON.parse(imported.output().split('\n').find((line) => line.startsWith('{"file"'))!);
    expect(summary).toMatchObject({ fetched: 5, created: 2, linked: 1, errors: 2, withIssues: 1 });
    expect(summary.rejects.map((reject: { line: number }) => reject.line)).toEqual([2, 4]);
    // Kept without the values it could not use, and saying so (a numeric id is an id all the same).
    expect(summary.issues).toEqual([{ line: 5, provider: 'shopify', externalId: '6002', issues: [expect.stringContaining('not-an-email'), expect.stringContaining("'12'")] }]);
  });

  it('imports a batch wide enough to be looked up while it is normalized, then finds it all unchanged', async () => {
    // 10,200 lines: one transaction of more than GROUPED_FROM records, so the whole graph is locked
    // at once and each slice is looked up as it is normalized. 5,000 humans with a shop and a
    // billing record sharing an e-mail, 100 with a second address spelling of one, 100 bad lines.
    const file = path.join(dataDir, 'wide.ndjson');
    const lines: string[] = [];
    for (let human = 0; human < 5000; human += 1) {
      const email = `wide.${human}@fastmail.com`;
      lines.push(JSON.stringify({ provider: 'shopify', externalId: `w-${human}`, email, firstName: 'Wren', observedAt: '2025-01-01T00:00:00Z' }));
      if (human % 50 === 0) lines.push(`{ "provider": "stripe", "externalId": "broken-${human}"`);
      if (human % 50 === 1) lines.push(JSON.stringify({ provider: 'app', externalId: `a-${human}`, email: email.toUpperCase(), firstName: 'Wren' }));
      lines.push(JSON.stringify({ provider: 'stripe', externalId: `wc-${human}`, email, firstName: 'Wren', observedAt: '2025-02-01T00:00:00Z' }));
    }
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const first = run(['import', file, '--json'], env);
    expect(await first.exited).toBe(0);
    const summary = JSON.parse(first.output().split('\n').find((line) => line.startsWith('{"file"'))!);
    expect(summary).toMatchObject({ fetched: 10_200, created: 5000, linked: 5100, ambiguous: 0, errors: 100 });
    expect(summary.rejects.map((reject: { line: number }) => reject.line)).toEqual(
      lines.flatMap((line, index) => (line.startsWith('{ "provider": "stripe", "externalId": "broken-') ? [index + 1] : [])),
    );
    const again = run(['import', file, '--json'], env);
    expect(await again.exited).toBe(0);
    const second = JSON.parse(again.output().split('\n').find((line) => line.startsWith('{"file"'))!);
    expect(second).toMatchObject({ fetched: 10_200, created: 0, linked: 0, unchanged: 10_100, errors: 100 });
  });
});
