// `countersign classify`: one action with a readable explanation (or --json), `--batch` for JSONL
// (one action per stdin line, one answer per stdout line, same order, never aborting), and
// `--self-check` for the tool tables' own examples.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import type { RiskReport, SqlDialect } from '../../core/index.js';
import { parseArgs, UsageError } from '../args.js';

const HELP = `Usage:
  countersign classify [--json] [--cwd DIR] -- <command...>     a shell command (quote it as one argument to keep its quoting)
  countersign classify [--json] --sql [--dialect D] [-- <sql>]   SQL (from the argument, or stdin); D: postgresql (default),
                                                                 mysql, mariadb, sqlite, bigquery, transactsql, snowflake
  countersign classify [--json] --plan FILE                     a Terraform plan: the output of \`terraform show -json plan.out\`
  countersign classify [--json] --file write|edit|delete --path P [--cwd DIR]   an agent's file action
  countersign classify --batch [--cwd DIR] [--timeout-ms N]     JSONL: one action per stdin line -> one answer per stdout line
                                                                 (a line still unanswered after N ms, default 10000: E_TIMEOUT)
  countersign classify --self-check                             check every tool rule's match/no_match examples

Prints the risk (readonly, mutating, destructive, unknown), a summary and every finding. Exit 0
whenever an answer was printed, whatever the risk; 2 on a usage error; 1 if --self-check fails.
Batch actions: {"kind":"shell","command":"..."}, {"kind":"sql","sql":"...","dialect":"mysql"},
{"kind":"terraform-plan","plan":{...}}, {"kind":"file","op":"write","path":"...","cwd":"..."}.
`;

export async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { boolean: ['json', 'batch', 'sql', 'self-check', 'help'], string: ['dialect', 'plan', 'cwd', 'file', 'path', 'timeout-ms'] });
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`countersign classify: ${err.message} (E_USAGE). See \`countersign classify --help\`.\n`);
      return 2;
    }
    throw err;
  }
  const { flags } = args;
  if (flags.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const cwd = typeof flags.cwd === 'string' ? flags.cwd : undefined;
  if (flags.batch) {
    const timeout = typeof flags['timeout-ms'] === 'string' ? Number(flags['timeout-ms']) : undefined;
    if (timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0)) {
      process.stderr.write('countersign classify: --timeout-ms needs a positive whole number (E_USAGE).\n');
      return 2;
    }
    liftoffOnly();
    const { runBatch } = await import('./classify-batch.js');
    return runBatch(cwd, timeout);
  }
  liftoffOnly();
  // Loaded here, not at the top: --batch classifies in a worker and must not load it twice.
  const { classify, initClassifier } = await import('../../classify/index.js');
  await initClassifier();
  if (flags['self-check']) return (await import('./classify-self-check.js')).selfCheck();
  const action = await actionFrom(args.positionals, args.rest, flags);
  if (typeof action === 'string') {
    process.stderr.write(`countersign classify: ${action} (E_USAGE). See \`countersign classify --help\`.\n`);
    return 2;
  }
  const report = classify(action, cwd !== undefined ? { cwd } : {});
  process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : explain(report));
  return 0;
}

/** A short-lived process spends more CPU optimising the two parsers' WebAssembly (tree-sitter-bash,
 * libpg-query) than it then runs them: keep V8's baseline compiler only. Measured on the batch of
 * 2,000 commands: half the CPU, the same answers; in-process latency within 10%. Set before any
 * WebAssembly is compiled (the flag is process-wide, so the batch worker inherits it). */
function liftoffOnly(): void {
  try {
    setFlagsFromString('--liftoff-only');
  } catch {
    // An engine without the flag just compiles as usual.
  }
}

async function actionFrom(positionals: string[], rest: string[], flags: Record<string, string | true>): Promise<object | string> {
  const words = [...positionals, ...rest];
  if (typeof flags.plan === 'string') {
    try {
      const text = flags.plan === '-' ? await readStdin() : readFileSync(flags.plan, 'utf8');
      return { kind: 'terraform-plan', plan: JSON.parse(text) };
    } catch (err) {
      return `cannot read the plan ${flags.plan}: ${(err as Error).message}`;
    }
  }
  if (typeof flags.file === 'string') {
    if (typeof flags.path !== 'string') return '--file needs --path';
    return { kind: 'file', op: flags.file, path: flags.path };
  }
  if (typeof flags.dialect === 'string' && !flags.sql) return '--dialect only applies with --sql';
  if (flags.sql) {
    const sql = words.length ? words.join(' ') : await readStdin();
    const dialect = typeof flags.dialect === 'string' ? (flags.dialect as SqlDialect) : 'postgresql';
    return { kind: 'sql', sql, dialect };
  }
  if (words.length === 0) return 'nothing to classify: give a command after --, or --sql, --plan, --file';
  return { kind: 'shell', command: words.join(' ') };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function explain(r: RiskReport): string {
  const lines = [`risk: ${r.risk}`, `summary: ${r.summary}`];
  if (r.changes) lines.push(`changes: ${r.changes.create} create, ${r.changes.update} update, ${r.changes.replace} replace, ${r.changes.delete} delete`);
  if (r.error) lines.push(`error: ${r.error.code}: ${r.error.message}`);
  if (r.findings.length) lines.push('findings:');
  for (const f of r.findings) {
    lines.push(`  - ${f.risk.padEnd(11)} ${f.rule}  (${f.effect}${f.target !== undefined ? ` -> ${f.target}` : ''})`);
    lines.push(`    ${f.explanation}`);
  }
  return `${lines.join('\n')}\n`;
}

