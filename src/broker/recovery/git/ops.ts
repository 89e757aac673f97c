// What a git command line would destroy, read from its argv: remote branches a push rewrites or
// deletes, local branches deleted, uncommitted work a reset/checkout/restore discards, untracked
// (and with -x ignored) files a clean removes.
import { resolve } from 'node:path';
import type { Invocation, Parsed } from '../command/parse.js';

export type GitOp =
  | { op: 'push'; repo: string; remote: string | null; branches: string[] | 'current' }
  | { op: 'branch-delete'; repo: string; branches: string[] }
  | { op: 'discard'; repo: string }
  | { op: 'clean'; repo: string; ignored: 'no' | 'also' | 'only' };

/** git's global options that take a value. */
const GLOBAL_VALUED = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path']);

export function gitOps(parsed: Parsed): { ops: GitOp[]; unresolved: string[] } {
  const ops: GitOp[] = [];
  const unresolved: string[] = [];
  for (const inv of parsed.invocations) {
    if (inv.name !== 'git') continue;
    const op = one(inv);
    if (op === 'dynamic') unresolved.push(inv.text);
    else if (op) ops.push(op);
  }
  return { ops, unresolved };
}

function one(inv: Invocation): GitOp | 'dynamic' | null {
  let repo = inv.cwd;
  let i = 0;
  for (; i < inv.args.length; i++) {
    const w = inv.args[i]!;
    if (!w.value.startsWith('-')) break;
    if (GLOBAL_VALUED.has(w.value)) {
      const v = inv.args[++i];
      if (w.value === '-C' && v) {
        if (v.dynamic) return 'dynamic';
        repo = resolve(repo, v.value);
      }
    }
  }
  const sub = inv.args[i]?.value;
  const rest = inv.args.slice(i + 1);
  if (rest.some((w) => w.dynamic)) return 'dynamic';
  const flags = rest.filter((w) => w.value.startsWith('-')).map((w) => w.value);
  const pos = rest.filter((w) => !w.value.startsWith('-')).map((w) => w.value);
  const has = (...f: string[]): boolean => flags.some((x) => f.includes(x) || f.some((g) => g.length === 2 && /^-[a-zA-Z]+$/.test(x) && x.includes(g[1]!)));
  switch (sub) {
    case 'push': {
      const refspecs = pos.slice(1);
      const del = has('-d', '--delete');
      const branches = refspecs.map((r) => {
        const s = r.replace(/^\+/, '');
        const dst = s.includes(':') ? s.slice(s.indexOf(':') + 1) : s;
        return dst.replace(/^refs\/heads\//, '');
      });
      const forced = del || has('-f', '--force', '--mirror') || flags.some((f) => f.startsWith('--force-with-lease') || f.startsWith('--force-if-includes')) || refspecs.some((r) => r.startsWith('+') || r.startsWith(':'));
      if (!forced) return null;
      return { op: 'push', repo, remote: pos[0] ?? null, branches: branches.length ? branches : 'current' };
    }
    case 'branch':
      if (!has('-D', '-d', '--delete')) return null;
      return { op: 'branch-delete', repo, branches: pos };
    case 'reset':
      return has('--hard', '--merge', '--keep') ? { op: 'discard', repo } : null;
    case 'checkout':
    case 'restore':
    case 'stash':
      return { op: 'discard', repo };
    case 'clean':
      if (has('-n', '--dry-run')) return null;
      return { op: 'clean', repo, ignored: has('-X') ? 'only' : has('-x') ? 'also' : 'no' };
    default:
      return null;
  }
}
