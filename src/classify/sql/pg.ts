// PostgreSQL statements by effect, from libpg-query's AST. Every statement is classified; a
// statement type not listed here is unknown (parse by allowlist, STYLE.md 3).
import type { Finding, RiskReport } from '../../core/index.js';
import { doBlockFindings, type PlParse } from './pg-do.js';
import { sqlFinding } from './finding.js';
import { dropFindings } from './pg-drop.js';
import { PG_FUNCTIONS } from './pg-functions.js';
import { PURE_FUNCTIONS } from './pure-functions.js';
import { dottedName, list, rangeVarName, unwrap, type Fields } from './pg-node.js';
import { unfiltered } from './pg-where.js';
import { pgOtherFindings } from './pg-other.js';
import { functionBodyFindings } from './pg-function-body.js';

export type Budget = { nodes: number };

/** PL/pgSQL parser and a re-entry into the SQL classifier, for DO blocks (set by index.ts). */
export const pgHooks: { plParse: PlParse | null; classify: ((sql: string) => Finding[] | RiskReport) | null } = { plParse: null, classify: null };

/** Findings for one top-level (or nested) statement node. */
export function pgStatement(node: unknown, budget: Budget, depth = 0, text?: string): Finding[] {
  const u = unwrap(node);
  if (!u) return [sqlFinding('unrecognised', 'unknown', 'unrecognised', 'a statement the classifier could not read')];
  const [t, f] = u;
  const own = pgOwn(t, f, budget, depth, text);
  // Data-modifying CTEs and side-effecting functions can hide anywhere inside a statement.
  const nested: Finding[] = [];
  if (!NOT_RUN_HERE.has(t)) scanNested(f, budget, nested, depth, true, !STORES_EXPRESSIONS.has(t));
  return [...own, ...nested];
}

function pgOwn(t: string, f: Fields, budget: Budget, depth: number, text: string | undefined): Finding[] {
  switch (t) {
    case 'CreateFunctionStmt':
      return [...pgOtherFindings(t, f), ...(depth > 4 ? [sqlFinding('function-body', 'unknown', 'run-code', 'a function body nested too deeply to read')] : functionBodyFindings(f, text, { ...pgHooks, statement: (s) => pgStatement(s, budget, depth + 1) }))];
    case 'SelectStmt':
      if (f.intoClause) {
        const name = rangeVarName((f.intoClause as Fields).rel);
        return [sqlFinding('select-into', 'mutating', 'create-table', `SELECT INTO creates table ${name ?? ''}`.trim(), name)];
      }
      return [sqlFinding('select', 'readonly', 'read', 'reads rows')];
    case 'InsertStmt': {
      const name = rangeVarName(f.relation);
      const upsert = f.onConflictClause ? ' (updating rows that conflict)' : '';
      return [sqlFinding('insert', 'mutating', 'insert-rows', `inserts rows into ${name}${upsert}`, name)];
    }
    case 'UpdateStmt':
    case 'DeleteStmt':
      return [dmlFinding(t === 'UpdateStmt' ? 'update' : 'delete', f)];
    case 'MergeStmt': {
      const name = rangeVarName(f.relation);
      const deletes = JSON.stringify(f.mergeWhenClauses ?? []).includes('CMD_DELETE');
      return deletes
        ? [sqlFinding('merge-delete', 'destructive', 'delete-rows', `MERGE deletes rows of ${name}`, name)]
        : [sqlFinding('merge', 'mutating', 'write-rows', `MERGE inserts or updates rows of ${name}`, name)];
    }
    case 'TruncateStmt':
      return list(f.relations).map((r) => {
        const name = rangeVarName(r);
        return sqlFinding('truncate', 'destructive', 'truncate-table', `TRUNCATE removes every row of ${name}`, name);
      });
    case 'DropStmt':
      return dropFindings(f);
    case 'ExplainStmt':
      return explainFindings(f, budget, depth);
    case 'DoStmt':
      return pgHooks.classify ? doBlockFindings(f, pgHooks.plParse, pgHooks.classify, depth) : [sqlFinding('do-block', 'unknown', 'run-code', 'DO runs procedural code')];
    default:
      return pgOtherFindings(t, f);
  }
}

function dmlFinding(verb: 'update' | 'delete', f: Fields): Finding {
  const name = rangeVarName(f.relation);
  const VERB = verb.toUpperCase();
  const effect = verb === 'delete' ? 'delete-rows' : 'update-rows';
  if (f.whereClause === undefined) {
    return sqlFinding(`${verb}-all`, 'destructive', effect, `${VERB} without WHERE changes every row of ${name}`, name);
  }
  if (unfiltered(f)) {
    return sqlFinding(`${verb}-all`, 'destructive', effect, `${VERB} with a WHERE that does not filter by the row (always true, or the same for every row) changes every row of ${name}`, name);
  }
  return sqlFinding(verb, 'mutating', effect, `${VERB} changes the rows of ${name} that match its WHERE`, name);
}

function explainFindings(f: Fields, budget: Budget, depth: number): Finding[] {
  const analyze = list(f.options).some((o) => {
    const u = unwrap(o);
    if (!u || u[1].defname !== 'analyze') return false;
    const arg = unwrap(u[1].arg);
    if (!arg) return true;
    const v = arg[1].boolval ?? arg[1].sval ?? arg[1].ival;
    return !(v === undefined && arg[0] === 'Boolean') && v !== 'false' && v !== 'off' && v !== 0 && v !== '0';
  });
  if (!analyze) return [sqlFinding('explain', 'readonly', 'read', 'EXPLAIN shows a plan without running the statement')];
  // EXPLAIN ANALYZE runs the statement for real: it has the statement's own effect.
  const inner = pgStatement(f.query, budget, depth + 1);
  return inner.map((x) => ({ ...x, explanation: `EXPLAIN ANALYZE runs it: ${x.explanation}` }));
}

// Statements whose inner query is stored or planned, not run now (EXPLAIN ANALYZE is handled itself).
const NOT_RUN_HERE = new Set(['ExplainStmt', 'DoStmt', 'PrepareStmt', 'RuleStmt', 'CreateFunctionStmt', 'ViewStmt']);

// Statements that store expressions (column defaults, checks, policies) without evaluating them now:
// a function named there is not called by this statement.
const STORES_EXPRESSIONS = new Set(['CreateStmt', 'CreateDomainStmt', 'AlterDomainStmt', 'CreatePolicyStmt', 'AlterPolicyStmt', 'CreateTrigStmt', 'CreateStatsStmt', 'CommentStmt', 'DefineStmt']);

const DML = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'SelectStmt']);

function scanNested(v: unknown, budget: Budget, out: Finding[], depth: number, top: boolean, runs = true): void {
  if (--budget.nodes < 0) throw new RangeError('too much work');
  if (Array.isArray(v)) {
    for (const x of v) scanNested(x, budget, out, depth, false, runs);
    return;
  }
  if (!v || typeof v !== 'object') return;
  const u = top ? null : unwrap(v);
  if (u) {
    const [t, f] = u;
    if (DML.has(t) && t !== 'SelectStmt') {
      out.push(...pgStatement(v, budget, depth + 1).map((x) => ({ ...x, explanation: `inside the statement: ${x.explanation}` })));
      return;
    }
    if (t === 'FuncCall') {
      const name = dottedName(f.funcname).replace(/^pg_catalog\./, '').toLowerCase();
      const known = PG_FUNCTIONS[name];
      if (known && known.risk !== 'readonly') out.push(sqlFinding(`fn-${name.replace(/_/g, '-')}`, known.risk, known.effect, `${name}() ${known.explain}`));
      // `SELECT purge_all_orders()` runs a body that is not visible here: unknown, never readonly.
      else if (!known && runs && !PURE_FUNCTIONS.has(name)) out.push(sqlFinding('fn-not-built-in', 'unknown', 'run-code', `${name}() is not a known built-in function; what its body does is not visible here`, name));
    }
    for (const [k, x] of Object.entries(f)) if (k !== 'location') scanNested(x, budget, out, depth, false, runs);
    return;
  }
  for (const x of Object.values(v as Fields)) scanNested(x, budget, out, depth, false, runs);
}
