// `countersign policy check|test|explain`: the policy, offline (no server). Each decides exactly as
// the server would: the target from the context, the real classifier, the compiled policy.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isCountersignError, type Action } from '../../core/index.js';
import { decideOffline, loadConfigChecked, parseCases, publicTarget, runCases, type Config, type OfflineResult } from '../../config/index.js';
import { loadClassifier, type ClassifyFn } from '../../policy/index.js';
import { parseArgs, UsageError } from '../args.js';

const HELP = `Usage:
  countersign policy check   [--config FILE | --dir DIR] [--json]
  countersign policy test    [--config FILE | --dir DIR] [--json] CASES.yaml
  countersign policy explain [--config FILE | --dir DIR] [--json] [--cwd DIR] [--kube-context C] [--profile P]
                             [--target HINT] [--agent ID] ( -- <shell command> | --json-action '{...}' | --sql SQL | --plan FILE )

check     validates the config (every problem with file:line:col) and checks every rule example with
          the real classifier; exit 0 when it loads, 1 when it does not.
test      decides each case in CASES.yaml and compares with its expectation; exit 1 on any failure.
          A case: {name?, action: "<command>" | {kind: ...}, context?: {cwd, kube_context, profile},
          target?: <hint>, agent?: <id>, expect: allow|deny|approve, approval?: {count?, roles?}}
explain   shows the resolved target and environment, the classification, every rule and whether it
          matched and why, and the final decision.
The config is FILE, or DIR/countersign.yaml, else ./countersign.yaml, else .countersign/countersign.yaml.
`;

const SPEC = { boolean: ['json', 'help'], string: ['config', 'dir', 'cwd', 'kube-context', 'profile', 'target', 'agent', 'json-action', 'sql', 'plan'] };

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    const { flags, positionals, rest: after } = parseArgs(rest, SPEC);
    if (flags['help'] || sub === '--help' || sub === '-h' || sub === undefined) {
      process.stdout.write(HELP);
      return sub === undefined ? 2 : 0;
    }
    if (sub !== 'check' && sub !== 'test' && sub !== 'explain') throw new UsageError(`unknown subcommand "${sub}"; use check, test or explain`);
    const json = flags['json'] === true;
    const classify = await loadClassifier();
    let config: Config;
    try {
      config = await loadConfigChecked(configFile(flags), { classify });
    } catch (err) {
      if (!isCountersignError(err)) throw err;
      if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: err.toJSON() })}\n`);
      else process.stderr.write(`countersign policy ${sub}: ${err.message} (${err.code})\n`);
      return 1;
    }
    if (sub === 'check') return check(config, json, positionals);
    if (sub === 'test') return test(config, classify, json, positionals);
    return explainCmd(config, classify, json, flags, [...positionals, ...after]);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`countersign policy: ${err.message} (E_USAGE). See \`countersign policy --help\`.\n`);
      return 2;
    }
    if (isCountersignError(err)) {
      process.stderr.write(`countersign policy ${sub}: ${err.message} (${err.code})\n`);
      return 1;
    }
    throw err;
  }
}

function configFile(flags: Record<string, string | true>): string {
  if (typeof flags['config'] === 'string') return resolve(flags['config']);
  if (typeof flags['dir'] === 'string') return resolve(flags['dir'], 'countersign.yaml');
  return existsSync('countersign.yaml') ? resolve('countersign.yaml') : resolve(join('.countersign', 'countersign.yaml'));
}

function check(config: Config, json: boolean, positionals: string[]): number {
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const examples = config.policy.rules.reduce((n, r) => n + r.examples.match.length + r.examples.no_match.length, 0);
  const summary = { ok: true, config: config.file, rules: config.policy.rules.length, examples, environments: Object.keys(config.environments), targets: config.targets.length, humans: config.humans.length, agents: config.agents.length, policyDigest: config.policy.digest, warnings: config.warnings };
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    process.stdout.write(`ok: ${config.file}\n  ${summary.rules} rules (${examples} examples checked), environments ${summary.environments.join(', ')} (default ${config.defaultEnvironment}), ${summary.targets} targets, ${summary.humans} humans, ${summary.agents} agents\n  policy digest ${summary.policyDigest}\n`);
    for (const w of config.warnings) process.stdout.write(`  warning: ${w}\n`);
  }
  return 0;
}

function test(config: Config, classify: ClassifyFn, json: boolean, positionals: string[]): number {
  if (positionals.length !== 1) throw new UsageError('policy test needs exactly one CASES.yaml');
  const file = resolve(positionals[0]!);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const results = runCases(config, classify, parseCases(text, file));
  const failed = results.filter((r) => !r.ok);
  if (json) {
    const rows = results.map((r) => ({ name: r.case.name, at: r.case.at, ok: r.ok, expect: r.case.expect, got: r.got?.decision.verdict ?? null, matched: r.got?.decision.matched ?? [], ...(r.problem ? { problem: r.problem } : {}) }));
    process.stdout.write(`${JSON.stringify({ ok: failed.length === 0, passed: results.length - failed.length, failed: failed.length, cases: rows })}\n`);
  } else {
    for (const r of results) {
      const d = r.got?.decision;
      const what = d ? `${d.verdict}${d.approval ? ` (${d.approval.count} from ${d.approval.roles.join('/') || 'anyone'})` : ''} by ${d.matched.join(', ')}` : '';
      process.stdout.write(r.ok ? `ok    ${r.case.name}: ${what}\n` : `FAIL  ${r.case.name} (${r.case.at}): ${r.problem}\n`);
    }
    process.stdout.write(`${results.length - failed.length} passed, ${failed.length} failed\n`);
  }
  return failed.length ? 1 : 0;
}

function explainCmd(config: Config, classify: ClassifyFn, json: boolean, flags: Record<string, string | true>, words: string[]): number {
  const action = actionFrom(flags, words);
  const str = (k: string): string | undefined => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
  const context = { ...(str('cwd') ? { cwd: resolve(str('cwd')!) } : {}), ...(str('kube-context') ? { kubeContext: str('kube-context')! } : {}), ...(str('profile') ? { profile: str('profile')! } : {}) };
  let r: OfflineResult;
  try {
    r = decideOffline(config, classify, { action, context, ...(str('target') ? { hint: str('target')! } : {}), ...(str('agent') ? { agent: str('agent')! } : {}) });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (json) {
    const out = { action, context, target: publicTarget(r.resolution.target), environment: r.resolution.environment, why: r.resolution.why, agent: r.agent, report: r.report, rules: r.rules, decision: r.decision };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const d = r.decision;
  const lines = [
    `Action:       ${describe(action)}`,
    `Agent:        ${r.agent.id} (operator ${r.agent.operator})`,
    `Environment:  ${r.resolution.environment}${config.environments[r.resolution.environment]?.protected ? ' (protected)' : ''}`,
    `Target:       ${r.resolution.target?.id ?? '(none)'}: ${r.resolution.why}`,
    `Classified:   ${r.report.risk}: ${r.report.summary}`,
    ...r.report.findings.map((f) => `  - ${f.rule} [${f.risk}, ${f.effect}${f.target ? `, ${f.target}` : ''}${f.tool ? `, ${f.tool}` : ''}] ${f.explanation}`),
    'Rules:',
    ...r.rules.flatMap((t) => [`  ${t.error ? 'ERROR' : t.matched ? 'match' : '  -  '}  ${t.id} -> ${t.decide}${t.error ? `: ${t.error}` : ''}`, ...t.why.map((w) => `           ${w}`)]),
    ...(r.usedDefault ? [`  (no rule matched: the ${r.resolution.environment} default for ${r.report.risk} applies)`] : []),
    `Decision:     ${d.verdict.toUpperCase()}${d.approval ? `: ${d.approval.count} approval(s) from ${d.approval.roleSets ? d.approval.roleSets.map((s) => s.join(' or ')).join(' and ') : d.approval.roles.join(' or ') || 'any human'}, within ${d.approval.ttlSeconds}s` : ''} (${d.matched.join(', ')})`,
    ...d.reasons.map((x) => `  ${x}`),
    `Policy:       ${d.policyDigest}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function actionFrom(flags: Record<string, string | true>, words: string[]): Action {
  const given = ['json-action', 'sql', 'plan'].filter((k) => typeof flags[k] === 'string').length + (words.length ? 1 : 0);
  if (given !== 1) throw new UsageError('give exactly one action: -- <shell command>, --json-action JSON, --sql SQL or --plan FILE');
  if (typeof flags['json-action'] === 'string') {
    let a: unknown;
    try {
      a = JSON.parse(flags['json-action']);
    } catch (err) {
      throw new UsageError(`--json-action is not JSON: ${(err as Error).message}`);
    }
    if (a === null || typeof a !== 'object' || Array.isArray(a)) throw new UsageError('--json-action must be an action object, e.g. {"kind":"sql","sql":"DROP TABLE t"}');
    return a as Action;
  }
  if (typeof flags['sql'] === 'string') return { kind: 'sql', sql: flags['sql'], dialect: 'postgresql' };
  if (typeof flags['plan'] === 'string') {
    try {
      return { kind: 'terraform-plan', plan: JSON.parse(readFileSync(flags['plan'], 'utf8')) };
    } catch (err) {
      throw new UsageError(`cannot read the plan ${flags['plan']}: ${(err as Error).message}`);
    }
  }
  return { kind: 'shell', command: words.join(' ') };
}

function describe(a: Action): string {
  switch (a.kind) {
    case 'shell':
      return `shell: ${a.command}`;
    case 'sql':
      return `sql: ${a.sql}`;
    case 'terraform-plan':
      return 'terraform plan (JSON)';
    case 'mcp':
      return `mcp: ${a.server}.${a.tool}`;
    case 'file':
      return `file ${a.op}: ${a.path}`;
    default:
      return JSON.stringify(a);
  }
}
