// libpg-query's JSON AST: every node is a one-key object {TypeName: fields}. Small helpers to read it.

export type PgNode = Record<string, unknown>;
export type Fields = Record<string, unknown>;

/** [type, fields] of a wrapped node, or null when the value is not a node. */
export function unwrap(node: unknown): [string, Fields] | null {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return null;
  const keys = Object.keys(node);
  if (keys.length !== 1) return null;
  const k = keys[0]!;
  const v = (node as Record<string, unknown>)[k];
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  return [k, v as Fields];
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** "schema.table" from a RangeVar's fields. */
export function rangeVarName(rv: unknown): string | undefined {
  const u = unwrap(rv);
  const f = u ? (u[0] === 'RangeVar' ? u[1] : undefined) : (rv as Fields | undefined);
  if (!f || typeof f.relname !== 'string') return undefined;
  return [f.catalogname, f.schemaname, f.relname].filter((p) => typeof p === 'string').join('.');
}

/** Dotted name from a list of String nodes (DROP objects, function names). */
export function dottedName(items: unknown): string {
  const parts: string[] = [];
  for (const it of list(items)) {
    const u = unwrap(it);
    if (u && u[0] === 'String' && typeof u[1].sval === 'string') parts.push(u[1].sval);
  }
  return parts.join('.');
}

/** Structural equality of two AST values, ignoring `location` (source offsets differ). */
export function sameTree(a: unknown, b: unknown, budget = { n: 2000 }): boolean {
  if (--budget.n < 0) return false;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => k !== 'location');
  const kb = Object.keys(b).filter((k) => k !== 'location');
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!sameTree((a as Fields)[k], (b as Fields)[k], budget)) return false;
  return true;
}
