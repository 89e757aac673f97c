// bench/hooks: latency of the Claude Code http hook (one loopback round trip to the real server,
// which classifies, decides, persists and audits) and of the command hook as a whole process
// (node start + `countersign hook claude-code` + one round trip). Both use an allowed staging read.
// Each sample of a hook is paired with a sample of its baseline, taken right after it (the submit
// API for the http hook, a bare `node -e 0` for the process), so the difference survives a loaded
// machine better than either number alone; p10 shows the cost with little preemption in it.
// Run: npx tsc -p . && node dist/bench/hooks/run.js [--http N] [--command N]
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { startTeam } from '../../test/hosts/team.js';
import { BIN } from '../../test/hosts/run-hook.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const round = (x: number): number => Math.round(x * 100) / 100;
function stats(ms: number[]): { n: number; p10: number; p50: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { n: s.length, p10: round(at(0.1)), p50: round(at(0.5)), p99: round(at(0.99)) };
}

// The bench submits far more than an agent's 600 a minute; each call differs, so the repeat breaker stays shut.
const team = await startTeam({ ratePerMinute: 1_000_000 });
const token = team.token('agent-1');
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
let seq = 0;
const hookBody = (): string =>
  JSON.stringify({ session_id: 'bench', cwd: team.staging, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: `git status --short src/module-${seq++}` }, tool_use_id: 'bench' });
const apiBody = (): string => JSON.stringify({ action: { kind: 'shell', command: `git status --short src/module-${seq++}`, cwd: team.staging }, context: { cwd: team.staging, session: 'bench', host: 'claude-code' } });

async function timed(path: string, body: string, ok: (out: any) => boolean): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${team.url}${path}`, { method: 'POST', headers, body });
  const out = await res.json();
  const ms = performance.now() - t0;
  if (!ok(out)) throw new Error(`unexpected answer from ${path}: ${JSON.stringify(out)}`);
  return ms;
}
const hookOk = (o: any): boolean => o?.hookSpecificOutput?.permissionDecision === 'allow';
const apiOk = (o: any): boolean => o?.status === 'allowed';

try {
  for (let i = 0; i < 100; i++) {
    await timed('/v1/hooks/claude-code', hookBody(), hookOk); // warm-up: JIT, SQLite cache, keep-alive
    await timed('/v1/actions', apiBody(), apiOk);
  }
  const hookMs: number[] = [];
  const apiMs: number[] = [];
  const httpDiff: number[] = [];
  for (let i = 0; i < arg('http', 1000); i++) {
    const h = await timed('/v1/hooks/claude-code', hookBody(), hookOk);
    const a = await timed('/v1/actions', apiBody(), apiOk);
    hookMs.push(h);
    apiMs.push(a);
    httpDiff.push(h - a);
  }

  // The same small environment for both (NODE_EXTRA_CA_CERTS alone adds tens of ms to any Node start).
  const env = { PATH: process.env['PATH'], COUNTERSIGN_URL: team.url, COUNTERSIGN_TOKEN: token };
  const cmdMs: number[] = [];
  const nodeMs: number[] = [];
  const cmdDiff: number[] = [];
  for (let i = 0; i < arg('command', 60); i++) {
    let t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, 'hook', 'claude-code'], { input: hookBody(), env });
    const c = performance.now() - t0;
    if (r.status !== 0) throw new Error(`hook exited ${r.status}: ${r.stderr}`);
    t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env });
    const n = performance.now() - t0;
    cmdMs.push(c);
    nodeMs.push(n);
    cmdDiff.push(c - n);
  }
  const result = {
    node: process.version,
    // Latencies here move with the machine's load; record it next to them.
    machine: { cpus: cpus().length, loadAverage1m: round(loadavg()[0]!) },
    httpHookRoundTripMs: stats(hookMs),
    submitApiRoundTripMs: stats(apiMs),
    httpHookMinusSubmitMs: stats(httpDiff),
    commandHookProcessMs: stats(cmdMs),
    bareNodeStartMs: stats(nodeMs),
    commandHookMinusNodeMs: stats(cmdDiff),
    targets: { httpHookP50: 2, commandHookP50: 100 },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await team.stop();
}
