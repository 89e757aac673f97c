// What an action's own text says about where it acts: database hosts (connection strings, `-h`,
// `--host`, PGHOST), kube contexts (`--context`), cloud profiles (`--profile`, AWS_PROFILE, gcloud
// configurations, az subscriptions), paths (cd, -C, -chdir, absolute or `..` arguments, a file
// action's path) and MCP server names. This is deliberately generous: every extra signal can only
// add a candidate target, and conflicts resolve towards protection (resolve-target.ts), so an
// agent gains nothing by planting signals but loses a lot by hiding them.
import { isAbsolute, resolve } from 'node:path';
import type { Action } from '../core/index.js';

export type Signals = { dbHosts: string[]; kubeContexts: string[]; profiles: string[]; paths: string[]; mcpServers: string[] };

const URL_HOST = /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|sqlserver|clickhouse|cockroachdb|jdbc:[a-z]+):\/\/(?:[^@\s/'"]*@)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)/g;
const KEYWORD_HOST = /(?:^|[\s'"])(?:host|hostaddr)\s*=\s*['"]?([A-Za-z0-9._-]+)/g;
const HOST_FLAGS = new Set(['-h', '--host', '--hostname', '-H']);
const CONTEXT_FLAGS = new Set(['--context', '--kube-context', '--kubecontext']);
const PROFILE_FLAGS = new Set(['--profile', '--configuration', '--subscription']);
const DIR_FLAGS = new Set(['-C', '--chdir', '--directory', '--cwd', '--prefix', '--project-dir', '--dir']);
const HOST_VARS = new Set(['PGHOST', 'MYSQL_HOST', 'DB_HOST', 'DATABASE_HOST', 'REDIS_HOST']);
const PROFILE_VARS = new Set(['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'CLOUDSDK_ACTIVE_CONFIG_NAME', 'AZURE_SUBSCRIPTION_ID']);
const CONTEXT_VARS = new Set(['KUBECONTEXT', 'KUBE_CONTEXT']);
const MAX_DEPTH = 4;
const MAX_TEXT = 1_000_000;

export function signalsOf(action: Action, cwd: string | undefined): Signals {
  const s: Signals = { dbHosts: [], kubeContexts: [], profiles: [], paths: [], mcpServers: [] };
  const text = textOf(action);
  if (action.kind === 'mcp' && typeof action.server === 'string') s.mcpServers.push(action.server);
  if (action.kind === 'file' && typeof action.path === 'string') addPath(s, action.path, cwd);
  if (text) scan(text.slice(0, MAX_TEXT), cwd, s, 0);
  if (action.kind === 'mcp') for (const v of strings(action.arguments, 0)) scan(v.slice(0, MAX_TEXT), cwd, s, 1);
  return { dbHosts: [...new Set(s.dbHosts)], kubeContexts: [...new Set(s.kubeContexts)], profiles: [...new Set(s.profiles)], paths: [...new Set(s.paths)], mcpServers: s.mcpServers };
}

function textOf(action: Action): string {
  switch (action.kind) {
    case 'shell':
      return typeof action.command === 'string' ? action.command : '';
    case 'terraform-plan':
      return typeof action.command === 'string' ? action.command : '';
    case 'sql':
      return typeof action.sql === 'string' ? action.sql : '';
    default:
      return '';
  }
}

function scan(text: string, cwd: string | undefined, s: Signals, depth: number): void {
  for (const m of text.matchAll(URL_HOST)) s.dbHosts.push(m[1]!.replace(/^\[|\]$/g, '').toLowerCase());
  for (const m of text.matchAll(KEYWORD_HOST)) s.dbHosts.push(m[1]!.toLowerCase());
  const words = tokenize(text);
  let dir = cwd;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    const [flag, inline] = splitFlag(w);
    const value = inline ?? next;
    if (value !== undefined) {
      if (HOST_FLAGS.has(flag)) s.dbHosts.push(value.toLowerCase());
      if (CONTEXT_FLAGS.has(flag)) s.kubeContexts.push(value);
      if (PROFILE_FLAGS.has(flag)) s.profiles.push(value);
      if (DIR_FLAGS.has(flag) || flag === '-chdir') addPath(s, value, dir);
    }
    if (/^-h[A-Za-z0-9]/.test(w)) s.dbHosts.push(w.slice(2).toLowerCase()); // psql -hprod-db
    const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(w);
    if (assign) {
      const [, name, v] = assign;
      if (HOST_VARS.has(name!)) s.dbHosts.push(v!.toLowerCase());
      if (PROFILE_VARS.has(name!)) s.profiles.push(v!);
      if (CONTEXT_VARS.has(name!)) s.kubeContexts.push(v!);
    }
    if ((w === 'cd' || w === 'pushd') && next !== undefined) {
      dir = addPath(s, next, dir) ?? dir;
    } else if (w === 'use-context' && next !== undefined) s.kubeContexts.push(next);
    const pathLike = inline ?? w;
    if (looksLikePath(pathLike)) addPath(s, pathLike, dir);
    // A quoted script (`bash -c '...'`, `ssh host '...'`) is scanned as a command of its own.
    if (depth < MAX_DEPTH && /\s/.test(w)) scan(w, dir, s, depth + 1);
  }
}

function splitFlag(w: string): [string, string | undefined] {
  const eq = w.indexOf('=');
  return w.startsWith('-') && eq > 0 ? [w.slice(0, eq), w.slice(eq + 1)] : [w, undefined];
}

function looksLikePath(w: string): boolean {
  return w.startsWith('/') || w === '~' || w.startsWith('~/') || w === '..' || w.startsWith('../') || w.includes('/../') || w.startsWith('./');
}

/** Adds the absolute form of `p` (relative to `cwd`; dropped when relative and no cwd is known). */
function addPath(s: Signals, p: string, cwd: string | undefined): string | undefined {
  const home = process.env['HOME'];
  const expanded = (p === '~' || p.startsWith('~/')) && home ? home + p.slice(1) : p;
  const abs = isAbsolute(expanded) ? resolve(expanded) : cwd ? resolve(cwd, expanded) : undefined;
  if (abs !== undefined) s.paths.push(abs);
  return abs;
}

/** Shell-ish words: quotes removed, backslash escapes honoured, operators split words. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let q: '"' | "'" | null = null;
  const push = (): void => {
    if (has) out.push(cur);
    cur = '';
    has = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (q) {
      if (ch === q) q = null;
      else if (ch === '\\' && q === '"' && i + 1 < text.length) cur += text[++i];
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') (q = ch), (has = true);
    else if (ch === '\\' && i + 1 < text.length) (cur += text[++i]), (has = true);
    else if (/[\s;&|()<>`]/.test(ch)) push();
    else (cur += ch), (has = true);
  }
  push();
  return out;
}

/** Every string inside an MCP call's arguments (bounded, in case of a pathological object). */
function strings(v: unknown, depth: number, out: string[] = []): string[] {
  if (out.length > 1000 || depth > 8) return out;
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, depth + 1, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, depth + 1, out);
  return out;
}
