// Dialects other than PostgreSQL (MySQL, MariaDB, SQLite, BigQuery, T-SQL, Snowflake) through
// node-sql-parser. Its grammars miss some statements (EXPLAIN DELETE, DROP USER, PRAGMA...); when it
// cannot parse, the PostgreSQL parser reads the common subset; when neither can, the SQL is unknown.
import type { Finding, RiskReport, SqlDialect } from '../../core/index.js';
import { requireCjs } from './cjs.js';
import { sqlFinding } from './finding.js';
import { nspReadsRow, nspTruth } from './nsp-where.js';
import { PURE_FUNCTIONS_OTHER } from './pure-functions.js';

type Node = Record<string, unknown>;
type Parser = { astify(sql: string): Node | Node[] };

const parsers = new Map<SqlDialect, Parser>();

function parserFor(dialect: SqlDialect): Parser {
  let p = parsers.get(dialect);
  if (!p) {
    // Per-dialect builds are a fraction of the all-dialect bundle; loaded on first use only.
    const mod = requireCjs(`node-sql-parser/build/${dialect}`) as { Parser: new () => Parser };
    p = new mod.Parser();
    parsers.set(dialect, p);
  }
  return p;
}

export function otherDialectFindings(sql: string, dialect: SqlDialect, pg: (s: string) => Finding[] | RiskReport): Finding[] | RiskReport {
  let ast: Node | Node[];
  try {
    ast = parserFor(dialect).astify(sql);
  } catch {
    return notParsed(sql, dialect, pg);
  }
  const stmts = (Array.isArray(ast) ? ast : [ast]).filter((s) => s && typeof s === 'object');
  // The grammar sometimes "parses" a statement it does not know into a typeless shape (T-SQL's
  // BACKUP DATABASE as variable assignments): treat that as not parsed.
  if (stmts.length === 0 || stmts.some((s) => typeof s.type !== 'string')) return notParsed(sql, dialect, pg);
  return stmts.flatMap((s) => statement(s));
}

function notParsed(sql: string, dialect: SqlDialect, pg: (s: string) => Finding[] | RiskReport): Finding[] | RiskReport {
  const viaPg = pg(sql);
  if (!Array.isArray(viaPg) && viaPg.error?.code === 'E_PARSE') {
    return { ...viaPg, summary: `The SQL does not parse as ${dialect}; it is treated as unknown.`, error: { code: 'E_PARSE', message: `The SQL does not parse as ${dialect} (nor as PostgreSQL); fix the syntax or name the right dialect.` } };
  }
  return viaPg;
}

function tableName(t: unknown): string | undefined {
  if (!t || typeof t !== 'object') return typeof t === 'string' ? t : undefined;
  const o = t as Node;
  if (typeof o.table !== 'string') return undefined;
  return [o.catalog ?? (o.schema ? undefined : o.db), o.schema, o.table].filter((p) => typeof p === 'string' && p).join('.');
}

function names(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map((t) => tableName(t) ?? (typeof t === 'string' ? t : '?'));
}

const READONLY = new Set(['show', 'desc', 'use', 'transaction', 'lock', 'unlock', 'declare', 'explain']);
const DATA_OBJECTS = new Set(['table', 'database', 'schema', 'sequence', 'user', 'role']);

function statement(s: Node): Finding[] {
  const type = String(s.type ?? '').toLowerCase();
  const nested = Array.isArray(s.with) ? s.with.flatMap((w: Node) => cte(w)) : [];
  const own = ownFindings(type, s);
  // Definitions store expressions (defaults, checks) without calling them now.
  const calls = type === 'create' || type === 'alter' ? [] : functionCalls(s);
  return [...own, ...nested, ...calls];
}

/** A call to a function that is not a known-pure built-in: its body is not visible, so unknown. */
function functionCalls(root: unknown): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  let budget = 200_000;
  const walk = (v: unknown): void => {
    if (--budget < 0) throw new RangeError('too much work');
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const n = v as Node;
    if (n.type === 'function') {
      const nm = n.name as { name?: { value?: unknown }[]; schema?: { value?: unknown } } | string | undefined;
      const parts = typeof nm === 'string' ? [nm] : [nm?.schema?.value, ...(nm?.name ?? []).map((x) => x.value)].filter((x) => typeof x === 'string');
      const name = (parts as string[]).join('.').toLowerCase();
      if (!PURE_FUNCTIONS_OTHER.has(name) && !seen.has(name)) {
        seen.add(name);
        out.push(sqlFinding('fn-not-built-in', 'unknown', 'run-code', `${name || 'a function'}() is not a known built-in function; what its body does is not visible here`, name || undefined));
      }
    }
    for (const x of Object.values(n)) walk(x);
  };
  walk(root);
  return out;
}

function cte(w: Node): Finding[] {
  const inner = (w.stmt as Node | undefined)?.ast ?? w.stmt;
  if (!inner || typeof inner !== 'object') return [];
  return statement(inner as Node).filter((f) => f.risk !== 'readonly').map((f) => ({ ...f, explanation: `inside a WITH: ${f.explanation}` }));
}

function ownFindings(type: string, s: Node): Finding[] {
  switch (type) {
    case 'select': {
      const into = s.into as Node | null | undefined;
      if (into && into.position != null) {
        const file = (into.expr as Node | undefined)?.value;
        if (String(into.keyword ?? '').toUpperCase().includes('FILE')) return [sqlFinding('select-into-file', 'destructive', 'write-server-file', `SELECT ... INTO ${String(into.keyword)} writes the server file ${String(file)}`, String(file))];
        return [sqlFinding('select-into', 'mutating', 'create-table', 'SELECT INTO writes rows into a table')];
      }
      return [sqlFinding('select', 'readonly', 'read', 'reads rows')];
    }
    case 'insert':
    case 'replace': {
      const t = names(s.table).join(', ');
      return [sqlFinding(type, 'mutating', 'insert-rows', `${type.toUpperCase()} writes rows into ${t}`, t)];
    }
    case 'update':
    case 'delete':
      return [dml(type, s)];
    case 'truncate':
      return names(s.name).map((t) => sqlFinding('truncate', 'destructive', 'truncate-table', `TRUNCATE removes every row of ${t}`, t));
    case 'drop':
      return drop(s);
    case 'alter':
      return alter(s);
    case 'create': {
      const t = names(s.table ?? s.name).join(', ');
      // CREATE OR REPLACE TABLE (Snowflake, BigQuery) drops the existing table and its rows.
      if (String(s.keyword).toLowerCase() === 'table' && String(s.replace ?? '').toLowerCase().includes('replace')) {
        return [sqlFinding('create-or-replace-table', 'destructive', 'replace-table', `CREATE OR REPLACE TABLE ${t} drops the existing table and every row in it`, t)];
      }
      return [sqlFinding('create', 'mutating', 'create', `CREATE ${String(s.keyword ?? '').toUpperCase()} ${t}`.trim())];
    }
    case 'load_data': {
      const t = names(s.table).join(', ');
      return [sqlFinding('load-data', 'mutating', 'insert-rows', `LOAD DATA loads rows from a file into ${t}`, t)];
    }
    case 'set': {
      const exprs = Array.isArray(s.expr) ? (s.expr as Node[]) : [];
      const global = /^(global|persist|persist_only)$/i.test(String(s.keyword ?? '')) || exprs.some((e) => /^global$/i.test(String((e.left as Node | undefined)?.name ?? '')));
      if (global) return [sqlFinding('set-global', 'mutating', 'change-setting', 'SET GLOBAL changes a server setting for every session')];
      return [sqlFinding('set', 'readonly', 'session', 'SET changes a setting of this session only')];
    }
    case 'grant':
      if (grantsEverything(s)) return [sqlFinding('stmt-grant-everything', 'destructive', 'grant-everything', 'GRANT ALL ON *.* gives every privilege on every database: access control is off for that account')];
      return [sqlFinding(type, 'mutating', 'change-schema', 'GRANT changes privileges')];
    case 'revoke':
    case 'rename':
    case 'attach':
      return [sqlFinding(type, 'mutating', 'change-schema', `${type.toUpperCase()} changes definitions or privileges`)];
    case 'call':
    case 'exec':
    case 'execute':
      return [sqlFinding('call', 'unknown', 'run-code', `${type.toUpperCase()} runs a stored procedure whose effect is not visible here`)];
    default:
      if (READONLY.has(type)) return [sqlFinding(type, 'readonly', 'session', `${type.toUpperCase()} changes nothing that persists`)];
      return [sqlFinding('unrecognised', 'unknown', 'unrecognised', `a ${type || 'statement'} statement the classifier does not know`)];
  }
}

function grantsEverything(s: Node): boolean {
  const all = (Array.isArray(s.objects) ? (s.objects as Node[]) : []).some((o) => /^all( privileges)?$/i.test(String((o.priv as Node | undefined)?.value ?? '')));
  const levels = ((s.on as Node | undefined)?.priv_level ?? []) as Node[];
  return all && Array.isArray(levels) && levels.some((l) => l.prefix === '*' && l.name === '*');
}

function dml(type: 'update' | 'delete', s: Node): Finding {
  const t = names(type === 'delete' ? (Array.isArray(s.from) && s.from.length ? s.from[0] : s.table) : s.table).join(', ');
  const effect = type === 'delete' ? 'delete-rows' : 'update-rows';
  const VERB = type.toUpperCase();
  if (s.where == null) return sqlFinding(`${type}-all`, 'destructive', effect, `${VERB} without WHERE changes every row of ${t}`, t);
  const targets = new Set((Array.isArray(s.table) ? s.table : Array.isArray(s.from) ? s.from : []).flatMap((x: Node) => [x?.table, x?.as]).filter((x): x is string => typeof x === 'string'));
  if (nspTruth(s.where as Node) === 'true' || !nspReadsRow(s.where, targets)) return sqlFinding(`${type}-all`, 'destructive', effect, `${VERB} with a WHERE that does not filter by the row (always true, or the same for every row) changes every row of ${t}`, t);
  return sqlFinding(type, 'mutating', effect, `${VERB} changes the rows of ${t} that match its WHERE`, t);
}

function drop(s: Node): Finding[] {
  const kind = String(s.keyword ?? '').toLowerCase();
  const rule = `drop-${kind.replace(/\s+/g, '-') || 'object'}`;
  const targets = kind === 'index' ? [String((s.name as Node | undefined)?.column ?? '?')] : names(s.name);
  const data = DATA_OBJECTS.has(kind) || String(s.options ?? '').toLowerCase().includes('cascade');
  return targets.map((t) =>
    data
      ? sqlFinding(rule, 'destructive', rule, `DROP ${kind.toUpperCase()} ${t} deletes it and everything stored in it`, t)
      : sqlFinding(rule, 'mutating', rule, `DROP ${kind.toUpperCase()} ${t} removes a definition that holds no rows; it can be recreated`, t),
  );
}

function alter(s: Node): Finding[] {
  const t = names(s.table).join(', ');
  const exprs = Array.isArray(s.expr) ? (s.expr as Node[]) : [];
  const out = exprs.map((e) => {
    const action = String(e.action ?? '').toLowerCase();
    const resource = String(e.resource ?? '').toLowerCase();
    if (action === 'truncate') return sqlFinding('alter-truncate-partition', 'destructive', 'truncate-partition', `ALTER TABLE ${t} empties a partition`, t);
    if (action === 'drop' && resource !== 'index') {
      const what = resource === 'key' ? String(e.keyword ?? 'key') : resource;
      return sqlFinding(`alter-drop-${what.replace(/\s+/g, '-')}`, 'destructive', `drop-${what.replace(/\s+/g, '-')}`, `ALTER TABLE ${t} drops a ${what}${resource === 'column' || resource === 'partition' ? ' and its data' : ' that protects the data'}`, t);
    }
    return sqlFinding('alter-table', 'mutating', 'change-schema', `ALTER TABLE ${t} changes its definition`, t);
  });
  return out.length ? out : [sqlFinding('alter-table', 'mutating', 'change-schema', `ALTER TABLE ${t}`, t)];
}
