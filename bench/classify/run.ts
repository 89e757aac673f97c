// Classifier benchmarks. Until package.json carries a script, run:
//   bench:classify  =  npx tsc -p . && node dist/bench/classify/run.js [--iterations N] [--json]
// Measures (1) in-process time per shell command over the corpus (p50, p99, actions/s), (2) SQL
// per statement, (3) a generated 10,000-resource Terraform plan, (4) `bin/countersign classify
// --batch` of 2,000 commands end to end, start-up included. Results go to bench/RESULTS.md by hand,
// with the machine and the exact command.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { classify, initClassifier } from '../../src/classify/index.js';
import { classifyPlan } from '../../src/classify/terraform/index.js';
import { SHELL_CORPUS, SQL_CORPUS } from './corpus.js';
import { bigPlan } from './plan.js';

const args = process.argv.slice(2);
const iterations = Number(args[args.indexOf('--iterations') + 1] || 0) || 50;
const BIN = new URL('../../../bin/countersign', import.meta.url).pathname;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Times each action `iterations` times; per-call samples in microseconds. */
function timeEach(actions: unknown[]): { p50: number; p99: number; max: number; perSecond: number; samples: number } {
  for (const a of actions) classify(a); // warm-up: JIT and lazily loaded dialects
  const samples: number[] = [];
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    for (const a of actions) {
      const s = process.hrtime.bigint();
      classify(a);
      samples.push(Number(process.hrtime.bigint() - s) / 1000);
    }
  }
  const totalS = Number(process.hrtime.bigint() - t0) / 1e9;
  samples.sort((x, y) => x - y);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples[samples.length - 1]!, perSecond: samples.length / totalS, samples: samples.length };
}

/** The fastest of `rounds` runs of each action, in microseconds: the action's own cost with the
 * machine's noise (other processes preempting this one) taken out. */
function bestOf(actions: unknown[], rounds: number): { p50: number; p99: number; max: number } {
  const best = actions.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    actions.forEach((a, i) => {
      const s = process.hrtime.bigint();
      classify(a);
      best[i] = Math.min(best[i]!, Number(process.hrtime.bigint() - s) / 1000);
    });
  }
  best.sort((x, y) => x - y);
  return { p50: percentile(best, 50), p99: percentile(best, 99), max: best[best.length - 1]! };
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function main(): Promise<void> {
  const tInit = performance.now();
  await initClassifier();
  const initMs = performance.now() - tInit;

  const shellActions = SHELL_CORPUS.map((command) => ({ kind: 'shell', command }));
  const shell = timeEach(shellActions);
  const shellBest = bestOf(shellActions, iterations);
  const sql = timeEach(SQL_CORPUS.map((s) => ({ kind: 'sql', ...s })));

  const plan = bigPlan(10_000);
  classifyPlan(plan);
  const planRuns: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    classifyPlan(plan);
    planRuns.push(performance.now() - s);
  }
  planRuns.sort((a, b) => a - b);
  // As the batch sees it: the plan arrives as one JSON line that must be parsed first.
  const planLine = JSON.stringify({ kind: 'terraform-plan', plan });
  const parseRuns: number[] = [];
  for (let i = 0; i < 10; i++) {
    const s = performance.now();
    classify(JSON.parse(planLine));
    parseRuns.push(performance.now() - s);
  }
  parseRuns.sort((a, b) => a - b);

  const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ kind: 'shell', command: SHELL_CORPUS[i % SHELL_CORPUS.length] })).join('\n') + '\n';
  // /usr/bin/time reports the child's CPU time too, which a loaded machine does not inflate.
  // Three runs; the fastest is reported (start-up included every time).
  const timed = existsSync('/usr/bin/time');
  const cmd = timed ? ['/usr/bin/time', '-f', 'cpu %U %S', process.execPath] : [process.execPath];
  let batchMs = Infinity;
  let batchCpuMs: number | null = null;
  let run = spawnSync(process.execPath, ['-e', ''], { encoding: 'utf8' });
  for (let i = 0; i < 3; i++) {
    const tb = performance.now();
    const r = spawnSync(cmd[0]!, [...cmd.slice(1), BIN, 'classify', '--batch'], { input: lines, encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = performance.now() - tb;
    if (ms < batchMs) {
      batchMs = ms;
      run = r;
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
      batchCpuMs = cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : null;
    }
  }
  const answered = String(run.stdout ?? '').split('\n').filter(Boolean).length;

  const result = {
    machine: `${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}`,
    initMs: round(initMs),
    shell: { commands: SHELL_CORPUS.length, iterations, p50Us: round(shell.p50), p99Us: round(shell.p99), maxUs: round(shell.max), perSecond: Math.round(shell.perSecond) },
    shellBestOf: { p50Us: round(shellBest.p50), p99Us: round(shellBest.p99), maxUs: round(shellBest.max) },
    sql: { statements: SQL_CORPUS.length, iterations, p50Us: round(sql.p50), p99Us: round(sql.p99), perSecond: Math.round(sql.perSecond) },
    plan10k: { medianMs: round(planRuns[10]!, 2), maxMs: round(planRuns[planRuns.length - 1]!, 2), withJsonParseMedianMs: round(parseRuns[5]!, 1), jsonMB: round(planLine.length / 1e6, 1) },
    batch2000: { wallMs: Math.round(batchMs), cpuMs: batchCpuMs, answered, exit: run.status },
    loadAverage: loadavg().map((l) => round(l, 2)),
  };
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(
    [
      `machine: ${result.machine}`,
      `init (tree-sitter wasm + libpg-query): ${result.initMs} ms`,
      `shell, in-process: ${result.shell.commands} commands x ${iterations}: p50 ${result.shell.p50Us} us, p99 ${result.shell.p99Us} us, max ${result.shell.maxUs} us, ${result.shell.perSecond} actions/s`,
      `shell, in-process, fastest of ${iterations} runs per command (machine noise removed): p50 ${result.shellBestOf.p50Us} us, p99 ${result.shellBestOf.p99Us} us, max ${result.shellBestOf.maxUs} us`,
      `sql, in-process: ${result.sql.statements} statements x ${iterations}: p50 ${result.sql.p50Us} us, p99 ${result.sql.p99Us} us, ${result.sql.perSecond} actions/s`,
      `terraform plan, 10,000 resources: median ${result.plan10k.medianMs} ms, max ${result.plan10k.maxMs} ms (20 runs); with JSON.parse of the ${result.plan10k.jsonMB} MB line: median ${result.plan10k.withJsonParseMedianMs} ms`,
      `classify --batch, 2,000 shell commands end to end (fastest of 3): ${result.batch2000.wallMs} ms wall, ${batchCpuMs ?? '?'} ms CPU (user+sys), ${answered} answers, exit ${run.status}`,
      `load average while measuring: ${result.loadAverage.join(' ')} (on ${cpus().length} cores)`,
      '',
    ].join('\n'),
  );
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
