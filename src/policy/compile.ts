// Validate and compile the policy parts of a config document (`environments`, `default_environment`,
// `policy.rules`) into a CompiledPolicy. Sync and pure apart from hashing, so it can run on the hot
// path; rule examples are checked separately (examples.ts) because that needs the classifier.
//
//   checkPolicy(doc, checker, known?)  adds every problem to the checker, returns null if any
//   compilePolicy(doc, known?)         the same, but throws E_POLICY_INVALID listing the problems
import { createHash } from 'node:crypto';
import { ACTION_KINDS, CountersignError, canonicalize } from '../core/index.js';
import { Checker, pathText, type Path } from './check.js';
import { RISKS, parseDecide, parseEnvironments } from './decide.js';
import { parseExample } from './example-parse.js';
import { compileGlob, anyGlob } from './glob.js';
import { WHEN_KEYS, type CompiledPolicy, type EnvironmentPolicy, type Example, type Matchers, type Rule, type When } from './types.js';

/** Names declared elsewhere in the config, so a misspelt one in a rule is an error rather than a
 * rule that silently never matches. */
export type KnownNames = { targets?: string[]; agents?: string[] };

const GLOB_KEYS = ['environment', 'target', 'agent', 'command', 'effect', 'tool', 'resource', 'finding'] as const;

export function checkPolicy(doc: Record<string, unknown>, c: Checker, known: KnownNames = {}): CompiledPolicy | null {
  const before = c.issues.length;
  const environments = parseEnvironments(c, doc['environments'], ['environments']);
  const defaultEnvironment = c.str(doc['default_environment'], ['default_environment']);
  if (environments && defaultEnvironment && !environments[defaultEnvironment]) {
    c.fail(['default_environment'], `"${defaultEnvironment}" is not declared under environments (declared: ${Object.keys(environments).join(', ')})`);
  }
  if (environments && defaultEnvironment && environments[defaultEnvironment] && !environments[defaultEnvironment].protected) {
    // Unresolvable context lands here, so an unprotected default would let any agent escape
    // protection by acting from an unknown directory.
    c.fail(['default_environment'], `"${defaultEnvironment}" is not protected; unresolvable actions land in the default environment, so make it protected: true`);
  }
  const p = doc['policy'] === undefined ? { rules: [] } : c.obj(doc['policy'], ['policy'], ['rules']);
  const rawRules = p ? c.list(p['rules'], ['policy', 'rules']) : null;
  const rules: Rule[] = [];
  const ids = new Set<string>();
  (rawRules ?? []).forEach((raw, i) => {
    const r = parseRule(c, raw, ['policy', 'rules', i], environments, known);
    // Duplicates are checked on the raw id so they are reported even when the rule has other problems.
    const id = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['id'] : undefined;
    if (typeof id === 'string' && ids.has(id)) c.fail(['policy', 'rules', i, 'id'], `rule id "${id}" is used twice; ids must be unique`);
    if (typeof id === 'string') ids.add(id);
    if (r) rules.push(r);
  });
  if (c.issues.length > before || !environments || !defaultEnvironment) return null;
  return build(rules, environments, defaultEnvironment);
}

export function compilePolicy(doc: unknown, known: KnownNames = {}): CompiledPolicy {
  const c = new Checker();
  const o = c.obj(doc, [], ['environments', 'default_environment'], ['policy']);
  const policy = o ? checkPolicy(o, c, known) : null;
  if (!policy) {
    const lines = c.issues.map((i) => `${pathText(i.path)}: ${i.message}`);
    throw new CountersignError('E_POLICY_INVALID', `Fix these and try again:\n  ${lines.join('\n  ')}`, { issues: c.issues });
  }
  return policy;
}

function build(rules: Rule[], environments: Record<string, EnvironmentPolicy>, defaultEnvironment: string): CompiledPolicy {
  const matchers: Matchers[] = rules.map((r) => {
    const m: Matchers = {};
    for (const k of GLOB_KEYS) if (r.when[k]) m[k] = r.when[k]!.map(compileGlob);
    return m;
  });
  const digest = createHash('sha256').update(canonicalize(policySpec(rules, environments, defaultEnvironment))).digest('hex');
  return { rules, environments, defaultEnvironment, digest, matchers };
}

/** What the digest covers: everything that can change a verdict, nothing that cannot
 * (descriptions, examples and source positions are left out). */
export function policySpec(rules: Rule[], environments: Record<string, EnvironmentPolicy>, defaultEnvironment: string): unknown {
  return { v: 1, defaultEnvironment, environments, rules: rules.map((r) => ({ id: r.id, when: r.when, decide: r.decide })) };
}

function parseRule(c: Checker, raw: unknown, path: Path, envs: Record<string, EnvironmentPolicy> | null, known: KnownNames): Rule | null {
  const before = c.issues.length;
  const o = c.obj(raw, path, ['id', 'decide'], ['description', 'when', 'examples']);
  if (!o) return null;
  const id = c.str(o['id'], [...path, 'id'], { pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]*$/, hint: 'use letters, digits, and . _ : -' });
  const description = o['description'] === undefined ? undefined : c.str(o['description'], [...path, 'description']);
  const when = o['when'] === undefined || o['when'] === null ? {} : parseWhen(c, o['when'], [...path, 'when'], envs, known);
  const decide = o['decide'] === undefined ? null : parseDecide(c, o['decide'], [...path, 'decide']);
  const examples = parseExamples(c, o['examples'], [...path, 'examples'], envs);
  if (c.issues.length > before || !id || !when || !decide) return null;
  return { id, ...(description ? { description } : {}), when, decide, examples };
}

function parseWhen(c: Checker, v: unknown, path: Path, envs: Record<string, EnvironmentPolicy> | null, known: KnownNames): When | null {
  const o = c.obj(v, path, [], WHEN_KEYS);
  if (!o) return null;
  const when: When = {};
  const before = c.issues.length;
  for (const k of WHEN_KEYS) {
    if (o[k] === undefined) continue;
    const p = [...path, k];
    if (k === 'risk') when.risk = c.strings(o[k], p, (s, sp) => c.oneOf(s, sp, RISKS) !== null) as When['risk'];
    else if (k === 'kind') when.kind = c.strings(o[k], p, (s, sp) => c.oneOf(s, sp, ACTION_KINDS) !== null) as When['kind'];
    else when[k] = c.strings(o[k], p) ?? undefined;
  }
  const mustName = (k: 'environment' | 'target' | 'agent', names: string[] | undefined, what: string): void => {
    if (!names || !when[k]) return;
    when[k]!.forEach((g, i) => {
      if (!names.some((n) => anyGlob([compileGlob(g)], n))) {
        c.fail(when[k]!.length === 1 && typeof o[k] === 'string' ? [...path, k] : [...path, k, i], `"${g}" matches no declared ${what} (declared: ${names.join(', ') || 'none'})`);
      }
    });
  };
  mustName('environment', envs ? Object.keys(envs) : undefined, 'environment');
  mustName('target', known.targets, 'target');
  mustName('agent', known.agents, 'agent');
  return c.issues.length > before ? null : when;
}

function parseExamples(c: Checker, v: unknown, path: Path, envs: Record<string, EnvironmentPolicy> | null): Rule['examples'] {
  const out: Rule['examples'] = { match: [], no_match: [] };
  if (v === undefined || v === null) return out;
  const o = c.obj(v, path, [], ['match', 'no_match']);
  if (!o) return out;
  for (const k of ['match', 'no_match'] as const) {
    if (o[k] === undefined) continue;
    const list = c.list(o[k], [...path, k]) ?? [];
    list.forEach((item, i) => {
      const ex: Example | null = parseExample(c, item, [...path, k, i]);
      if (!ex) return;
      if (ex.environment && envs && !envs[ex.environment]) c.fail([...path, k, i, 'environment'], `"${ex.environment}" is not a declared environment`);
      out[k].push(ex);
    });
  }
  return out;
}
