// Which paths an action would delete or overwrite, resolved against its working directory, with
// globs expanded the way the shell will expand them (a glob matching nothing stays literal, as in
// bash). An operand computed at run time cannot be resolved here: it is reported, not guessed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { Action } from '../../../core/index.js';
import type { Invocation, Parsed, Word } from '../command/parse.js';

export type Paths = { paths: string[]; unresolved: string[] };

const OPERANDS = new Set(['rm', 'unlink', 'rmdir', 'shred', 'srm', 'wipe', 'tee']);
/** Options whose next word is a value, not a path. */
const VALUED: Record<string, string[]> = { truncate: ['-s', '-r', '--size', '--reference'], shred: ['-n', '-s', '--iterations', '--size'], cp: ['-t', '-S'], mv: ['-t', '-S'], install: ['-t', '-m', '-o', '-g', '-S'], sed: ['-e', '-f', '-l'] };

function operands(inv: Invocation): Word[] {
  const out: Word[] = [];
  const valued = VALUED[inv.name] ?? [];
  let opts = true;
  for (let i = 0; i < inv.args.length; i++) {
    const w = inv.args[i]!;
    if (opts && w.value === '--') {
      opts = false;
      continue;
    }
    if (opts && w.value.startsWith('-') && w.value !== '-') {
      if (valued.includes(w.value)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

function touched(inv: Invocation): Word[] {
  if (OPERANDS.has(inv.name) || inv.name === 'truncate') return operands(inv);
  if (inv.name === 'find') {
    const acts = inv.args.some((w) => ['-delete', '-exec', '-execdir', '-ok'].includes(w.value));
    if (!acts) return [];
    const roots: Word[] = [];
    for (const w of inv.args) {
      if (/^[-(!]/.test(w.value)) break;
      roots.push(w);
    }
    return roots.length ? roots : [{ value: '.', dynamic: false, glob: false }];
  }
  if (inv.name === 'sed' || inv.name === 'perl') {
    if (!inv.args.some((w) => /^-[a-zA-Z]*i/.test(w.value) || w.value.startsWith('--in-place'))) return [];
    const ops = operands(inv);
    const scripted = inv.args.some((w) => ['-e', '-f', '--expression', '--file'].includes(w.value));
    return inv.name === 'sed' && !scripted ? ops.slice(1) : ops;
  }
  if (inv.name === 'dd') return inv.args.filter((w) => w.value.startsWith('of=')).map((w) => ({ ...w, value: w.value.slice(3) }));
  if (['cp', 'mv', 'install', 'ln', 'rsync'].includes(inv.name)) {
    const t = inv.args.findIndex((w) => w.value === '-t' || w.value === '--target-directory');
    const ops = operands(inv);
    if (ops.length < 2 && t < 0) return [];
    const dest = t >= 0 ? inv.args[t + 1] : ops[ops.length - 1];
    const sources = t >= 0 ? ops : ops.slice(0, -1);
    if (!dest || dest.dynamic) return dest ? [dest] : [];
    const d = resolve(inv.cwd, dest.value);
    const intoDir = t >= 0 || (existsSync(d) && statSync(d).isDirectory()) || dest.value.endsWith('/');
    const out = intoDir ? sources.map((s) => ({ ...s, value: join(d, basename(s.value)) })) : [dest];
    // A moved file is gone from where it was: keep the sources too.
    return inv.name === 'mv' ? [...out, ...sources] : out;
  }
  return [];
}

export function pathsOf(action: Action, parsed: Parsed | null, cwd: string): Paths {
  const out: Paths = { paths: [], unresolved: [] };
  if (action.kind === 'file') {
    out.paths.push(resolve(cwd, action.path));
    return out;
  }
  if (!parsed) return out;
  const add = (w: Word, at: string): void => {
    if (w.dynamic) out.unresolved.push(w.value);
    else if (w.glob) {
      const hits = expandGlob(resolve(at, w.value));
      if (hits.length) out.paths.push(...hits);
      else out.paths.push(resolve(at, w.value));
    } else out.paths.push(resolve(at, w.value));
  };
  for (const inv of parsed.invocations) for (const w of touched(inv)) add(w, inv.cwd);
  for (const wr of parsed.writes) add(wr.path, wr.cwd);
  if (parsed.error) out.unresolved.push(parsed.error);
  return { paths: minimal([...new Set(out.paths)]), unresolved: out.unresolved };
}

/** Drops paths inside another listed path: copying the parent already holds them. */
function minimal(paths: string[]): string[] {
  const sorted = [...paths].sort();
  return sorted.filter((p) => !sorted.some((q) => q !== p && (p.startsWith(q.endsWith('/') ? q : q + '/'))));
}

function segmentRegex(seg: string): RegExp {
  let re = '^';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        re += '[' + seg.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(re + '$');
}

/** Bash-style expansion of an absolute pattern; hidden names match only a pattern starting with ".". */
export function expandGlob(pattern: string): string[] {
  if (!isAbsolute(pattern)) return [];
  let found = ['/'];
  for (const seg of pattern.split('/').filter(Boolean)) {
    if (!/[*?[]/.test(seg)) {
      found = found.map((p) => join(p, seg)).filter((p) => existsSync(p));
      continue;
    }
    const re = segmentRegex(seg);
    const next: string[] = [];
    for (const dir of found) {
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const n of names.sort()) if (re.test(n) && (!n.startsWith('.') || seg.startsWith('.'))) next.push(join(dir, n));
    }
    found = next;
  }
  return found;
}
