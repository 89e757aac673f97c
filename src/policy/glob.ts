// Glob patterns for rule conditions: `*` is any run of characters (dots and slashes included, so
// `aws_db_instance.*` covers `aws_db_instance.main["a"]` and `/srv/*` covers nested paths), `?` is one
// character, everything else is literal. Matching is case-sensitive and whole-string.

export type Glob = { source: string; re: RegExp };

export function compileGlob(pattern: string): Glob {
  let re = '^';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return { source: pattern, re: new RegExp(`${re}$`, 's') };
}

// A rule's list of globs (a starter rule names ~30 resource patterns) is tested as one regular
// expression: one scan of the value instead of one per pattern, on every decision. Built once per
// list; the alternation is anchored as a whole, so it holds exactly when one pattern does.
const COMBINED = new WeakMap<readonly Glob[], RegExp>();

export function anyGlob(globs: readonly Glob[], value: string): boolean {
  if (globs.length <= 1) return globs.length === 1 && globs[0]!.re.test(value);
  let re = COMBINED.get(globs);
  if (!re) {
    re = new RegExp(`^(?:${globs.map((g) => g.re.source.slice(1, -1)).join('|')})$`, 's');
    COMBINED.set(globs, re);
  }
  return re.test(value);
}
