// A verb grammar shared by the many CLIs shaped `tool <noun...> <verb> <name> [--flags]`
// (fastly, stripe, doppler, op, flipt, gcloud, az, ...). The first word that carries a known verb
// decides: "delete" in `fastly logging s3 delete --name x`, "list" in `vault kv list`. A table
// names its verbs; this code never switches on a tool's name (STYLE.md 4).
import type { Risk } from '../../core/index.js';
import { defineTable } from './table.js';
import { CHANGE_WORDS, NOUN_LIKE_READS } from './verb-words.js';
import type { Invocation, ToolContext, ToolRule, ToolTable } from './types.js';

export { CHANGE_WORDS, DELETE_WORDS, READ_WORDS } from './verb-words.js';

export type Examples = { match: string[]; no_match: string[] };

export type VerbKind = 'destroy' | 'read' | 'change';
export type VerbHit = { kind: VerbKind; verb: string; index: number; target?: string };

export type VerbSpec = {
  name: string;
  commands: string[];
  /** Options that take a separate value, so the value is not read as a word of the command path. */
  valued?: readonly string[];
  /** Treat every `--opt` followed by a plain word as taking that word (az, aws style), except `flags`. */
  longOptsTakeValues?: boolean;
  /** Boolean options, for tools where options take values by default. */
  flags?: readonly string[];
  /** Verb tokens that lose data or take something out (a word is split on - _ : into tokens). */
  destroy: readonly string[];
  /** Verb tokens that only read. */
  read: readonly string[];
  /** Nouns that read when they end the command path: `heroku apps` and `crictl images` list,
   * while `ctr images rm x` does not. */
  bare?: readonly string[];
  /** Whole words that are routine changes; they end the search (e.g. "remove-labels"). CHANGE_WORDS
   * are added, so a name after `create` ("create beta-search") is not read as a verb. */
  change?: readonly string[];
  /** How many command-path words to look at (default 4). */
  depth?: number;
  /** Command groups that only change the CLI's own set-up on this machine (`gh extension remove`,
   * `heroku plugins:remove`): deleting there is a routine change. Matched on the first path word
   * and on its first token. */
  localNouns?: readonly string[];
  /** Options that make the whole command a rehearsal (e.g. "--dry-run"). */
  dryRun?: readonly string[];
  /** Where "-h" is not help (a host option, a header option). */
  noShortHelp?: boolean;
  examples: { destroy: Examples; read: Examples };
  /** Tool-specific rules; their findings combine with the verb rules (the worst wins). */
  extra?: ToolRule[];
  /** Rules that, when they hit, silence the verb rules (a special case decided more precisely). */
  overrides?: ToolRule[];
  fallback?: Risk;
};

const WORD = /^[A-Za-z][A-Za-z0-9_:-]*$/;

// Option lists are module constants; build each one's Set once, not on every command.
const SETS = new WeakMap<readonly string[], ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();
function setOf(list: readonly string[] | undefined): ReadonlySet<string> {
  if (list === undefined) return NONE;
  let set = SETS.get(list);
  if (set === undefined) SETS.set(list, (set = new Set(list)));
  return set;
}

/** Words of the command path (options and their values removed), in order, with their index in args. */
export function pathWordsAt(inv: Invocation, spec: Pick<VerbSpec, 'valued' | 'longOptsTakeValues' | 'flags'>): { word: string; at: number }[] {
  const valued = setOf(spec.valued);
  const flags = setOf(spec.flags);
  const out: { word: string; at: number }[] = [];
  const a = inv.args;
  for (let i = 0; i < a.length; i++) {
    const w = a[i] ?? '';
    if (w === '--') break;
    if (w.startsWith('-') && w.length > 1) {
      if (w.includes('=')) continue;
      if (valued.has(w)) i++;
      else if (spec.longOptsTakeValues && w.startsWith('--') && !flags.has(w) && !w.startsWith('--no-')) {
        const next = a[i + 1];
        if (next !== undefined && !next.startsWith('-')) i++;
      }
      continue;
    }
    out.push({ word: w, at: i });
  }
  return out;
}

export function pathWords(inv: Invocation, spec: Pick<VerbSpec, 'valued' | 'longOptsTakeValues' | 'flags'>): string[] {
  return pathWordsAt(inv, spec).map((p) => p.word);
}

/** A word of the command path computed at run time (`kubectl $VERB ...`) among the first `n`:
 * the subcommand cannot be known, so neither can what runs. */
export function computedPath(inv: Invocation, spec: Pick<VerbSpec, 'valued' | 'longOptsTakeValues' | 'flags'>, n: number): string | undefined {
  return pathWordsAt(inv, spec).slice(0, n).find((p) => inv.dynamic[p.at] === true)?.word;
}

/** A rule for tables whose subcommand sits in the first `n` words of the path. */
export function computedRule(name: string, n: number, spec: Pick<VerbSpec, 'valued' | 'longOptsTakeValues' | 'flags'>, match: string[], noMatch: string[]): ToolRule {
  return rule(`${name}.computed-subcommand`, 'unknown', 'computed-subcommand', 'the subcommand is computed at run time, so what runs cannot be known', (inv) => {
    const w = computedPath(inv, spec, n);
    return w === undefined ? null : { target: w, explanation: `${inv.name} ${w}: the subcommand is computed at run time, so what runs cannot be known` };
  }, { match, no_match: noMatch });
}

function tokens(word: string): string[] {
  // camelCase counts as separate words too: "deleteIndex" is delete + index.
  return word.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().split(/[-_:]+/).filter(Boolean);
}

type VerbWords = Pick<VerbSpec, 'destroy' | 'read' | 'change' | 'depth' | 'bare'>;
type VerbSets = { destroy: ReadonlySet<string>; read: ReadonlySet<string>; change: ReadonlySet<string>; bare: ReadonlySet<string>; depth: number };

/** Sets built once per table, not once per command. */
export function compileVerbs(spec: VerbWords): VerbSets {
  return {
    destroy: new Set(spec.destroy),
    read: new Set(spec.read),
    // The common change verbs always end the search (a name after `create` or `execute` is not a
    // verb), unless the table uses one of them as a destroying or reading verb.
    change: new Set([...(spec.change ?? []), ...CHANGE_WORDS].filter((w) => !spec.destroy.includes(w) && !spec.read.includes(w))),
    bare: new Set(spec.bare ?? []),
    depth: spec.depth ?? 4,
  };
}

/** The first word of the command path that carries a verb the table knows. */
export function findVerb(words: readonly string[], sets: VerbSets): VerbHit | null {
  const { destroy, read, change, bare } = sets;
  const depth = Math.min(words.length, sets.depth);
  for (let i = 0; i < depth; i++) {
    const w = words[i] ?? '';
    if (!WORD.test(w)) continue;
    const lw = w.toLowerCase();
    const target = words[i + 1];
    const base = { verb: w, index: i, ...(target !== undefined ? { target } : {}) };
    if (change.has(lw)) return { kind: 'change', ...base };
    if (bare.has(lw) && i === words.length - 1) return { kind: 'read', ...base };
    const t = tokens(w);
    const isDestroy = destroy.has(lw) || t.some((x) => destroy.has(x));
    // A reading first token wins: "get-deletion-status" reads, "list-deleted" reads.
    const readBy = read.has(lw) ? lw : t[0] !== undefined && read.has(t[0]) ? t[0] : !isDestroy ? t.find((x) => read.has(x)) : undefined;
    if (readBy !== undefined) {
      // "logs", "search", "status" are also nouns: `gcloud logging logs delete`, `az search service delete`.
      if (NOUN_LIKE_READS.has(readBy)) {
        const later = findVerb(words.slice(i + 1), { ...sets, read: new Set<string>(), depth: depth - i - 1 });
        if (later?.kind === 'destroy') return { ...later, index: later.index + i + 1 };
      }
      return { kind: 'read', ...base };
    }
    if (isDestroy) return { kind: 'destroy', ...base };
  }
  return null;
}


/** True when one of the named rehearsal options is present and not switched off (`--dry-run=none`). */
export function hasDryRun(args: readonly string[], names: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(0, eq) : a;
    if (!names.includes(key)) continue;
    const v = eq > 0 ? a.slice(eq + 1).toLowerCase() : '';
    if (v === 'none' || v === 'false' || v === '0' || v === 'no') continue;
    return true;
  }
  return false;
}

/** Help asked anywhere before "--": `-help` (Go's flag package) always, `-h` where the tool
 * means help by it (cobra CLIs: kubectl, helm, gh, vault, ...), `--help` always. */
export function helpAnywhere(inv: Invocation, shortHelp = true): boolean {
  const end = inv.args.indexOf('--');
  const own = end < 0 ? inv.args : inv.args.slice(0, end);
  return own.includes('-help') || own.includes('--help') || (shortHelp && own.includes('-h'));
}

/** Silence a table's rules and make its fallback readonly when help is asked anywhere. */
export function guardHelp(rules: ToolRule[], fallback: Risk | ((inv: Invocation) => Risk), shortHelp = true): { rules: ToolRule[]; fallback: (inv: Invocation) => Risk } {
  return {
    rules: rules.map((r) => ({ ...r, test: (inv, ctx) => (helpAnywhere(inv, shortHelp) ? null : r.test(inv, ctx)) })),
    fallback: (inv) => (helpAnywhere(inv, shortHelp) ? 'readonly' : typeof fallback === 'function' ? fallback(inv) : fallback),
  };
}

/** `tool -v` / `tool -V` / `tool version` alone: prints a version, nothing else. */
export function onlyVersion(inv: Invocation): boolean {
  return inv.args.length === 1 && /^(-v|-V|--version|-version|version)$/.test(inv.args[0] ?? '');
}

export function verbTable(spec: VerbSpec): ToolTable {
  const dry = spec.dryRun ?? ['--dry-run', '--dryrun'];
  const overrides = spec.overrides ?? [];
  // The delete and read rules both ask whether an override applies; answer once per invocation
  // (an override may classify carried SQL or a script, which is not free).
  const silencedCache = new WeakMap<Invocation, boolean>();
  const silenced = (inv: Invocation, ctx: ToolContext) => {
    let v = silencedCache.get(inv);
    if (v === undefined) silencedCache.set(inv, (v = overrides.some((r) => r.test(inv, ctx))));
    return v;
  };
  const sets = compileVerbs(spec);
  const localNouns = new Set(spec.localNouns ?? []);
  // Every rule of the table reads the same path; work it out once per invocation.
  const pathCache = new WeakMap<Invocation, { word: string; at: number }[]>();
  const path = (inv: Invocation) => {
    let p = pathCache.get(inv);
    if (p === undefined) pathCache.set(inv, (p = pathWordsAt(inv, spec)));
    return p;
  };
  const verbCache = new WeakMap<Invocation, VerbHit | null>();
  const verb = (inv: Invocation) => {
    let v = verbCache.get(inv);
    if (v === undefined) verbCache.set(inv, (v = findVerb(path(inv).map((p) => p.word), sets)));
    return v;
  };
  const deleteRule: ToolRule = {
    id: `${spec.name}.delete`,
    risk: 'destructive',
    effect: 'delete-resource',
    explain: `${spec.name}: deletes or takes out a resource`,
    test(inv, ctx) {
      if (hasDryRun(inv.args, dry) || helpAnywhere(inv, !spec.noShortHelp) || silenced(inv, ctx)) return null;
      const v = verb(inv);
      if (v?.kind !== 'destroy') return null;
      const first = (path(inv)[0]?.word ?? '').toLowerCase();
      if (localNouns.has(first) || localNouns.has(tokens(first)[0] ?? '')) return null;
      const what = v.target !== undefined && !v.target.startsWith('-') ? ` ${v.target}` : '';
      return { ...(what ? { target: what.trim() } : {}), explanation: `${inv.name} ${v.verb}${what}: deletes or takes out what it names; not cheaply undone` };
    },
    examples: spec.examples.destroy,
  };
  const readRule: ToolRule = {
    id: `${spec.name}.read`,
    risk: 'readonly',
    effect: 'read',
    explain: `${spec.name}: only reads`,
    test(inv, ctx) {
      if (onlyVersion(inv)) return { explanation: `${inv.name}: prints its version` };
      if (inv.args.length === 0 || helpAnywhere(inv, !spec.noShortHelp)) return { effect: 'help', explanation: `${inv.name}: prints usage` };
      if (silenced(inv, ctx)) return null;
      if (hasDryRun(inv.args, dry)) return { effect: 'dry-run', explanation: `${inv.name}: a dry run changes nothing` };
      const v = verb(inv);
      return v?.kind === 'read' ? { explanation: `${inv.name} ${v.verb}: only reads` } : null;
    },
    examples: spec.examples.read,
  };
  // `tool $ACTION name`: a computed word before any verb the table knows hides the subcommand.
  const computed: ToolRule = {
    id: `${spec.name}.computed-subcommand`,
    risk: 'unknown',
    effect: 'computed-subcommand',
    explain: `${spec.name}: the subcommand is computed at run time, so what runs cannot be known`,
    test(inv) {
      if (!inv.dynamic.includes(true)) return null;
      for (const p of path(inv).slice(0, sets.depth)) {
        if (inv.dynamic[p.at] === true) return { target: p.word, explanation: `${inv.name} ${p.word}: the subcommand is computed at run time, so what runs cannot be known` };
        if (findVerb([p.word], { ...sets, depth: 1 }) !== null) return null;
      }
      return null;
    },
    examples: { match: [`${spec.commands[0]} $ACTION target-1`], no_match: [`${spec.commands[0]} --help`] },
  };
  // A tool with nothing destructive in its grammar (kustomize) gets no delete rule.
  const rules = [...overrides, ...(spec.extra ?? []), computed, ...(spec.destroy.length > 0 ? [deleteRule] : []), readRule];
  // An option the tool takes a value with ("fastly --version 5") is not a request for help.
  const valued = new Set(spec.valued ?? []);
  const helpScope = (inv: Invocation) => {
    const end = inv.args.indexOf('--');
    return (end < 0 ? inv.args : inv.args.slice(0, end)).filter((a) => !valued.has(a));
  };
  return defineTable({ name: spec.name, commands: spec.commands, rules, helpScope, fallback: spec.fallback ?? 'mutating', ...(spec.noShortHelp ? { noShortHelp: true } : {}) });
}

/** A rule built from a predicate, for the many one-line special cases. */
export function rule(id: string, risk: Risk, effect: string, explain: string, test: ToolRule['test'], examples: Examples): ToolRule {
  return { id, risk, effect, explain, test, examples };
}

/** defineTable for tools that take `-h` / `-help` anywhere as a request for help. */
export function helpTable(spec: { name: string; commands: string[]; rules: ToolRule[]; fallback: Risk | ((inv: Invocation) => Risk) }): ToolTable {
  return defineTable({ ...spec, ...guardHelp(spec.rules, spec.fallback) });
}
