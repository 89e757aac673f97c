// What an action's own text says about where it acts: database hosts (connection strings, `-h`,
// `--host`, PGHOST), kube contexts (`--context`), cloud profiles (`--profile`, AWS_PROFILE, gcloud
// configurations, az subscriptions), paths (cd, -C, -chdir, absolute or `..` arguments, a file
// action's path) and MCP server names. This is deliberately generous: every extra signal can only
// add a candidate target, and conflicts resolve towards protection (resolve-target.ts), so an
// agent gains nothing by planting signals but loses a lot by hiding them.
import { isAbsolute, resolve } from 'node:path';
import type { Action } from '../core/index.js';
import { hasGlob } from './real-paths.js';

/** `paths` are absolute and lexically normalised. `places` are the same paths as written (`..` not
 * collapsed) plus existing-or-not relative words of the command, for the physical check (symlinks)
 * in resolve-target.ts; `globs` are absolute patterns to expand there; `unresolved` are path signals
 * nobody can place from the text (`~user`, `$VAR/...`, `cd -`): they count towards the protected
 * default environment, never towards the working directory's. */
export type Signals = {
  dbHosts: string[];
  kubeContexts: string[];
  profiles: string[];
  paths: string[];
  mcpServers: string[];
  places: string[];
  globs: string[];
  unresolved: string[];
};

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
const MAX_PLACES = 64;
const MAX_GLOBS = 16;
const BREAK = '\u0000'; // between simple commands (; & | ( ) newline), from tokenize(text, true)
// A relative word that may name a file: checked on disk, since "p4" may be a symlink to production.
const RELATIVE_WORD = /^[\w.@+,:%~-][\w.@+,:%~\/-]*$/;

export function signalsOf(action: Action, cwd: string | undefined): Signals {
  const s: Signals = { dbHosts: [], kubeContexts: [], profiles: [], paths: [], mcpServers: [], places: [], globs: [], unresolved: [] };
  const text = textOf(action);
  if (action.kind === 'mcp' && typeof action.server === 'string') s.mcpServers.push(action.server);
  if (action.kind === 'file' && typeof action.path === 'string') addPath(s, action.path, cwd);
  if (text) scan(text.slice(0, MAX_TEXT), cwd, s, 0);
  if (action.kind === 'mcp') for (const v of strings(action.arguments, 0)) scan(v.slice(0, MAX_TEXT), cwd, s, 1);
  const uniq = (v: string[], max = Infinity): string[] => [...new Set(v)].slice(0, max);
  return {
    dbHosts: uniq(s.dbHosts),
    kubeContexts: uniq(s.kubeContexts),
    profiles: uniq(s.profiles),
    paths: uniq(s.paths),
    mcpServers: s.mcpServers,
    // Bounded: each costs a few system calls. Past the bound, more words cannot be placed, so one
    // unresolvable signal stands for them (towards protection).
    places: uniq(s.places, MAX_PLACES),
    globs: uniq(s.globs, MAX_GLOBS),
    unresolved: uniq([...s.unresolved, ...(new Set(s.places).size > MAX_PLACES || new Set(s.globs).size > MAX_GLOBS ? ['(too many paths to check)'] : [])]),
  };
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
  const words = tokenize(text, true);
  let dir = cwd;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === BREAK) continue;
    const next = words[i + 1] === BREAK ? undefined : words[i + 1];
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
    if (w === 'ln') linkTargets(s, words, i + 1, dir);
    const pathLike = inline ?? w;
    if (looksLikePath(pathLike)) addPath(s, pathLike, dir);
    else if (dir !== undefined && i > 0 && words[i - 1] !== BREAK && !w.startsWith('-') && RELATIVE_WORD.test(pathLike) && pathLike.length < 256) {
      // "cp -r build p4", "sed -i ... p4/src/app.ts": placed by where the word leads on disk.
      s.places.push(`${dir}/${pathLike}`);
    } else if (dir !== undefined && !w.startsWith('-') && hasGlob(pathLike) && !/[\s$`]/.test(pathLike) && pathLike.length < 256) {
      s.globs.push(`${dir}/${pathLike}`);
    }
    // A quoted script (`bash -c '...'`, `ssh host '...'`) is scanned as a command of its own.
    if (depth < MAX_DEPTH && /\s/.test(w)) scan(w, dir, s, depth + 1);
  }
}

function splitFlag(w: string): [string, string | undefined] {
  const eq = w.indexOf('=');
  return w.startsWith('-') && eq > 0 ? [w.slice(0, eq), w.slice(eq + 1)] : [w, undefined];
}

function looksLikePath(w: string): boolean {
  return (
    w.startsWith('/') || w === '~' || w.startsWith('~/') || w === '..' || w.startsWith('../') || w.includes('/../') || w.startsWith('./') ||
    /^~[A-Za-z0-9_.-]+(\/|$)/.test(w) || // ~deploy/prod: another account's home
    (/^\$(?:[A-Za-z_{(])/.test(w) && w.includes('/')) // $PROD/src, ${ROOT}/db
  );
}

/** Adds the absolute form of `p` (relative to `cwd`; dropped when relative and no cwd is known).
 * Returns it when it is one definite directory (so `cd` can follow it). */
function addPath(s: Signals, p: string, cwd: string | undefined): string | undefined {
  // `~user` is another account's home, `$X` and backticks are computed at run time, `cd -` goes
  // back to wherever the shell was: the text does not say where any of them leads.
  if (/^~[^/]/.test(p) || /[$`]/.test(p) || p === '-' || p === '') {
    s.unresolved.push(p);
    return undefined;
  }
  const home = process.env['HOME'];
  const expanded = (p === '~' || p.startsWith('~/')) && home ? home + p.slice(1) : p;
  if (!isAbsolute(expanded) && cwd === undefined) return undefined;
  const raw = isAbsolute(expanded) ? expanded : `${cwd}/${expanded}`;
  if (hasGlob(expanded)) {
    s.globs.push(raw);
    return undefined;
  }
  const abs = resolve(raw);
  s.paths.push(abs);
  s.places.push(raw);
  return abs;
}

/** `ln [-s] TARGET... LINK`: a relative target is relative to the link's directory, not the cwd,
 * and the link brings whatever it points at into this workspace. */
function linkTargets(s: Signals, words: string[], from: number, dir: string | undefined): void {
  const args: string[] = [];
  for (let j = from; j < words.length && words[j] !== BREAK && args.length < 8; j++) if (!words[j]!.startsWith('-')) args.push(words[j]!);
  if (args.length < 2 || dir === undefined) return;
  const link = args[args.length - 1]!;
  const linkAbs = isAbsolute(link) ? link : `${dir}/${link}`;
  for (const t of args.slice(0, -1)) {
    if (isAbsolute(t) || /^~/.test(t) || /[$`]/.test(t)) continue; // placed by addPath already
    for (const base of [linkAbs.replace(/\/[^/]*\/?$/, '') || '/', linkAbs]) {
      if (hasGlob(t)) s.globs.push(`${base}/${t}`);
      else s.places.push(`${base}/${t}`);
    }
  }
}

/** Shell-ish words: quotes removed, backslash escapes honoured, operators split words. With
 * `breaks`, a "\u0000" word marks where one simple command ends and the next begins. */
export function tokenize(text: string, breaks = false): string[] {
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
    else if (/[\s;&|()<>`]/.test(ch)) {
      push();
      if (breaks && /[;&|()\n`]/.test(ch) && out[out.length - 1] !== BREAK) out.push(BREAK);
    }
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
