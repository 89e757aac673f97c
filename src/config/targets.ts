// `targets[]`: what agents act on, its environment, how Countersign recognises it from an action's
// context, and the credentials the broker injects (resolved here from Countersign's environment).
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { Target } from '../core/index.js';
import type { Checker, Path } from '../policy/index.js';
import { expandRefs, fromEnv, type Env } from './env-refs.js';

const MATCH_KEYS = ['cwd_prefix', 'db_host', 'kube_context', 'profile', 'mcp_server'] as const;
type MatchKey = (typeof MATCH_KEYS)[number];

export function parseTargets(c: Checker, v: unknown, environments: string[] | null, baseDir: string, env: Env): Target[] | null {
  if (v === undefined || v === null) return [];
  const list = c.list(v, ['targets']);
  if (!list) return null;
  const before = c.issues.length;
  const out: Target[] = [];
  const owners = new Map<string, string>(); // "db_host=prod-db" -> target id: one value, one target
  list.forEach((raw, i) => {
    const p: Path = ['targets', i];
    const o = c.obj(raw, p, ['id', 'environment'], ['description', 'match', 'credentials', 'recovery']);
    if (!o) return;
    const id = c.str(o['id'], [...p, 'id'], { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, hint: 'use letters, digits and . _ -' });
    const environment = c.str(o['environment'], [...p, 'environment']);
    if (environment && environments && !environments.includes(environment)) {
      c.fail([...p, 'environment'], `"${environment}" is not declared under environments (declared: ${environments.join(', ')})`);
    }
    if (id && out.some((t) => t.id === id)) c.fail([...p, 'id'], `target id "${id}" is used twice`);
    const description = o['description'] === undefined ? undefined : c.str(o['description'], [...p, 'description']);
    const match = o['match'] === undefined ? {} : parseMatch(c, o['match'], [...p, 'match'], baseDir);
    const credentials = o['credentials'] === undefined ? undefined : parseCredentials(c, o['credentials'], [...p, 'credentials'], env);
    const recovery = o['recovery'] === undefined ? undefined : c.map(o['recovery'], [...p, 'recovery']);
    if (!id || !environment || !match || credentials === null || recovery === null || description === null) return;
    for (const k of MATCH_KEYS) {
      (match[k] ?? []).forEach((value, j) => {
        const key = `${k}=${value}`;
        const other = owners.get(key);
        if (other !== undefined && other !== id) c.fail([...p, 'match', k, j], `${k} "${value}" already identifies target "${other}"; one context value must name one target`);
        owners.set(key, id);
      });
    }
    out.push({
      id,
      environment,
      ...(description ? { description } : {}),
      match,
      ...(credentials ? { credentials } : {}),
      ...(recovery ? { recovery } : {}),
    });
  });
  return c.issues.length > before ? null : out;
}

function parseMatch(c: Checker, v: unknown, path: Path, baseDir: string): Target['match'] | null {
  const o = c.obj(v, path, [], MATCH_KEYS);
  if (!o) return null;
  const out: Partial<Record<MatchKey, string[]>> = {};
  for (const k of MATCH_KEYS) {
    if (o[k] === undefined) continue;
    const values = c.strings(o[k], [...path, k]);
    if (!values) continue;
    if (k === 'cwd_prefix') out[k] = values.map((s) => normalisePrefix(s, baseDir));
    // Host names are case-insensitive; comparing lower-case keeps "Prod-DB" from escaping a target.
    else if (k === 'db_host') out[k] = values.map((s) => s.toLowerCase());
    else out[k] = values;
  }
  return out;
}

/** Absolute, `~`-expanded (Countersign's home), relative to the config file, no trailing slash. */
export function normalisePrefix(s: string, baseDir: string): string {
  const expanded = s === '~' || s.startsWith('~/') ? homedir() + s.slice(1) : s;
  const abs = isAbsolute(expanded) ? resolve(expanded) : resolve(baseDir, expanded);
  return abs.length > 1 ? abs.replace(/\/+$/, '') : abs;
}

function parseCredentials(c: Checker, v: unknown, path: Path, env: Env): Target['credentials'] | null {
  const o = c.obj(v, path, [], ['env', 'env_from', 'files']);
  if (!o) return null;
  const before = c.issues.length;
  const out: NonNullable<Target['credentials']> = {};
  const names = /^[A-Za-z_][A-Za-z0-9_]*$/;
  const vars: Record<string, string> = {};
  for (const k of ['env', 'env_from', 'files'] as const) {
    if (o[k] === undefined) continue;
    const m = c.map(o[k], [...path, k]);
    if (!m) continue;
    const resolved: Record<string, string> = {};
    for (const [name, raw] of Object.entries(m)) {
      const p = [...path, k, name];
      if (k !== 'files' && !names.test(name)) c.fail(p, `"${name}" is not an environment variable name`, true);
      const s = c.str(raw, p);
      if (s === null) continue;
      const value = k === 'env_from' ? fromEnv(c, s, p, env) : expandRefs(c, s, p, env);
      if (value !== null) resolved[name] = value;
    }
    if (k === 'files') out.files = resolved;
    else Object.assign(vars, resolved);
  }
  // env_from entries become plain env values: the broker only ever sees resolved variables.
  if (Object.keys(vars).length) out.env = vars;
  return c.issues.length > before ? null : out;
}
