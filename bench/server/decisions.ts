// Decisions per second over HTTP with every decision durably audited (SQLite, WAL,
// synchronous=FULL, group commit), against a real `countersign serve` process on loopback.
//
//   npx tsc -p . && node dist/bench/server/decisions.js [--agents 50] [--seconds 10] [--single 500]
//
// Phase 1: `--agents` concurrent agents (each its own principal and keep-alive connection) submit
// distinct actions (a mix of shell, SQL and Terraform, in staging and production) for `--seconds`.
// Phase 2: one agent submits `--single` actions one after another: the latency of one decision.
// The agents speak through a lean raw-socket client (./raw-client.ts); `--node-client` uses
// node:http's client instead, to compare. The server's CPU time is read per thread from /proc
// (the serving thread apart from the rest), and the bench's own CPU is reported too, so a reader
// can work out what an idle machine would sustain whatever the load was while measuring.
// Prints one JSON line; see bench/RESULTS.md for recorded numbers. BENCH_SERVER_NODE_ARGS passes
// node options to the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_SERVER_ARGS extra
// `serve` options (e.g. "--store-thread").
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Agent as HttpAgent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { hashToken, starterConfig } from '../../src/config/index.js';
import { RawConnection } from './raw-client.js';

const BIN = new URL('../../../bin/countersign', import.meta.url).pathname;

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

const AGENTS = arg('agents', 50);
const SECONDS = arg('seconds', 10);
const SINGLE = arg('single', 500);
const NODE_CLIENT = process.argv.includes('--node-client');

/** One agent's way of posting: a raw keep-alive socket, or node:http with a keep-alive agent. */
type Poster = { post(body: string): Promise<number>; close(): void };

async function poster(url: URL, token: string): Promise<Poster> {
  if (NODE_CLIENT) {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    return { post: (body) => post(url, agent, token, body), close: () => agent.destroy() };
  }
  const c = await RawConnection.open(url, token);
  return { post: async (body) => (await c.post(body)).status, close: () => c.close() };
}

function team(): { dir: string; tokens: string[]; prod: string; staging: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cs-bench-'));
  const s = starterConfig({ dir, listen: '127.0.0.1:0' });
  const tokens = Array.from({ length: AGENTS }, (_, i) => `cs_agent_bench_${i}_${Math.random().toString(36).slice(2)}xxxxxxxxxxxx`);
  const lines = tokens.map((t, i) => `    - {id: bench-${i}, name: Bench ${i}, operator: senior-a, token_sha256: ${hashToken(t)}}`).join('\n');
  // Limits off: the benchmark measures deciding and auditing, not the rate limiter refusing.
  const yaml = s.yaml
    .replace('  agents:\n', `  agents:\n${lines}\n`)
    .replace(/\nlimits:[\s\S]*$/, '\nlimits:\n  rate_per_minute: 0\n  breaker: {repeats: 0, window_seconds: 60, pause_seconds: 1}\n  destructive_per_hour: 0\n');
  writeFileSync(join(dir, 'countersign.yaml'), yaml);
  const prod = join(dir, 'workspaces', 'prod');
  const staging = join(dir, 'workspaces', 'staging');
  mkdirSync(prod, { recursive: true });
  mkdirSync(staging, { recursive: true });
  return { dir, tokens, prod, staging };
}

function action(i: number, t: { prod: string; staging: string }): unknown {
  switch (i % 5) {
    case 0:
      return { action: { kind: 'shell', command: `git log --oneline -n ${i}` }, context: { cwd: t.staging } };
    case 1:
      return { action: { kind: 'shell', command: `npm test -- --grep case-${i}` }, context: { cwd: t.staging } };
    case 2:
      return { action: { kind: 'sql', sql: `SELECT * FROM orders WHERE id = ${i}` }, context: { cwd: t.prod } };
    case 3:
      return { action: { kind: 'shell', command: `rm -rf /srv/data/cache-${i}` }, context: { cwd: t.prod } };
    default:
      return {
        action: { kind: 'terraform-plan', command: 'terraform apply', plan: { resource_changes: [{ address: `aws_s3_bucket.b${i}`, type: 'aws_s3_bucket', name: `b${i}`, change: { actions: ['create'] } }] } },
        context: { cwd: t.prod },
      };
  }
}

function post(url: URL, agent: HttpAgent, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds (user + system) used so far, from /proc (Linux): the whole process and its main
 * (serving) thread; NaN elsewhere. */
function cpuSeconds(pid: number): { all: number; main: number } {
  const ticks = (path: string): number => {
    const f = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  };
  try {
    // The process total includes threads that have already exited (a thread's own file does not).
    return { all: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) };
  } catch {
    return { all: NaN, main: NaN };
  }
}

function threads(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).length;
  } catch {
    return NaN;
  }
}

function pct(sorted: number[], p: number): number {
  return sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(2)) : NaN;
}

async function main(): Promise<void> {
  const t = team();
  const child = spawn(process.execPath, [...(process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean), BIN, 'serve', '--dir', t.dir, '--listen', '127.0.0.1:0', '--json', '--checkpoint-seconds', '0', ...(process.env['BENCH_SERVER_ARGS'] ?? '').split(' ').filter(Boolean)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (l) => resolve((JSON.parse(l) as { url: string }).url));
    child.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
  });
  const url = new URL('/v1/actions', base);
  const load0 = loadavg()[0];

  // Phase 1: throughput with AGENTS concurrent agents.
  const posters = await Promise.all(t.tokens.map((token) => poster(url, token)));
  const lat: number[] = [];
  let errors = 0;
  let n = 0;
  const warmupEnd = Date.now() + 1000;
  const end = warmupEnd + SECONDS * 1000;
  let counted = 0;
  let cpuAtWarmupEnd = { all: NaN, main: NaN };
  let clientCpu0 = process.cpuUsage();
  let t0 = performance.now();
  setTimeout(() => {
    cpuAtWarmupEnd = cpuSeconds(child.pid!);
    clientCpu0 = process.cpuUsage();
    t0 = performance.now();
  }, warmupEnd - Date.now());
  await Promise.all(
    posters.map(async (p) => {
      while (Date.now() < end) {
        const body = JSON.stringify(action(n++, t));
        const s = performance.now();
        const status = await p.post(body).catch(() => 0);
        const now = Date.now();
        if (now < warmupEnd) continue;
        if (status !== 200) errors++;
        counted++;
        lat.push(performance.now() - s);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpuEnd = cpuSeconds(child.pid!);
  const clientCpu = process.cpuUsage(clientCpu0);
  const serverThreads = threads(child.pid!);
  for (const p of posters) p.close();
  lat.sort((a, b) => a - b);
  // CPU time per decision is what the machine's load cannot inflate. The serving thread's share
  // bounds one process at 1000 / mainMs decisions/s on an idle core; all three together bound two
  // idle cores at 2000 / (server + client) decisions/s.
  const perDecision = (seconds: number): number => Number(((seconds * 1000) / counted).toFixed(3));
  const serverMs = perDecision(cpuEnd.all - cpuAtWarmupEnd.all);
  const mainMs = perDecision(cpuEnd.main - cpuAtWarmupEnd.main);
  const clientMs = perDecision((clientCpu.user + clientCpu.system) / 1e6);
  const throughput = {
    agents: AGENTS,
    seconds: Number(elapsed.toFixed(2)),
    decisions: counted,
    perSecond: Math.round(counted / elapsed),
    p50: pct(lat, 0.5),
    p99: pct(lat, 0.99),
    errors,
    serverCpuMsPerDecision: serverMs,
    servingThreadCpuMsPerDecision: mainMs,
    serverThreads,
    clientCpuMsPerDecision: clientMs,
    idleTwoCoreBound: Math.round(Math.min(1000 / mainMs, 2000 / (serverMs + clientMs))),
  };

  // Phase 2: one decision at a time.
  const one = await poster(url, t.tokens[0]!);
  const single: number[] = [];
  let singleErrors = 0;
  for (let i = 0; i < SINGLE; i++) {
    const body = JSON.stringify(action(1_000_000 + i * 5, t)); // always the staging `git log` shape
    const s = performance.now();
    if ((await one.post(body).catch(() => 0)) !== 200) singleErrors++;
    single.push(performance.now() - s);
  }
  one.close();
  single.sort((a, b) => a - b);

  // Stop the server (it commits what it accepted), then the chain must verify offline.
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  const check = spawn(process.execPath, [BIN, 'audit', 'verify', '--dir', t.dir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  check.stdout!.on('data', (d) => (out += d));
  await new Promise((r) => check.once('exit', r));
  const chain = JSON.parse(out) as { ok: boolean; entries: number };
  console.log(
    JSON.stringify({
      throughput,
      single: { decisions: SINGLE, p50: pct(single, 0.5), p99: pct(single, 0.99), errors: singleErrors },
      audit: { ok: chain.ok, entries: chain.entries },
      client: NODE_CLIENT ? 'node:http' : 'raw',
      machine: { cpus: cpus().length, loadavgAtStart: Number(load0!.toFixed(2)), loadavgAtEnd: Number(loadavg()[0]!.toFixed(2)) },
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
