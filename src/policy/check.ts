// A small validator for plain data parsed from YAML. It collects every problem (not only the first)
// with the path where it sits, so the config loader can turn each path into file:line:col.
// Shared by src/policy (rules) and src/config (everything else).

export type Path = (string | number)[];
export type Issue = { path: Path; message: string; /** point at the key, not the value (unknown keys) */ atKey?: boolean };

export function pathText(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s || '(top level)';
}

export class Checker {
  readonly issues: Issue[] = [];

  fail(path: Path, message: string, atKey = false): null {
    this.issues.push(atKey ? { path, message, atKey } : { path, message });
    return null;
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }

  /** A mapping with only the given keys. Unknown keys are errors: a typo must never silently
   * widen a policy (e.g. `enviroment:` would otherwise make a rule apply everywhere). */
  obj(v: unknown, path: Path, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> | null {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return this.fail(path, `expected a mapping (key: value), got ${kindOf(v)}`);
    const o = v as Record<string, unknown>;
    const known = new Set([...required, ...optional]);
    for (const k of Object.keys(o)) {
      if (!known.has(k)) this.fail([...path, k], `unknown key "${k}"; allowed here: ${[...known].join(', ')}`, true);
    }
    for (const k of required) if (!(k in o) || o[k] === undefined || o[k] === null) this.fail(path, `missing required key "${k}"`);
    return o;
  }

  /** A mapping whose keys are names the user chooses (environments, credential variables). */
  map(v: unknown, path: Path): Record<string, unknown> | null {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return this.fail(path, `expected a mapping (name: value), got ${kindOf(v)}`);
    return v as Record<string, unknown>;
  }

  str(v: unknown, path: Path, opts: { pattern?: RegExp; hint?: string } = {}): string | null {
    if (typeof v !== 'string') return this.fail(path, `expected a string, got ${kindOf(v)}`);
    if (v.length === 0) return this.fail(path, 'must not be empty');
    if (opts.pattern && !opts.pattern.test(v)) return this.fail(path, `"${v}" is not valid${opts.hint ? `: ${opts.hint}` : ''}`);
    return v;
  }

  int(v: unknown, path: Path, min: number, max: number): number | null {
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.fail(path, `expected a whole number, got ${kindOf(v)}`);
    if (v < min || v > max) return this.fail(path, `${v} is out of range; use a number from ${min} to ${max}`);
    return v;
  }

  bool(v: unknown, path: Path): boolean | null {
    if (typeof v !== 'boolean') return this.fail(path, `expected true or false, got ${kindOf(v)}`);
    return v;
  }

  oneOf<T extends string>(v: unknown, path: Path, values: readonly T[]): T | null {
    if (typeof v !== 'string' || !values.includes(v as T)) return this.fail(path, `expected one of ${values.join(', ')}, got ${show(v)}`);
    return v as T;
  }

  list(v: unknown, path: Path): unknown[] | null {
    if (!Array.isArray(v)) return this.fail(path, `expected a list, got ${kindOf(v)}`);
    return v;
  }

  /** One string or a non-empty list of strings (`effect: delete` == `effect: [delete]`). */
  strings(v: unknown, path: Path, each?: (s: string, p: Path) => boolean): string[] | null {
    const items = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(items)) return this.fail(path, `expected a string or a list of strings, got ${kindOf(v)}`);
    if (items.length === 0) return this.fail(path, 'must not be an empty list (leave the key out to match anything)');
    const out: string[] = [];
    items.forEach((s, i) => {
      const p = typeof v === 'string' ? path : [...path, i];
      if (typeof s !== 'string' || s.length === 0) this.fail(p, `expected a non-empty string, got ${kindOf(s)}`);
      else if (!each || each(s, p)) out.push(s);
    });
    return out.length === items.length ? out : null;
  }
}

export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${show(v)}`;
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
