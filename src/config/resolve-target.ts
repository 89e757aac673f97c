// resolveTarget(config, action, context, hint?) -> { target, environment, why }
//
// The environment of an action comes from its target, and the target comes from the context and
// the action's own text, never from what the agent claims:
// - signals: the working directory (context.cwd and the shell action's cwd), paths in the action
//   (cd, -C, absolute or `..` arguments, a file action's path), database hosts (connection strings,
//   -h/--host, PGHOST), kube contexts (--context, or context.kubeContext), cloud profiles
//   (--profile, AWS_PROFILE, ..., or context.profile) and the MCP server name;
// - a path signal picks the target with the longest `cwd_prefix` containing it; other signals
//   match `db_host` / `kube_context` / `profile` / `mcp_server` (globs allowed, hosts case-insensitive);
// - several different targets: a target in a protected environment wins over one that is not,
//   then the environment declared first in the config, then the stronger signal (explicit host,
//   context, profile, server before paths, the action's own paths before the working directory);
// - no target: the config's default_environment (which must be protected);
// - symlinks: every path (the working directory included) is also matched where it really leads on
//   this machine, and a glob by what it matches now; a path signal nobody can place from the text
//   (`~user`, `$VAR/...`, `cd -`, a glob too wide to expand) is one more candidate for the default
//   environment, so it can only make the answer stricter.
// The agent's `target` hint is only honoured when the context resolves to that same target; any
// other hint is ignored (and said so in `why`), so claiming "staging" never moves an action out
// of production.
import { isAbsolute } from 'node:path';
import type { Action, Target } from '../core/index.js';
import { compileGlob, type Glob } from '../policy/index.js';
import { signalsOf } from './context-signals.js';
import { expandGlob, physicalPath, type PathMemo } from './real-paths.js';
import { normalisePrefix } from './targets.js';
import type { Config } from './types.js';

export type ResolveContext = { cwd?: string; kubeContext?: string; profile?: string; session?: string; host?: string };
/** `cwd` is the working directory as it really is (symlinks resolved), when the context names one. */
export type Resolution = { target: Target | null; environment: string; why: string; cwd?: string };
type Hit = { target: Target | null; environment: string; signal: string; order: number };

type Index = {
  prefixes: { prefix: string; target: Target }[];
  globs: Record<'db_host' | 'kube_context' | 'profile' | 'mcp_server', { glob: Glob; target: Target }[]>;
  rank: Map<string, number>;
};

const INDEX = new WeakMap<Config, Index>();

export function resolveTarget(config: Config, action: Action, context: ResolveContext = {}, hint?: string): Resolution {
  const idx = indexOf(config);
  const cwd = typeof context.cwd === 'string' && context.cwd ? normalisePrefix(context.cwd, '/') : action.kind === 'shell' && action.cwd ? normalisePrefix(action.cwd, '/') : undefined;
  const s = signalsOf(action, cwd);
  const hits: Hit[] = [];
  const by = (kind: keyof Index['globs'], values: string[], label: string, order: number): void => {
    for (const v of values) for (const e of idx.globs[kind]) if (e.glob.re.test(kind === 'db_host' ? v.toLowerCase() : v)) hits.push({ target: e.target, environment: e.target.environment, signal: `${label} ${v}`, order });
  };
  by('db_host', s.dbHosts, 'database host', 0);
  by('kube_context', [...s.kubeContexts, ...(context.kubeContext ? [context.kubeContext] : [])], 'kube context', 1);
  by('profile', [...s.profiles, ...(context.profile ? [context.profile] : [])], 'profile', 2);
  by('mcp_server', s.mcpServers, 'MCP server', 3);
  for (const p of s.paths) pathHit(idx, p, `path ${p}`, 4, hits);
  if (cwd) pathHit(idx, cwd, `working directory ${cwd}`, 5, hits);
  // Both given and different: the action's own cwd is one more signal, never ignored.
  if (action.kind === 'shell' && typeof action.cwd === 'string' && action.cwd && normalisePrefix(action.cwd, '/') !== cwd) {
    pathHit(idx, normalisePrefix(action.cwd, '/'), `the action's cwd ${action.cwd}`, 5, hits);
  }
  // Physically, "p4/.." is the parent of wherever p4 leads: walk the cwd as it was given.
  const given = typeof context.cwd === 'string' && context.cwd ? context.cwd : action.kind === 'shell' && action.cwd ? action.cwd : undefined;
  const realCwd = physicalHits(config, idx, s, cwd !== undefined && given !== undefined && isAbsolute(given) ? given : cwd, action, hits);

  let res: Resolution;
  if (hits.length === 0) {
    res = { target: null, environment: config.defaultEnvironment, why: `no target matches the context${cwd ? ` (working directory ${cwd})` : ''}; using the default environment "${config.defaultEnvironment}"` };
  } else {
    const score = (h: Hit): number[] => [Object.hasOwn(config.environments, h.environment) && config.environments[h.environment]!.protected ? 0 : 1, idx.rank.get(h.environment) ?? 1e9, h.order];
    hits.sort((a, b) => cmp(score(a), score(b)));
    const win = hits[0]!;
    const name = (h: Hit): string => (h.target ? h.target.id : `the default environment "${h.environment}"`);
    const others = [...new Set(hits.filter((h) => h.target !== win.target).map((h) => `${name(h)} (${h.signal})`))];
    const why = (win.target ? `target "${win.target.id}" (${win.environment}) from ${win.signal}` : `${name(win)}: ${win.signal}`) + (others.length ? `; also matched ${others.join(', ')}, and the stricter target wins` : '');
    res = { target: win.target, environment: win.environment, why };
  }
  if (realCwd !== undefined) res.cwd = realCwd;
  if (hint !== undefined) {
    res.why += hint === res.target?.id ? `; the agent's hint "${hint}" agrees` : `; the agent's hint "${String(hint)}" was ignored (the target comes from the context, not from the agent)`;
  }
  return res;
}

function pathHit(idx: Index, p: string, signal: string, order: number, hits: Hit[]): void {
  // Prefixes are sorted longest first, so the first containing one is the longest match.
  for (const e of idx.prefixes) {
    if (p === e.prefix || p.startsWith(e.prefix === '/' ? '/' : `${e.prefix}/`)) {
      hits.push({ target: e.target, environment: e.target.environment, signal, order });
      return;
    }
  }
}

/** Adds the hits of where paths really lead (symlinks, globs) and one for path signals that cannot
 * be placed. Returns the working directory's physical form. Reading the file system may fail in
 * ways nobody foresaw: then nothing is placed, which counts as unresolvable (fail closed). */
function physicalHits(config: Config, idx: Index, s: ReturnType<typeof signalsOf>, cwd: string | undefined, action: Action, hits: Hit[]): string | undefined {
  const unplaced = [...s.unresolved];
  let realCwd: string | undefined;
  const memo: PathMemo = new Map();
  try {
    const placed = (raw: string, p: string, order: number, label: string): void => {
      if (p !== normalisePrefix(raw, '/')) pathHit(idx, p, `${label} ${raw}, which leads to ${p}`, order, hits);
    };
    if (cwd !== undefined) {
      realCwd = physicalPath(cwd, memo, true);
      placed(cwd, realCwd, 5, 'working directory');
    }
    if (action.kind === 'shell' && typeof action.cwd === 'string' && action.cwd.startsWith('/')) placed(action.cwd, physicalPath(action.cwd, memo), 5, "the action's cwd");
    for (const raw of s.places) placed(raw, physicalPath(raw, memo), 4, 'path');
    for (const g of s.globs) {
      const e = expandGlob(g);
      if (e === null) unplaced.push(g);
      else if (e.matches.length) for (const m of e.matches) pathHit(idx, m, `path ${g}, which matches ${m}`, 4, hits);
      // Nothing matches now: the word runs as written, inside `base`, which places it only when
      // `base` is in a target and holds no other target's prefix the pattern could spell
      // ("/home/deploy/pro*" with prod absent from this disk is not placed by /home/deploy).
      else if (!placeBase(idx, e.base, g, hits)) unplaced.push(g);
    }
  } catch (err) {
    unplaced.push(`(the file system could not be read: ${err instanceof Error ? err.message : String(err)})`);
  }
  if (unplaced.length) {
    hits.push({ target: null, environment: config.defaultEnvironment, signal: `path ${unplaced.slice(0, 3).join(', ')}${unplaced.length > 3 ? ', ...' : ''} cannot be placed from the action's text`, order: 6 });
  }
  return realCwd;
}

function placeBase(idx: Index, base: string, glob: string, hits: Hit[]): boolean {
  if (idx.prefixes.some((e) => e.prefix.startsWith(base === '/' ? '/' : `${base}/`))) return false;
  const before = hits.length;
  pathHit(idx, base, `path ${glob}, which matches nothing in ${base}`, 4, hits);
  return hits.length > before;
}

function indexOf(config: Config): Index {
  let idx = INDEX.get(config);
  if (idx) return idx;
  idx = { prefixes: [], globs: { db_host: [], kube_context: [], profile: [], mcp_server: [] }, rank: new Map() };
  Object.keys(config.environments).forEach((e, i) => idx!.rank.set(e, i));
  for (const t of config.targets) {
    for (const p of t.match?.cwd_prefix ?? []) idx.prefixes.push({ prefix: p, target: t });
    for (const k of ['db_host', 'kube_context', 'profile', 'mcp_server'] as const) {
      for (const v of t.match?.[k] ?? []) idx.globs[k].push({ glob: compileGlob(v), target: t });
    }
  }
  idx.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  INDEX.set(config, idx);
  return idx;
}

function cmp(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** A target as it may be shown to anyone (agents, explain output, audit): no credentials. */
export function publicTarget(t: Target | null): Omit<Target, 'credentials'> | null {
  if (!t) return null;
  const { credentials: _secret, ...rest } = t;
  return rest;
}

