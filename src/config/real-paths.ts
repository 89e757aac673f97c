// Where a path really is on this machine: symlinks followed, `..` taken physically (after a symlink,
// ".." is the parent of the link's target, not of the link), globs expanded. Target resolution
// matches these as well as the path as written, so a symlink in a staging workspace that points
// into production is judged by where it leads. Never throws: what cannot be read is left as written.
import { lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { posix } from 'node:path';

const MAX_LINKS = 40; // like the kernel's ELOOP limit

/** Physical forms of directories already walked, by the path as written. Share one between the
 * calls of one decision (they mostly start with the same working directory); never across
 * decisions, where the file system may have changed. */
export type PathMemo = Map<string, string>;

/** The physical form of an absolute path. Missing parts are kept as written (a file about to be
 * created lands where its existing ancestors really are); a dangling link is followed as text. */
export function physicalPath(p: string, memo?: PathMemo, whole = false): string {
  if (memo && whole) {
    // A directory that exists (a working directory): one call instead of one lstat per segment.
    // Not for paths that may be missing: a thrown error costs more than the walk.
    try {
      const real = realpathSync.native(p);
      memo.set(p, real);
      return real;
    } catch {
      // missing or unreadable somewhere: walk it
    }
  }
  const segs = p.split('/');
  let from = 0;
  let start = '/';
  if (memo) {
    for (let i = segs.length - 1; i > 0; i--) {
      const hit = memo.get(segs.slice(0, i).join('/'));
      if (hit !== undefined) {
        from = i;
        start = hit;
        break;
      }
    }
  }
  const out = walk(start, segs.slice(from), { links: 0 });
  return out ?? posix.resolve(p);
}

function walk(start: string, segs: string[], budget: { links: number }): string | null {
  let cur = start;
  let exists = true;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      cur = posix.dirname(cur);
      continue;
    }
    const next = cur === '/' ? `/${seg}` : `${cur}/${seg}`;
    if (!exists) {
      cur = next;
      continue;
    }
    let st;
    try {
      st = lstatSync(next, { throwIfNoEntry: false });
    } catch {
      st = undefined; // unreadable: keep the rest as written
    }
    if (!st) {
      exists = false;
      cur = next;
      continue;
    }
    if (st.isSymbolicLink()) {
      if (++budget.links > MAX_LINKS) return null;
      let to: string;
      try {
        to = readlinkSync(next);
      } catch {
        return null;
      }
      const base = to.startsWith('/') ? '/' : cur;
      const resolved = walk(base, to.split('/'), budget);
      if (resolved === null) return null;
      cur = resolved;
      continue;
    }
    cur = next;
  }
  return cur;
}

const GLOB_CHARS = /[*?[]/;
const MAX_MATCHES = 256;
const MAX_ENTRIES = 20_000;

export function hasGlob(s: string): boolean {
  return GLOB_CHARS.test(s) || /\{[^}]*,[^}]*\}/.test(s);
}

/** The physical paths an absolute glob matches now (`base`: the physical directory before the first
 * wildcard), or null when it cannot be expanded with confidence (braces, `**`, `..` after a
 * wildcard, too many entries or matches, unreadable dirs). */
export function expandGlob(pattern: string): { matches: string[]; base: string } | null {
  if (/\{[^}]*,[^}]*\}/.test(pattern) || pattern.includes('**')) return null;
  const segs = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const first = segs.findIndex((s) => GLOB_CHARS.test(s));
  if (first < 0) return { matches: [physicalPath(pattern)], base: physicalPath(pattern) };
  if (segs.slice(first).includes('..')) return null;
  const base = physicalPath(`/${segs.slice(0, first).join('/')}`);
  let dirs = [base];
  let entries = 0;
  for (let i = first; i < segs.length; i++) {
    const seg = segs[i]!;
    if (!GLOB_CHARS.test(seg)) {
      dirs = dirs.map((d) => physicalPath(posix.join(d, seg)));
      continue;
    }
    const re = globSegment(seg);
    if (!re) return null;
    const next: string[] = [];
    for (const d of dirs) {
      let names: string[];
      try {
        names = readdirSync(d);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') continue;
        return null;
      }
      entries += names.length;
      if (entries > MAX_ENTRIES) return null;
      for (const n of names) if (re.test(n)) next.push(physicalPath(posix.join(d, n)));
      if (next.length > MAX_MATCHES) return null;
    }
    dirs = next;
  }
  return { matches: dirs, base };
}

/** One path segment of a shell glob as an anchored regex; null for classes it cannot read. */
function globSegment(seg: string): RegExp | null {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i]!;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) return null;
      let body = seg.slice(i + 1, end);
      if (body.startsWith('!') || body.startsWith('^')) body = `^${body.slice(1)}`;
      if (/[\\[]/.test(body)) return null;
      re += `[${body}]`;
      i = end;
    } else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  // A leading "*" does not match dot files in bash; matching them anyway only adds candidates.
  try {
    return new RegExp(`^${re}$`, 's');
  } catch {
    return null;
  }
}
