// Small builders for the local tables: the common guard that `--help` / `--version` runs nothing,
// and a way to read the worst risk out of findings a table got back from the walker.
import type { Finding, Risk } from '../../core/index.js';
import { maxRisk } from '../../core/index.js';
import { asksForHelp } from './argv.js';
import type { Invocation, RuleHit, ToolRule, ToolTable } from './types.js';

type TableSpec = Omit<ToolTable, 'fallback'> & {
  fallback: Risk | ((inv: Invocation) => Risk);
  /** Which arguments a help flag counts in (default: all before "--"; see beforeOperands). */
  helpScope?: (inv: Invocation) => readonly string[];
  /** Set for tools where "-h" means something else (sort -h, df -h, ls -h, grep -h). */
  noShortHelp?: boolean;
};

function beforeDashDash(inv: Invocation): readonly string[] {
  const i = inv.args.indexOf('--');
  return i < 0 ? inv.args : inv.args.slice(0, i);
}

// Help counts only before the first operand: after it, "--help" may be an argument of a program
// that ignores it (`awk 'BEGIN{system("...")}' --help` still runs the program), so a late
// "--help" is never allowed to make a command look harmless.
export function beforeOperands(inv: Invocation): readonly string[] {
  const i = inv.args.findIndex((a) => a === '--' || !a.startsWith('-'));
  return i < 0 ? inv.args : inv.args.slice(0, i);
}

/** defineTable with the strict help scope; the local tables use it. */
export function defineLocalTable(spec: TableSpec): ToolTable {
  return defineTable({ helpScope: beforeOperands, ...spec });
}

/** A table whose rules stay silent, and whose fallback is readonly, when the tool is only asked for help. */
export function defineTable(spec: TableSpec): ToolTable {
  const scope = spec.helpScope ?? beforeDashDash;
  // "--help" within the scope; "--version" / "-h" only as the whole command line.
  const isHelp = (inv: Invocation) => scope(inv).includes('--help') || (inv.args.length === 1 && asksForHelp(inv.args, !spec.noShortHelp));
  const rules: ToolRule[] = spec.rules.map((r) => ({
    ...r,
    test: (inv, ctx) => (isHelp(inv) ? null : r.test(inv, ctx)),
  }));
  const fb = spec.fallback;
  return {
    name: spec.name,
    commands: spec.commands,
    rules,
    fallback: (inv) => (isHelp(inv) ? 'readonly' : typeof fb === 'function' ? fb(inv) : fb),
  };
}

/** The strictest risk among findings; an empty list (nothing recognised) is unknown, never safe. */
export function worst(findings: readonly Finding[]): Risk {
  if (findings.length === 0) return 'unknown';
  let r: Risk = 'readonly';
  for (const f of findings) r = maxRisk(r, f.risk);
  return r;
}

/** Turn what a carried command was found to do into this rule's hit, keeping its explanation. */
export function carried(findings: readonly Finding[], via: string): RuleHit {
  const risk = worst(findings);
  const top = findings.find((f) => f.risk === risk);
  return {
    risk,
    effect: top?.effect ?? 'run-command',
    ...(top?.target !== undefined ? { target: top.target } : {}),
    explanation: `${via}: ${top?.explanation ?? 'runs a command that could not be understood'}`,
  };
}

/**
 * Build an Invocation for a command a table found inside another (find -exec, docker exec, ...).
 * `cwd` is where it runs: the parent's by default; a container's own (or unknown) for docker.
 */
export function subInvocation(parent: Invocation, words: readonly string[], dynamicIdx: readonly boolean[] = [], cwd: string | undefined = parent.cwd): Invocation | null {
  const [name, ...args] = words;
  if (name === undefined || name === '') return null;
  // The carried name is normalised like the walker does for a top-level one: "/bin/rm" is rm.
  const base = name.replace(/^.*\//, '');
  return {
    name: base,
    args,
    dynamic: args.map((_, i) => dynamicIdx[i + 1] ?? false),
    ...(cwd !== undefined ? { cwd } : {}),
    text: words.join(' '),
  };
}

/**
 * Cache a parse of an invocation: several rules of one table read the same parse, and an
 * invocation with tens of thousands of words must not be re-parsed by each of them.
 */
export function perInvocation<T>(fn: (inv: Invocation) => T): (inv: Invocation) => T {
  const cache = new WeakMap<Invocation, T>();
  return (inv) => {
    if (cache.has(inv)) return cache.get(inv) as T;
    const v = fn(inv);
    cache.set(inv, v);
    return v;
  };
}
