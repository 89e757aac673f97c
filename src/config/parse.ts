// countersign.yaml -> Config. Every problem is collected and reported at once, each as
// "file:line:col: what is wrong and what to write instead":
//   E_CONFIG_PARSE    the YAML itself is broken
//   E_POLICY_INVALID  the problems are all in environments / default_environment / policy
//   E_CONFIG_INVALID  anything else (or a mix)
//   E_POLICY_EXAMPLE  (async loaders only) a rule example does not behave as written
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CountersignError, type Principal } from '../core/index.js';
import { Checker, checkExamples, checkPolicy, loadClassifier, pathText, rolesSatisfy, type ClassifyFn, type CompiledPolicy, type Path } from '../policy/index.js';
import { expandRefs, type Env } from './env-refs.js';
import { parsePrincipals } from './principals.js';
import { parseLimits, parseServer } from './settings.js';
import { parseTargets } from './targets.js';
import type { Config } from './types.js';
import { readYaml, type Source } from './yaml-source.js';

export type ParseOptions = {
  /** Where `$NAME` and `env_from` are looked up; defaults to process.env. */
  env?: Env;
};

const TOP = ['version', 'server', 'data_dir', 'default_environment', 'environments', 'principals', 'targets', 'policy', 'limits'];
const POLICY_KEYS = new Set(['environments', 'default_environment', 'policy']);

export function parseConfig(text: string, fileName = '<inline>', opts: ParseOptions = {}): Config {
  return parseWithSource(text, fileName, opts).config;
}

export function loadConfig(path: string, opts: ParseOptions = {}): Config {
  return parseConfig(readText(path), resolve(path), opts);
}

/** parseConfig, then every rule example checked with the real classifier (or the one given). */
export async function parseConfigChecked(text: string, fileName = '<inline>', opts: ParseOptions & { classify?: ClassifyFn } = {}): Promise<Config> {
  const { config, source } = parseWithSource(text, fileName, opts);
  const classify = opts.classify ?? (await loadClassifier());
  checkExamples(config.policy, { classify, targets: config.targets, agents: config.agents, locate: (p) => source.locate(p) });
  return config;
}

/** loadConfig with rule examples checked: what `serve` and `policy check` use. */
export async function loadConfigChecked(path: string, opts: ParseOptions & { classify?: ClassifyFn } = {}): Promise<Config> {
  return parseConfigChecked(readText(path), resolve(path), opts);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const hint = code === 'ENOENT' ? 'Run `countersign init` to write a starter config, or pass --config FILE.' : 'Check the path and its permissions.';
    throw new CountersignError('E_CONFIG_PARSE', `Cannot read ${resolve(path)} (${code ?? String(err)}). ${hint}`);
  }
}

export function parseWithSource(text: string, fileName: string, opts: ParseOptions = {}): { config: Config; source: Source } {
  const env = opts.env ?? process.env;
  const source = readYaml(text, fileName);
  const baseDir = fileName.startsWith('<') ? process.cwd() : dirname(resolve(fileName));
  const c = new Checker();
  const o = c.obj(source.data, [], ['version', 'environments', 'default_environment', 'principals'], TOP.slice(1));
  let config: Config | null = null;
  if (o) {
    if (o['version'] !== undefined && o['version'] !== 1) c.fail(['version'], `version ${JSON.stringify(o['version'])} is not supported; this Countersign reads version: 1`);
    const server = parseServer(c, o['server'], env);
    const principals = parsePrincipals(c, o['principals']);
    const envNames = o['environments'] && typeof o['environments'] === 'object' ? Object.keys(o['environments']) : null;
    const targets = parseTargets(c, o['targets'], envNames, baseDir, env);
    const limits = parseLimits(c, o['limits']);
    const rawDir = o['data_dir'] === undefined ? 'data' : c.str(o['data_dir'], ['data_dir']);
    const dataDir = rawDir === null ? null : expandRefs(c, rawDir, ['data_dir'], env);
    const known = { ...(targets ? { targets: targets.map((t) => t.id) } : {}), ...(principals ? { agents: principals.agents.map((a) => a.id) } : {}) };
    const policy = checkPolicy(o, c, known);
    if (c.ok && server && principals && targets && limits && dataDir && policy) {
      config = {
        file: fileName,
        version: 1,
        server,
        dataDir: resolve(baseDir, dataDir),
        defaultEnvironment: policy.defaultEnvironment,
        environments: policy.environments,
        ...principals,
        targets,
        policy,
        limits,
        digest: createHash('sha256').update(text).digest('hex'),
        warnings: [],
      };
      config.warnings = warnings(config.policy, config);
    }
  }
  if (!config) throw invalid(c, source, fileName);
  return { config, source };
}

function invalid(c: Checker, source: Source, fileName: string): CountersignError {
  const issues = c.issues.map((i) => ({ at: source.locate(i.path, i.atKey), path: pathText(i.path), message: i.message }));
  const onlyPolicy = c.issues.length > 0 && c.issues.every((i) => POLICY_KEYS.has(String(i.path[0])));
  const lines = issues.map((i) => `${i.at}: ${i.path}: ${i.message}`);
  const detail = lines.length ? `Fix these in ${fileName}:\n  ${lines.join('\n  ')}` : `${fileName} is empty; run \`countersign init\` for a starter config.`;
  return new CountersignError(onlyPolicy ? 'E_POLICY_INVALID' : 'E_CONFIG_INVALID', detail, { issues });
}

/** Approvals no team could give: too few humans hold the roles, once the operator is excluded. */
function warnings(policy: CompiledPolicy, config: Config): string[] {
  const out: string[] = [];
  const reqs = [
    ...policy.rules.flatMap((r) => (r.decide.verdict === 'approve' ? [{ what: `rule "${r.id}"`, a: r.decide.approval }] : [])),
    ...Object.entries(policy.environments).flatMap(([e, p]) =>
      Object.values(p.default).flatMap((d) => (d.verdict === 'approve' ? [{ what: `the ${e} default`, a: d.approval }] : [])),
    ),
  ];
  const seen = new Set<string>();
  for (const { what, a } of reqs) {
    const able = config.humans.filter((h) => rolesSatisfy(a, h.roles));
    const blocked = config.agents.filter((ag) => able.filter((h) => h.id !== ag.operator).length < a.count).map((ag) => ag.id);
    const msg =
      able.length < a.count
        ? `${what} needs ${a.count} approvals from [${a.roles.join(', ') || 'any human'}] but only ${able.length} human(s) qualify; its requests can never be approved`
        : blocked.length
          ? `${what} needs ${a.count} approvals from [${a.roles.join(', ') || 'any human'}]; for agent(s) ${blocked.join(', ')} too few qualify once their operator is excluded`
          : null;
    if (msg && !seen.has(msg)) out.push(msg), seen.add(msg);
  }
  return out;
}

/** The principal with this id, without its token hash (what the engine and server pass around). */
export function findPrincipal(config: Config, id: string): Principal | undefined {
  const h = config.humans.find((x) => x.id === id);
  if (h) return { kind: 'human', id: h.id, roles: [...h.roles], ...(h.name ? { name: h.name } : {}) };
  const a = config.agents.find((x) => x.id === id);
  return a ? { kind: 'agent', id: a.id, operator: a.operator, ...(a.name ? { name: a.name } : {}) } : undefined;
}

export type { Path };
