// find: its expression is a small language. We walk it with the arity of each primary, so a word
// that is the argument of -name ("find . -name -delete") is never taken for an action, and what
// -exec carries is classified as a command of its own with "{}" standing for the find root.
import type { Finding } from '../../core/index.js';
import { classifyPath, isPrecious } from './paths.js';
import { carried, defineLocalTable, perInvocation, subInvocation } from './table.js';
import type { Invocation, ToolContext, ToolTable } from './types.js';

const ONE_ARG = new Set([
  '-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-type',
  '-xtype', '-user', '-group', '-uid', '-gid', '-perm', '-size', '-mtime', '-mmin', '-atime', '-amin',
  '-ctime', '-cmin', '-newer', '-anewer', '-cnewer', '-maxdepth', '-mindepth', '-links', '-inum',
  '-samefile', '-lname', '-ilname', '-fstype', '-context', '-printf', '-fprint', '-fprint0', '-fls',
  '-used', '-regextype', '-files0-from',
]);
const EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);
const WRITES = new Set(['-fprint', '-fprint0', '-fls', '-fprintf']);

type Parsed = { roots: string[]; rootDynamic: boolean[]; deletes: boolean; writes: boolean; execs: string[][]; names: string[]; negated: boolean };

const parseFind = perInvocation((inv: Invocation): Parsed => {
  const a = inv.args;
  let i = 0;
  // Leading options -H -L -P -D x -Ox come before the starting points.
  while (i < a.length && /^-(H|L|P|D|O\d*)$/.test(a[i] ?? '')) i += a[i] === '-D' ? 2 : 1;
  const roots: string[] = [];
  const rootDynamic: boolean[] = [];
  while (i < a.length && !/^[-(!,]/.test(a[i] ?? '')) {
    roots.push(a[i] ?? '');
    rootDynamic.push(inv.dynamic[i] ?? false);
    i++;
  }
  const out: Parsed = { roots, rootDynamic, deletes: false, writes: false, execs: [], names: [], negated: false };
  while (i < a.length) {
    const t = a[i] ?? '';
    if (EXEC.has(t)) {
      const cmd: string[] = [];
      i++;
      while (i < a.length && a[i] !== ';' && !(a[i] === '+' && cmd[cmd.length - 1] === '{}')) cmd.push(a[i++] ?? '');
      out.execs.push(cmd);
      i++;
      continue;
    }
    if (t === '-delete') out.deletes = true;
    if ((t === '-name' || t === '-iname') && a[i + 1] !== undefined) out.names.push(a[i + 1] ?? '');
    if (t === '!' || t === '-not') out.negated = true;
    if (WRITES.has(t)) out.writes = true;
    if (t === '-fprintf') i += 3;
    else if (ONE_ARG.has(t) || t.startsWith('-newer')) i += 2;
    else i++;
  }
  return out;
});

function rootOf(p: Parsed, inv: Invocation): { raw: string; precious: boolean; dynamic: boolean } {
  const raws = p.roots.length > 0 ? p.roots : ['.'];
  // The most dangerous root decides: one precious root among several is enough.
  for (let k = 0; k < raws.length; k++) {
    const info = classifyPath(raws[k] ?? '.', p.rootDynamic[k] ?? false, inv.cwd);
    if (info.cls === 'dynamic') return { raw: raws[k] ?? '.', precious: false, dynamic: true };
    if (isPrecious(info.cls)) return { raw: raws[k] ?? '.', precious: true, dynamic: false };
  }
  return { raw: raws[0] ?? '.', precious: false, dynamic: false };
}

// `find . -name '*.pyc' -delete` removes only what a build or interpreter recreates: every name
// filter is a build/cache dir or debris pattern, and nothing is negated (`! -name` would invert it).
function onlyRegenerable(p: Parsed): boolean {
  return p.names.length > 0 && !p.negated && p.names.every((n) => classifyPath(n).cls === 'build');
}

// Commands that delete what they are given: run on every match, they are find -delete.
const DELETERS = new Set(['rm', 'unlink', 'shred', 'rmdir']);

function deletionFinding(root: { raw: string; precious: boolean; dynamic: boolean }, how: string, p: Parsed): Finding {
  const base = { rule: 'find.delete', effect: 'delete-files', target: root.raw, tool: 'find' };
  if (onlyRegenerable(p)) return { ...base, risk: 'mutating', target: `${root.raw} (${p.names.join(', ')})`, explanation: `find ${how} removes only regenerable files (${p.names.join(', ')})` };
  if (root.dynamic) return { ...base, risk: 'unknown', explanation: `find ${how} under a computed path (${root.raw})` };
  if (!root.precious) return { ...base, risk: 'mutating', explanation: `find ${how} inside a build, cache or temp directory (${root.raw})` };
  return { ...base, risk: 'destructive', explanation: `find ${how} removes matching files under ${root.raw}` };
}

function execFindings(inv: Invocation, ctx: ToolContext): Finding[] {
  const p = parseFind(inv);
  const root = rootOf(p, inv);
  const out: Finding[] = [];
  for (const words of p.execs) {
    const name = (words[0] ?? '').replace(/^.*\//, '');
    if (DELETERS.has(name)) out.push(deletionFinding(root, `-exec ${name}`, p));
    // "{}" is each file found; judge it as the find root, which is what the command can reach,
    // or as a match under the root when the name filters say only regenerable files match.
    const each = onlyRegenerable(p) ? `${root.raw.replace(/\/$/, '')}/${p.names[0] ?? ''}` : root.raw;
    const replaced = words.map((w) => w.split('{}').join(each));
    const dyn = words.map((w) => w.includes('{}') && root.dynamic);
    const sub = subInvocation(inv, replaced, dyn);
    if (!sub) {
      out.push({ rule: 'find.exec', risk: 'unknown', effect: 'run-command', explanation: 'find -exec without a command', tool: 'find' });
      continue;
    }
    out.push(...ctx.invocation(sub));
  }
  return out;
}

export const FIND_TABLE: ToolTable = defineLocalTable({
  name: 'find',
  commands: ['find'],
  rules: [
    {
      id: 'find.delete', risk: 'destructive', effect: 'delete-files',
      explain: 'find -delete removes every file the expression matches',
      test: (inv) => {
        const p = parseFind(inv);
        if (!p.deletes) return null;
        const f = deletionFinding(rootOf(p, inv), '-delete', p);
        return { target: f.target ?? '', risk: f.risk, explanation: f.explanation };
      },
      examples: {
        match: ['find . -name "*.orig" -delete', 'find / -type f -delete', 'find ./node_modules -name "*.map" -delete', 'find . ! -name "*.pyc" -delete'],
        no_match: ['find . -name -delete -print', 'find . -exec echo -delete \\;', 'find . -name "*.ts"'],
      },
    },
    {
      id: 'find.exec', risk: 'unknown', effect: 'run-command',
      explain: 'find runs a command on every match',
      test: (inv, ctx) => {
        const f = execFindings(inv, ctx);
        return f.length > 0 ? carried(f, 'find -exec') : null;
      },
      examples: {
        match: ['find . -type f -exec rm -rf {} \\;', 'find . -name "*.bak" -exec rm {} +', 'find /srv -exec chmod 644 {} +', 'find . -name "*.log" -exec cat {} \\;'],
        no_match: ['find . -name "*.txt" -print', 'find . -delete'],
      },
    },
    {
      id: 'find.write-file', risk: 'mutating', effect: 'write-file',
      explain: 'find writes its output to a file',
      test: (inv) => parseFind(inv).writes,
      examples: { match: ['find . -fprint list.txt'], no_match: ['find . -print'] },
    },
  ],
  fallback: 'readonly',
});
