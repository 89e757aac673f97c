// Always-true WHERE detection for node-sql-parser's AST (MySQL, SQLite, ...). Same idea as
// pg-where.ts: only certain, cheap patterns; a broad-looking filter is still a filter.
type N = Record<string, unknown> | null | undefined;
type Truth = 'true' | 'false' | 'maybe';

function same(a: unknown, b: unknown, budget = { n: 2000 }): boolean {
  if (--budget.n < 0) return false;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], budget));
}

function constant(n: N): unknown {
  if (!n) return undefined;
  switch (n.type) {
    case 'number':
      return Number(n.value);
    case 'bool':
    case 'boolean':
      return n.value === true || String(n.value).toLowerCase() === 'true';
    case 'null':
      return null;
    case 'single_quote_string':
    case 'string':
    case 'double_quote_string':
      return String(n.value);
    default:
      return undefined;
  }
}

export function nspTruth(n: N, depth = 0): Truth {
  if (!n || depth > 50) return 'maybe';
  const c = constant(n);
  if (c !== undefined) {
    if (c === true || (typeof c === 'number' && c !== 0)) return 'true';
    if (c === false || c === 0 || c === null) return 'false';
    return 'maybe';
  }
  if (n.type !== 'binary_expr') return 'maybe';
  const op = String(n.operator).toUpperCase();
  const l = n.left as N;
  const r = n.right as N;
  if (op === 'OR') {
    const a = nspTruth(l, depth + 1);
    const b = nspTruth(r, depth + 1);
    if (a === 'true' || b === 'true' || complementary(l, r)) return 'true';
    return a === 'false' && b === 'false' ? 'false' : 'maybe';
  }
  if (op === 'AND' || op === '&&') {
    const a = nspTruth(l, depth + 1);
    const b = nspTruth(r, depth + 1);
    if (a === 'false' || b === 'false') return 'false';
    return a === 'true' && b === 'true' ? 'true' : 'maybe';
  }
  if (['=', '>=', '<=', '<=>', '=='].includes(op) && same(l, r)) return 'true';
  if (['<>', '!=', '<', '>'].includes(op) && same(l, r)) return 'false';
  const lc = constant(l);
  const rc = constant(r);
  if (lc !== undefined && rc !== undefined && lc !== null && rc !== null) {
    const x = lc as number | string;
    const y = rc as number | string;
    if (op === '=' || op === '==') return x == y ? 'true' : 'false';
    if (op === '<>' || op === '!=') return x != y ? 'true' : 'false';
  }
  if ((op === 'IN' || op === 'NOT IN') && r?.type === 'expr_list' && Array.isArray(r.value)) {
    const items = r.value as N[];
    if (items.some((i) => same(i, l))) return op === 'IN' ? 'true' : 'false';
    const consts = items.map(constant);
    if (lc !== undefined && lc !== null && consts.every((c) => c !== undefined && c !== null)) return consts.some((c) => c == lc) === (op === 'IN') ? 'true' : 'false';
  }
  if ((op === 'LIKE' || op === 'ILIKE') && typeof rc === 'string' && /^%+$/.test(rc)) return 'true';
  if (op === 'IS' && rc === null && lc === null) return 'true';
  return 'maybe';
}

function complementary(l: N, r: N): boolean {
  if (!l || !r || l.type !== 'binary_expr' || r.type !== 'binary_expr') return false;
  const ops = [String(l.operator).toUpperCase(), String(r.operator).toUpperCase()].sort().join(',');
  return ops === 'IS,IS NOT' && constant(l.right as N) === null && constant(r.right as N) === null && same(l.left, r.left);
}

/** Whether a WHERE reads the target row: a column outside any subquery, or one inside a subquery
 * qualified with the target's name or alias. A WHERE that reads no row is the same for every row
 * (all or nothing), so it does not filter. */
export function nspReadsRow(n: unknown, targets: Set<string>, inSub = false, budget = { n: 20_000 }): boolean {
  if (--budget.n < 0) return true;
  if (Array.isArray(n)) return n.some((x) => nspReadsRow(x, targets, inSub, budget));
  if (!n || typeof n !== 'object') return false;
  const o = n as Record<string, unknown>;
  if (o.type === 'column_ref') return !inSub || (typeof o.table === 'string' && targets.has(o.table));
  return Object.entries(o).some(([k, x]) => k !== 'columnList' && k !== 'tableList' && nspReadsRow(x, targets, inSub || k === 'ast', budget));
}
