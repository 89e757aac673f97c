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
// - no target: the config's default_environment (which must be protected).
// The agent's `target` hint is only honoured when the context resolves to that same target; any
// other hint is ignored (and said so in `why`), so claiming "staging" never moves an action out
// of production.
import type { Action, Target } from '../core/index.js';
import { compileGlob, type Glob } from '../policy/index.js';
import { signalsOf } from './context-signals.js';
import { normalisePrefix } from './targets.js';
import type { Config } from './types.js';

export type ResolveContext = { cwd?: string; kubeContext?: string; profile?: string; session?: string; host?: string };
export type Resolution = { target: Target | null; environment: string; why: string };

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
  const hits: { target: Target; signal: string; order: number }[] = [];
  const by = (kind: keyof Index['globs'], values: string[], label: string, order: number): void => {
    for (const v of values) for (const e of idx.globs[kind]) if (e.glob.re.test(kind === 'db_host' ? v.toLowerCase() : v)) hits.push({ target: e.target, signal: `${label} ${v}`, order });
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

  let res: Resolution;
  if (hits.length === 0) {
    res = { target: null, environment: config.defaultEnvironment, why: `no target matches the context${cwd ? ` (working directory ${cwd})` : ''}; using the default environment "${config.defaultEnvironment}"` };
  } else {
    const score = (h: (typeof hits)[number]): number[] => [Object.hasOwn(config.environments, h.target.environment) && config.environments[h.target.environment]!.protected ? 0 : 1, idx.rank.get(h.target.environment) ?? 1e9, h.order];
    hits.sort((a, b) => cmp(score(a), score(b)));
    const win = hits[0]!;
    const others = [...new Set(hits.filter((h) => h.target.id !== win.target.id).map((h) => `${h.target.id} (${h.signal})`))];
    const why = `target "${win.target.id}" (${win.target.environment}) from ${win.signal}` + (others.length ? `; also matched ${others.join(', ')}, and the stricter target wins` : '');
    res = { target: win.target, environment: win.target.environment, why };
  }
  if (hint !== undefined) {
    res.why += hint === res.target?.id ? `; the agent's hint "${hint}" agrees` : `; the agent's hint "${String(hint)}" was ignored (the target comes from the context, not from the agent)`;
  }
  return res;
}

function pathHit(idx: Index, p: string, signal: string, order: number, hits: { target: Target; signal: string; order: number }[]): void {
  // Prefixes are sorted longest first, so the first containing one is the longest match.
  for (const e of idx.prefixes) {
    if (p === e.prefix || p.startsWith(e.prefix === '/' ? '/' : `${e.prefix}/`)) {
      hits.push({ target: e.target, signal, order });
      return;
    }
  }
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

