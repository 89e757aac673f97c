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

export function anyGlob(globs: readonly Glob[], value: string): boolean {
  for (const g of globs) if (g.re.test(value)) return true;
  return false;
}
