// bench/hooks: latency of the Claude Code http hook (one loopback round trip to the real server,
// which classifies, decides, persists and audits) and of the command hook as a whole process
// (node start + `countersign hook claude-code` + one round trip). Both use an allowed staging read.
// Run: npx tsc -p . && node dist/bench/hooks/run.js [--http N] [--command N]
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { startTeam } from '../../test/hosts/team.js';
import { BIN } from '../../test/hosts/run-hook.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function stats(ms: number[]): { n: number; p50: number; p99: number; mean: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  const round = (x: number): number => Math.round(x * 100) / 100;
  return { n: s.length, p50: round(at(0.5)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}

// The bench submits far more than an agent's 600 a minute; each call differs, so the repeat breaker stays shut.
const team = await startTeam({ ratePerMinute: 1_000_000 });
const token = team.token('agent-1');
const input = { session_id: 'bench', cwd: team.staging, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status --short' }, tool_use_id: 'bench' };
const bodyFor = (i: number): string => JSON.stringify({ ...input, tool_input: { command: `git status --short src/module-${i}` } });
let seq = 0;
try {
  const post = async (): Promise<void> => {
    const res = await fetch(`${team.url}/v1/hooks/claude-code`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: bodyFor(seq++) });
    const out = (await res.json()) as { hookSpecificOutput?: { permissionDecision?: string } };
    if (out.hookSpecificOutput?.permissionDecision !== 'allow') throw new Error(`expected allow, got ${JSON.stringify(out)}`);
  };
  for (let i = 0; i < 50; i++) await post(); // warm-up: JIT, SQLite page cache, keep-alive connection
  const httpMs: number[] = [];
  for (let i = 0; i < arg('http', 1000); i++) {
    const t0 = performance.now();
    await post();
    httpMs.push(performance.now() - t0);
  }

  // The same work through POST /v1/actions: what the engine costs, without the hook's translation.
  const apiMs: number[] = [];
  for (let i = 0; i < arg('http', 1000); i++) {
    const action = { action: { kind: 'shell', command: `git status --short src/module-${seq++}`, cwd: team.staging }, context: { cwd: team.staging, session: 'bench' } };
    const t0 = performance.now();
    const res = await fetch(`${team.url}/v1/actions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(action) });
    const out = (await res.json()) as { status?: string };
    apiMs.push(performance.now() - t0);
    if (out.status !== 'allowed') throw new Error(`expected allowed, got ${JSON.stringify(out)}`);
  }

  const env = { PATH: process.env['PATH'], COUNTERSIGN_URL: team.url, COUNTERSIGN_TOKEN: token };
  const nodeMs: number[] = [];
  const cmdMs: number[] = [];
  const runs = arg('command', 60);
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    nodeMs.push(performance.now() - t0);
    t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, 'hook', 'claude-code'], { input: bodyFor(seq++), env });
    cmdMs.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`hook exited ${r.status}: ${r.stderr}`);
  }
  const result = {
    node: process.version,
    // Latencies here move with the machine's load; record it next to them.
    machine: { cpus: cpus().length, loadAverage1m: Math.round(loadavg()[0]! * 10) / 10 },
    httpHookRoundTripMs: stats(httpMs),
    submitApiRoundTripMs: stats(apiMs),
    commandHookProcessMs: stats(cmdMs),
    bareNodeStartMs: stats(nodeMs),
    targets: { httpP50: 2, commandP50: 100 },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await team.stop();
}
