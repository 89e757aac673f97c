// Time from the second approval to the waiting agent being released, over HTTP against a real
// `countersign serve` process (embedded SQLite, every approval durably committed and audited).
//
//   npx tsc -p . && node dist/bench/release/run.js [--rounds 100]
//
// Each round: the agent submits a production database replacement (pending, two seniors), starts
// a long-poll (GET /v1/actions/:id?wait=60), senior-b approves, then senior-c approves. Measured:
// from sending the second approval to the long-poll's answer arriving (`release`), and from the
// second approval's own answer to the long-poll's answer (`afterAck`: negative when the agent was
// released before the approver heard back). Prints one JSON line; see bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent as HttpAgent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { starterConfig } from '../../src/config/index.js';
import { replaceDatabase } from '../../src/demo/plans.js';

const BIN = new URL('../../../bin/countersign', import.meta.url).pathname;
const i = process.argv.indexOf('--rounds');
const ROUNDS = i > 0 ? Number(process.argv[i + 1]) : 100;
const keepAlive = new HttpAgent({ keepAlive: true, maxSockets: 16 });

function call(url: string, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const u = new URL(url + path);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, agent: keepAlive, headers: { authorization: `Bearer ${token}`, ...(text ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } : {}) } }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (b += d));
      res.on('end', () => resolve(JSON.parse(b)));
    });
    req.on('error', reject);
    req.end(text);
  });
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cs-bench-release-'));
  const s = starterConfig({ dir, listen: '127.0.0.1:0' });
  // Limits off: every round proposes a destructive action, which the hourly budget would stop.
  writeFileSync(join(dir, 'countersign.yaml'), s.yaml.replace(/\nlimits:[\s\S]*$/, '\nlimits:\n  rate_per_minute: 0\n  breaker: {repeats: 0, window_seconds: 60, pause_seconds: 1}\n  destructive_per_hour: 0\n'));
  const prod = join(dir, 'workspaces', 'prod');
  mkdirSync(prod, { recursive: true });
  const tok = (id: string): string => s.principals.find((p) => p.id === id)!.token;
  const child = spawn(process.execPath, [BIN, 'serve', '--dir', dir, '--listen', '127.0.0.1:0', '--json', '--checkpoint-seconds', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', (l) => ok(JSON.parse(l).url)));
  const release: number[] = [];
  const afterAck: number[] = [];
  try {
    for (let r = 0; r < ROUNDS + 5; r++) {
      const plan = replaceDatabase() as { resource_changes: { address: string }[] };
      plan.resource_changes[0]!.address = `aws_db_instance.cost_reports_${r}`; // a new digest each round
      const a = await call(url, tok('agent-1'), 'POST', '/v1/actions', { action: { kind: 'terraform-plan', command: 'terraform apply', plan }, context: { cwd: prod } });
      if (a.status !== 'pending') throw new Error(`expected pending, got ${JSON.stringify(a)}`);
      let released = 0;
      const waiting = call(url, tok('agent-1'), 'GET', `/v1/actions/${a.id}?wait=60`).then((v) => {
        released = performance.now();
        return v;
      });
      await new Promise((ok) => setTimeout(ok, 5)); // the long-poll is registered before the approvals
      await call(url, tok('senior-b'), 'POST', `/v1/actions/${a.id}/approve`, { reason: 'bench' });
      const sent = performance.now();
      const second = await call(url, tok('senior-c'), 'POST', `/v1/actions/${a.id}/approve`, { reason: 'bench' });
      const acked = performance.now();
      const v = await waiting;
      if (second.status !== 'approved' || v.status !== 'approved') throw new Error(`round ${r}: ${second.status} / ${v.status}`);
      if (r >= 5) {
        // the first rounds warm up the JIT and the connections
        release.push(released - sent);
        afterAck.push(released - acked);
      }
    }
  } finally {
    child.kill('SIGTERM');
  }
  const out = {
    bench: 'release',
    rounds: ROUNDS,
    releaseMs: { p50: pct(release, 50), p95: pct(release, 95), p99: pct(release, 99), max: pct(release, 100) },
    afterAckMs: { p50: pct(afterAck, 50), p95: pct(afterAck, 95), max: pct(afterAck, 100) },
    targetMs: 200,
    cpus: cpus().length,
    load1: Math.round(loadavg()[0]! * 100) / 100,
    node: process.version,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  keepAlive.destroy();
}

main().catch((err) => {
  process.stderr.write(`bench/release: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
