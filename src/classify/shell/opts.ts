// Skipping a wrapper's own options to find the command it wraps. Each wrapper names the options
// that take a value; a computed option word stops the scan (we cannot know what it consumes).

export type OptSpec = {
  /** Options that take the next word (or an attached value): "-u", "--user". */
  valued?: readonly string[];
  /** Positional words the wrapper itself consumes before the command (timeout's duration). */
  positional?: number;
};

export type Skipped = { index: number; seen: Map<string, string> } | null;

export function skipOptions(values: readonly string[], dynamic: readonly boolean[], start: number, spec: OptSpec): Skipped {
  const valued = spec.valued ?? [];
  const seen = new Map<string, string>();
  let i = start;
  while (i < values.length) {
    // A computed word where options are read could be any option: unless the wrapper expects a
    // positional of its own here (timeout $T cmd), we cannot know where the command starts.
    if (dynamic[i]) {
      if (spec.positional) break;
      return null;
    }
    const v = values[i]!;
    if (v === '--') {
      i++;
      break;
    }
    if (v.length < 2 || v[0] !== '-') break;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const key = eq > 0 ? v.slice(0, eq) : v;
      if (eq < 0 && valued.includes(key)) {
        seen.set(key, values[i + 1] ?? '');
        i += 2;
      } else {
        seen.set(key, eq > 0 ? v.slice(eq + 1) : '');
        i++;
      }
      continue;
    }
    // Short cluster: "-nE" is -n -E; "-u root" / "-uroot" give -u its value.
    let consumedNext = false;
    for (let j = 1; j < v.length; j++) {
      const key = `-${v[j]}`;
      if (valued.includes(key)) {
        const rest = v.slice(j + 1);
        seen.set(key, rest !== '' ? rest : (values[i + 1] ?? ''));
        consumedNext = rest === '';
        break;
      }
      seen.set(key, '');
    }
    i += consumedNext ? 2 : 1;
  }
  // The wrapper's own positionals (a duration, a lock file, a directory) may be computed freely.
  i = Math.min(values.length, i + (spec.positional ?? 0));
  return { index: i, seen };
}
