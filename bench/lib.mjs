// Shared helpers for benchmark scripts: run the real `spine` command and talk to it over HTTP.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const spineBin = path.join(repoRoot, 'apps/api/bin/spine.js');

export function freshDataDir(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `spine-bench-${name}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Benchmarks act as an administrator through SPINE_ADMIN_TOKEN (the API requires a credential). */
export const benchAdminToken = 'bench-admin-token-0123456789abcdef';

export function runSpine(args, env = {}) {
  const child = spawn(process.execPath, [spineBin, ...args], { env: { ...process.env, LOG_LEVEL: 'info', DATABASE_URL: '', SPINE_ADMIN_TOKEN: benchAdminToken, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

export async function serve(dataDir) {
  const running = runSpine(['serve', '--no-demo', '--port', '0'], { SPINE_DATA_DIR: dataDir });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const line = running.stderr().split('\n').find((candidate) => candidate.includes('"Spine is ready"'));
    if (line) {
      const port = JSON.parse(line).port;
      return {
        port,
        url: `http://127.0.0.1:${port}`,
        /** What the server has logged so far (JSON lines). */
        log: () => running.stderr(),
        async stop() {
          running.child.kill('SIGTERM');
          await running.exited;
        },
      };
    }
    if (running.child.exitCode !== null) throw new Error(`spine serve exited:\n${running.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('spine serve did not start');
}

export async function graphql(url, query, variables) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${benchAdminToken}` }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
}

export function machine() {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg().map((value) => value.toFixed(2)).join(' / ')}`;
}
