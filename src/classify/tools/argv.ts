// Option parsing shared by the local tool tables. Tools disagree on syntax, so each table names
// the options that take a value; everything else is a flag. The parser never throws: a trailing
// valued option with nothing after it simply has an empty value.

export type ParsedArgs = {
  /** Every option seen, keyed "-x" or "--name", with the values given ("" for a plain flag). */
  opts: Map<string, string[]>;
  /** Arguments that are not options, in order (everything after "--" included). */
  pos: string[];
  /** Index in `pos` of the first argument that came after "--" (pos.length when none did). */
  afterDashDash: number;
};

export type ParseSpec = {
  /** Options that consume a value: "-C", "--git-dir". Long ones also accept "--name=value". */
  valued?: readonly string[];
  /** Stop option parsing at the first positional (e.g. `docker exec ctr cmd -rf`). */
  stopAtPositional?: boolean;
  /** Treat "-abc" as one long-ish option "-abc" instead of the cluster a, b, c (find, dd style). */
  noClusters?: boolean;
};

export function parseArgs(args: readonly string[], spec: ParseSpec = {}): ParsedArgs {
  const valued = new Set(spec.valued ?? []);
  const opts = new Map<string, string[]>();
  const pos: string[] = [];
  let afterDashDash = -1;
  const add = (k: string, v: string) => {
    const list = opts.get(k);
    if (list) list.push(v);
    else opts.set(k, [v]);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (afterDashDash >= 0 || a === '-' || !a.startsWith('-')) {
      pos.push(a);
      if (spec.stopAtPositional && afterDashDash < 0) {
        for (const rest of args.slice(i + 1)) pos.push(rest);
        break;
      }
      continue;
    }
    if (a === '--') {
      afterDashDash = pos.length;
      continue;
    }
    if (a.startsWith('--') || spec.noClusters) {
      const eq = a.indexOf('=');
      if (eq > 0) add(a.slice(0, eq), a.slice(eq + 1));
      else if (valued.has(a)) add(a, args[++i] ?? '');
      else add(a, '');
      continue;
    }
    // A short cluster: "-rf" is -r -f; "-bfeature" is -b feature when -b takes a value.
    for (let j = 1; j < a.length; j++) {
      const k = `-${a[j]}`;
      if (valued.has(k)) {
        const rest = a.slice(j + 1);
        add(k, rest !== '' ? rest : (args[++i] ?? ''));
        break;
      }
      add(k, '');
    }
  }
  return { opts, pos, afterDashDash: afterDashDash < 0 ? pos.length : afterDashDash };
}

export function has(p: ParsedArgs, ...names: string[]): boolean {
  return names.some((n) => p.opts.has(n));
}

/** The last value of the first named option present. */
export function val(p: ParsedArgs, ...names: string[]): string | undefined {
  for (const n of names) {
    const list = p.opts.get(n);
    if (list && list.length > 0) return list[list.length - 1];
  }
  return undefined;
}

export function vals(p: ParsedArgs, ...names: string[]): string[] {
  return names.flatMap((n) => p.opts.get(n) ?? []);
}

/**
 * True when the tool is only asked for help or its version, so nothing runs: `--help` anywhere,
 * or `--version` / `-h` as the only argument (elsewhere they may be values: `cargo yank --version
 * 1.2`, `psql -h host`, `shutdown -h now`).
 */
export function asksForHelp(args: readonly string[], shortHelp = true): boolean {
  if (args.includes('--help')) return true;
  if (args.length !== 1) return false;
  return args[0] === '--version' || (shortHelp && args[0] === '-h');
}

/** Case-insensitive word match, for tools (redis, SQL shells) whose verbs ignore case. */
export function lower(s: string | undefined): string {
  return (s ?? '').toLowerCase();
}
