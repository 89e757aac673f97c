// Does a PostgreSQL WHERE clause really filter the target table's rows? A WHERE filters only when
// it depends on the row (a column of the target) in a way that is not trivially true. Everything
// else changes every row or none: constant-only expressions (`1 BETWEEN 0 AND 2`,
// `coalesce(null, true)`, `EXISTS (SELECT 1)`, `$1`), self-comparisons (`id = id + 0`,
// `id IS NOT DISTINCT FROM id`, `u.id = u2.id` over the same table), and subqueries that do not
// look at the target row. Those count as unfiltered. A filter that merely looks broad (`id > 0`)
// is still a filter.
import { list, sameTree, unwrap, type Fields } from './pg-node.js';

/** true / false: always; const: the same for every row (so all or nothing); row: varies by row. */
export type Kind = 'true' | 'false' | 'const' | 'row';

type Scope = {
  /** Qualifiers naming the target row: its table name and alias, and aliases of the same table. */
  target: Set<string>;
  /** Qualifiers naming other tables joined in (USING / FROM): their columns are not the target's. */
  others: Set<string>;
  relname: string;
  schema: string | undefined;
};

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

function opName(f: Fields): string {
  const names = list(f.name).map((n) => unwrap(n)?.[1].sval);
  return String(names[names.length - 1] ?? '');
}

const truthOf = (c: unknown): Kind => {
  if (c === true || (typeof c === 'number' && c !== 0) || c === 't' || c === 'true') return 'true';
  if (c === false || c === 0 || c === null || c === 'f' || c === 'false') return 'false';
  return 'const';
};

/** Range entries of the statement (FROM / USING, through joins). */
function rangeVars(items: unknown, out: Fields[] = []): Fields[] {
  for (const it of list(items)) {
    const u = unwrap(it);
    if (!u) continue;
    if (u[0] === 'RangeVar') out.push(u[1]);
    else if (u[0] === 'JoinExpr') rangeVars([u[1].larg, u[1].rarg], out);
  }
  return out;
}

const aliasOf = (rv: Fields): string | undefined => (rv.alias as Fields | undefined)?.aliasname as string | undefined;
const sameTable = (rv: Fields, s: Scope): boolean => rv.relname === s.relname && (rv.schemaname === undefined || s.schema === undefined || rv.schemaname === s.schema);

function scopeOf(relation: unknown, joined: unknown): Scope | undefined {
  const rv = (unwrap(relation)?.[0] === 'RangeVar' ? unwrap(relation)![1] : relation) as Fields | undefined;
  if (!rv || typeof rv.relname !== 'string') return undefined;
  const s: Scope = { target: new Set([rv.relname]), others: new Set(), relname: rv.relname, schema: rv.schemaname as string | undefined };
  const alias = aliasOf(rv);
  if (alias) s.target.add(alias);
  // `USING users u2 WHERE u.id = u2.id`: another name for the same rows, so u2.id is u.id.
  for (const other of rangeVars(joined)) (sameTable(other, s) ? s.target : s.others).add(aliasOf(other) ?? (other.relname as string));
  return s;
}

/** The expression with the target's qualifiers and identity arithmetic (`+ 0`, `* 1`, `|| ''`, casts) removed. */
function norm(node: unknown, s: Scope, depth = 0): unknown {
  const u = unwrap(node);
  if (!u || depth > 50) return node;
  const [t, f] = u;
  if (t === 'TypeCast') return norm(f.arg, s, depth + 1);
  if (t === 'ColumnRef') {
    const fields = list(f.fields);
    const q = unwrap(fields[fields.length - 2])?.[1].sval;
    if (fields.length === 1 || (typeof q === 'string' && s.target.has(q))) return { ColumnRef: { fields: [fields[fields.length - 1]] } };
    return node;
  }
  if (t === 'A_Expr' && f.kind === 'AEXPR_OP') {
    const op = opName(f);
    const l = constValue(f.lexpr);
    const r = constValue(f.rexpr);
    if ((op === '+' || op === '-') && (r === 0 || r === '0')) return norm(f.lexpr, s, depth + 1);
    if (op === '+' && (l === 0 || l === '0')) return norm(f.rexpr, s, depth + 1);
    if ((op === '*' || op === '/') && (r === 1 || r === '1')) return norm(f.lexpr, s, depth + 1);
    if (op === '*' && (l === 1 || l === '1')) return norm(f.rexpr, s, depth + 1);
    if (op === '||' && r === '') return norm(f.lexpr, s, depth + 1);
    if (op === '||' && l === '') return norm(f.rexpr, s, depth + 1);
    return { A_Expr: { ...f, lexpr: norm(f.lexpr, s, depth + 1), rexpr: norm(f.rexpr, s, depth + 1) } };
  }
  return node;
}

/** Whether anything under `v` reads the target row. Inside a subquery an unqualified column is the
 * subquery's own, unless it has no FROM; a qualifier the subquery itself defines is its own. */
function readsRow(v: unknown, s: Scope, inner: Set<string> | null, budget: { n: number }): boolean {
  if (--budget.n < 0) return true;
  if (Array.isArray(v)) return v.some((x) => readsRow(x, s, inner, budget));
  if (!v || typeof v !== 'object') return false;
  const u = unwrap(v);
  if (u && u[0] === 'ColumnRef') {
    const fields = list(u[1].fields);
    const q = unwrap(fields[fields.length - 2])?.[1].sval;
    if (inner === null) return fields.length === 1 || typeof q !== 'string' || s.target.has(q) || !s.others.has(q);
    if (fields.length === 1) return inner.size === 0;
    return typeof q === 'string' && s.target.has(q) && !inner.has(q);
  }
  if (u && u[0] === 'SelectStmt') {
    const names = new Set<string>();
    for (const rv of rangeVars(u[1].fromClause)) {
      names.add(rv.relname as string);
      const a = aliasOf(rv);
      if (a) names.add(a);
    }
    // Subqueries in FROM (RangeSubselect) count as sources too: their columns are not the target's.
    if (list(u[1].fromClause).length > names.size) names.add('\0from');
    return Object.entries(u[1]).some(([k, x]) => k !== 'location' && readsRow(x, s, names, budget));
  }
  return Object.entries(v as Fields).some(([k, x]) => k !== 'location' && readsRow(x, s, inner, budget));
}

const dependence = (node: unknown, s: Scope): Kind => (readsRow(node, s, null, { n: 20_000 }) ? 'row' : 'const');

/** `id IN (SELECT id FROM <the same table>)` with nothing narrowing the subquery. */
function selfSubquery(f: Fields, s: Scope): boolean {
  if (f.subLinkType !== 'ANY_SUBLINK') return false;
  const sel = unwrap(f.subselect);
  if (!sel || sel[0] !== 'SelectStmt') return false;
  const q = sel[1];
  if (q.limitCount || q.havingClause || q.groupClause || q.distinctClause || q.withClause) return false;
  const from = rangeVars(q.fromClause);
  const cols = list(q.targetList).map((t) => unwrap(t)?.[1].val);
  if (from.length !== 1 || list(q.fromClause).length !== 1 || cols.length !== 1 || !sameTable(from[0]!, s)) return false;
  if (q.whereClause !== undefined) {
    const innerScope = scopeOf(from[0], undefined)!;
    const k = kindOf(q.whereClause, innerScope, 0);
    if (k !== 'true' && k !== 'const') return false;
  }
  const innerScope = scopeOf(from[0], undefined)!;
  const col = (n: unknown, sc: Scope): unknown => norm(n, sc);
  return sameTree(col(cols[0], innerScope), col(f.testexpr, s));
}

function combine(boolop: unknown, kinds: Kind[]): Kind {
  if (boolop === 'NOT_EXPR') return kinds[0] === 'true' ? 'false' : kinds[0] === 'false' ? 'true' : kinds[0] ?? 'const';
  if (boolop === 'OR_EXPR') {
    if (kinds.includes('true')) return 'true';
    // An arm that is the same for every row may be true for all of them.
    if (kinds.includes('const')) return 'const';
    return kinds.includes('row') ? 'row' : 'false';
  }
  if (kinds.includes('false')) return 'false';
  if (kinds.includes('row')) return 'row';
  return kinds.every((k) => k === 'true') ? 'true' : 'const';
}

export function kindOf(node: unknown, s: Scope, depth: number): Kind {
  if (depth > 50) return 'const';
  const u = unwrap(node);
  if (!u) return 'const';
  const [t, f] = u;
  const c = constValue(node);
  if (c !== undefined) return truthOf(c);
  if (t === 'BoolExpr') {
    const args = list(f.args);
    if (f.boolop === 'OR_EXPR' && complementaryNullTests(args, s)) return 'true';
    return combine(f.boolop, args.map((a) => kindOf(a, s, depth + 1)));
  }
  if (t === 'A_Expr') {
    const op = opName(f);
    const same = f.lexpr !== undefined && sameTree(norm(f.lexpr, s), norm(f.rexpr, s));
    if (same && f.kind === 'AEXPR_OP') {
      if (op === '=' || op === '>=' || op === '<=') return 'true';
      if (op === '<>' || op === '!=' || op === '<' || op === '>') return 'false';
    }
    if (same && f.kind === 'AEXPR_NOT_DISTINCT') return 'true';
    if (same && f.kind === 'AEXPR_DISTINCT') return 'false';
    if (f.kind === 'AEXPR_OP' && ['=', '<>', '!=', '<', '>', '<=', '>='].includes(op)) {
      const l = constValue(f.lexpr);
      const r = constValue(f.rexpr);
      if (l !== undefined && r !== undefined && l !== null && r !== null) return compare(op, l, r);
    }
    if ((f.kind === 'AEXPR_LIKE' || f.kind === 'AEXPR_ILIKE') && (op === '~~' || op === '~~*')) {
      const pat = constValue(f.rexpr);
      if (typeof pat === 'string' && /^%+$/.test(pat)) return 'true';
    }
    if (f.kind === 'AEXPR_IN') {
      const items = list(unwrap(f.rexpr)?.[1].items);
      const negated = op === '<>';
      if (items.some((i) => sameTree(norm(i, s), norm(f.lexpr, s)))) return negated ? 'false' : 'true';
      const l = constValue(f.lexpr);
      const consts = items.map(constValue);
      if (l !== undefined && l !== null && consts.every((x) => x !== undefined && x !== null)) return consts.some((x) => x == l) !== negated ? 'true' : 'false';
    }
    return dependence(node, s);
  }
  if (t === 'SubLink') {
    if (selfSubquery(f, s)) return 'true';
    return dependence(node, s);
  }
  if (t === 'NullTest' && constValue(f.arg) !== undefined) {
    const isNull = constValue(f.arg) === null;
    return (f.nulltesttype === 'IS_NULL') === isNull ? 'true' : 'false';
  }
  return dependence(node, s);
}

function compare(op: string, l: unknown, r: unknown): Kind {
  const a = typeof l === 'number' && typeof r === 'string' ? String(l) : l;
  const b = typeof r === 'number' && typeof l === 'string' ? String(r) : r;
  const x = a as number | string;
  const y = b as number | string;
  const v = op === '=' ? x === y : op === '<>' || op === '!=' ? x !== y : op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
  return v ? 'true' : 'false';
}

/** `x IS NULL OR x IS NOT NULL` (in any order, among other arms). */
function complementaryNullTests(args: unknown[], s: Scope): boolean {
  const tests = args.map((a) => unwrap(a)).filter((u) => u && u[0] === 'NullTest').map((u) => u![1]);
  for (const a of tests) for (const b of tests) if (a.nulltesttype !== b.nulltesttype && sameTree(norm(a.arg, s), norm(b.arg, s))) return true;
  return false;
}

/** Whether an UPDATE/DELETE's WHERE changes every row (or all-or-nothing): true = unfiltered. */
export function unfiltered(stmt: Fields): boolean {
  if (stmt.whereClause === undefined) return true;
  const s = scopeOf(stmt.relation, [...list(stmt.usingClause), ...list(stmt.fromClause)]);
  if (!s) return false;
  const k = kindOf(stmt.whereClause, s, 0);
  return k === 'true' || k === 'const';
}
