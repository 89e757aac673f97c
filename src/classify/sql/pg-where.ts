// Is a PostgreSQL WHERE clause true for every row? Only cheap, certain patterns count: a filter
// that merely looks broad (`id > 0`) is still a filter. The point is to catch `WHERE 1=1`,
// `WHERE true`, `WHERE id = id`, `WHERE x IS NULL OR x IS NOT NULL`, `WHERE name LIKE '%'`.
import { list, sameTree, unwrap } from './pg-node.js';

type Truth = 'true' | 'false' | 'maybe';

function constValue(node: unknown): unknown {
  const u = unwrap(node);
  if (!u) return undefined;
  const [t, f] = u;
  if (t === 'TypeCast') return constValue(f.arg);
  if (t !== 'A_Const') return undefined;
  if (f.isnull) return null;
  for (const [k, inner] of Object.entries(f)) {
    if (k === 'location' || !inner || typeof inner !== 'object') continue;
    const v = Object.values(inner as Record<string, unknown>)[0];
    if (k === 'ival') return typeof v === 'number' ? v : 0; // libpg-query omits ival 0
    if (k === 'boolval') return v === true;
    if (k === 'sval' || k === 'fval') return v;
  }
  if ('boolval' in f) return false;
  if ('ival' in f) return 0;
  return undefined;
}

function opName(f: Record<string, unknown>): string {
  const names = list(f.name).map((n) => unwrap(n)?.[1].sval);
  return String(names[names.length - 1] ?? '');
}

/** `WHERE id IN (SELECT id FROM <the same table>)` with nothing narrowing the subquery. */
function selfSubquery(f: Record<string, unknown>, target: unknown): boolean {
  if (f.subLinkType !== 'ANY_SUBLINK' || !target) return false;
  const sel = unwrap(f.subselect);
  if (!sel || sel[0] !== 'SelectStmt') return false;
  const q = sel[1];
  if (q.whereClause || q.limitCount || q.havingClause || q.groupClause || q.distinctClause || q.withClause) return false;
  const from = list(q.fromClause);
  const cols = list(q.targetList).map((t) => unwrap(t)?.[1].val);
  const rv = from.length === 1 ? unwrap(from[0]) : null;
  if (!rv || rv[0] !== 'RangeVar' || cols.length !== 1) return false;
  const t = target as Record<string, unknown>;
  return rv[1].relname === t.relname && (rv[1].schemaname ?? null) === (t.schemaname ?? null) && sameTree(cols[0], f.testexpr);
}

export function whereTruth(node: unknown, depth = 0, target?: unknown): Truth {
  if (depth > 50) return 'maybe';
  const u = unwrap(node);
  if (!u) return 'maybe';
  const [t, f] = u;
  const c = constValue(node);
  if (c !== undefined) {
    if (c === true || (typeof c === 'number' && c !== 0) || c === 't' || c === 'true') return 'true';
    if (c === false || c === 0 || c === null || c === 'f' || c === 'false') return 'false';
    return 'maybe';
  }
  if (t === 'BoolExpr') {
    const args = list(f.args).map((a) => whereTruth(a, depth + 1, target));
    if (f.boolop === 'OR_EXPR') {
      if (args.includes('true') || complementaryNullTests(list(f.args))) return 'true';
      return args.every((a) => a === 'false') ? 'false' : 'maybe';
    }
    if (f.boolop === 'AND_EXPR') {
      if (args.includes('false')) return 'false';
      return args.every((a) => a === 'true') ? 'true' : 'maybe';
    }
    if (f.boolop === 'NOT_EXPR') return args[0] === 'true' ? 'false' : args[0] === 'false' ? 'true' : 'maybe';
  }
  if (t === 'A_Expr') {
    const op = opName(f);
    if (f.kind === 'AEXPR_OP' && sameTree(f.lexpr, f.rexpr)) {
      if (op === '=' || op === '>=' || op === '<=') return 'true';
      if (op === '<>' || op === '!=' || op === '<' || op === '>') return 'false';
    }
    if (f.kind === 'AEXPR_OP' && ['=', '<>', '!=', '<', '>', '<=', '>='].includes(op)) {
      const l = constValue(f.lexpr);
      const r = constValue(f.rexpr);
      if (l !== undefined && r !== undefined && l !== null && r !== null) return compare(op, l, r);
    }
    if ((f.kind === 'AEXPR_LIKE' || f.kind === 'AEXPR_ILIKE') && (op === '~~' || op === '~~*')) {
      const pat = constValue(f.rexpr);
      if (typeof pat === 'string' && /^%+$/.test(pat)) return 'true';
    }
  }
  if (t === 'A_Expr' && f.kind === 'AEXPR_IN') {
    const items = list(unwrap(f.rexpr)?.[1].items);
    const negated = opName(f) === '<>';
    if (items.some((i) => sameTree(i, f.lexpr))) return negated ? 'false' : 'true';
    const l = constValue(f.lexpr);
    const consts = items.map(constValue);
    if (l !== undefined && l !== null && consts.every((c) => c !== undefined && c !== null)) {
      return consts.some((c) => c == l) !== negated ? 'true' : 'false';
    }
  }
  if (t === 'SubLink' && selfSubquery(f, target)) return 'true';
  if (t === 'NullTest') {
    if (constValue(f.arg) !== undefined) {
      const isNull = constValue(f.arg) === null;
      return (f.nulltesttype === 'IS_NULL') === isNull ? 'true' : 'false';
    }
  }
  return 'maybe';
}

function compare(op: string, l: unknown, r: unknown): Truth {
  const a = typeof l === 'number' && typeof r === 'string' ? String(l) : l;
  const b = typeof r === 'number' && typeof l === 'string' ? String(r) : r;
  const x = a as number | string;
  const y = b as number | string;
  const v = op === '=' ? x === y : op === '<>' || op === '!=' ? x !== y : op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
  return v ? 'true' : 'false';
}

/** `x IS NULL OR x IS NOT NULL` (in any order, among other arms). */
function complementaryNullTests(args: unknown[]): boolean {
  const tests = args.map((a) => unwrap(a)).filter((u) => u && u[0] === 'NullTest').map((u) => u![1]);
  for (const a of tests) for (const b of tests) if (a.nulltesttype !== b.nulltesttype && sameTree(a.arg, b.arg)) return true;
  return false;
}
