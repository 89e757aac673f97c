// The SQL classifier: PostgreSQL through libpg-query (the real PostgreSQL parser), other dialects
// through node-sql-parser. Every statement is classified; the worst decides; all findings listed.
// Synchronous after initSql(); never throws.
import type { Finding, RiskReport, SqlDialect } from '../../core/index.js';
import { pgHooks, pgStatement, type Budget } from './pg.js';
import { unwrap } from './pg-node.js';
import { fromFindings, unknownReport } from './report.js';
import { sqlFinding } from './finding.js';
import { keywordFindings } from './keywords.js';
import { splitMeta } from './meta.js';
import { otherDialectFindings } from './other.js';
import { splitStatements } from './split.js';

type PgParse = (sql: string) => { stmts?: { stmt?: unknown }[] };

/** Bounds: SQL larger than this, or an AST bigger than the node budget, is unknown (E_TOO_LARGE / E_TOO_MUCH_WORK). */
export const SQL_MAX_CHARS = 1_000_000;
export const SQL_NODE_BUDGET = 500_000;

let pgParse: PgParse | null = null;
let initing: Promise<void> | null = null;

export function initSql(): Promise<void> {
  if (pgParse) return Promise.resolve();
  initing ??= (async () => {
    const mod = (await import('libpg-query')) as unknown as { loadModule(): Promise<void>; parseSync: PgParse; parsePlPgSQLSync: (sql: string) => unknown };
    await mod.loadModule();
    pgParse = mod.parseSync;
    pgHooks.plParse = mod.parsePlPgSQLSync;
    pgHooks.classify = (sql) => pgFindings(sql, { nodes: SQL_NODE_BUDGET });
  })();
  return initing;
}

export function classifySql(sql: string, dialect: SqlDialect = 'postgresql'): RiskReport {
  try {
    if (typeof sql !== 'string') return unknownReport('E_BAD_INPUT', 'SQL must be a string.');
    if (sql.length > SQL_MAX_CHARS) return unknownReport('E_TOO_LARGE', `The SQL is ${sql.length} characters; the classifier reads at most ${SQL_MAX_CHARS}. Split it into smaller batches.`);
    if (sql.trim() === '') return unknownReport('E_EMPTY_INPUT', 'The SQL is empty; send the statements to classify.');
    const budget: Budget = { nodes: SQL_NODE_BUDGET };
    const what = dialect === 'postgresql' ? 'SQL' : `SQL (${dialect})`;
    const meta = splitMeta(sql, dialect);
    const parse = (text: string) => (dialect === 'postgresql' ? pgFindings(text, budget) : otherDialectFindings(text, dialect, (t) => pgFindings(t, budget)));
    const whole = parse(meta.sql);
    if (Array.isArray(whole)) return fromFindings([...meta.findings, ...whole], what);
    if (whole.error?.code === 'E_EMPTY_INPUT' && meta.findings.length) return fromFindings(meta.findings, what);
    if (whole.error?.code !== 'E_PARSE') return whole;
    // Some statement does not parse: classify the others one by one so a readable DROP is still
    // reported as destructive, and name the statements that could not be read.
    const findings = [...meta.findings];
    for (const stmt of splitStatements(meta.sql)) {
      let one = parse(stmt);
      // SQL is often labelled with the wrong dialect; MySQL's grammar reads backquoted names and
      // LIMIT on DELETE that PostgreSQL's does not.
      if (!Array.isArray(one) && dialect !== 'mysql') one = otherDialectFindings(stmt, 'mysql', () => one);
      if (Array.isArray(one)) findings.push(...one);
      else findings.push(...(keywordFindings(stmt) ?? [sqlFinding('unparsed', 'unknown', 'unparsed', `could not be parsed as ${dialect}: ${stmt.slice(0, 80)}`)]));
    }
    const report = fromFindings(findings, what);
    return report.risk === 'unknown' && findings.some((f) => f.rule === 'sql.unparsed') ? { ...report, error: whole.error } : report;
  } catch (err) {
    if (err instanceof RangeError) return unknownReport('E_TOO_MUCH_WORK', 'The SQL is too large or nested too deeply to classify in bounded time; split it up.');
    return unknownReport('E_INTERNAL', `The SQL classifier failed (${String(err)}); the statement is treated as unknown.`);
  }
}

/** Findings for PostgreSQL text, or an unknown report when it does not parse. */
export function pgFindings(sql: string, budget: Budget): Finding[] | RiskReport {
  if (!pgParse) return unknownReport('E_INTERNAL', 'The SQL parser is not loaded; call initSql() (or initClassifier()) first.');
  let tree: ReturnType<PgParse>;
  try {
    tree = pgParse(sql);
  } catch (err) {
    return unknownReport('E_PARSE', `The SQL does not parse as PostgreSQL (${(err as Error).message}); fix the syntax or name the right dialect.`);
  }
  const stmts = tree.stmts ?? [];
  if (stmts.length === 0) return unknownReport('E_EMPTY_INPUT', 'The SQL holds no statements (only comments or semicolons).');
  const out: Finding[] = [];
  // PREPARE stores a statement, EXECUTE runs it: within one batch the stored text is known.
  const prepared = new Map<string, Finding[]>();
  for (const s of stmts) {
    const u = unwrap(s.stmt);
    const name = String(u?.[1].name ?? '');
    if (u?.[0] === 'PrepareStmt') {
      prepared.set(name, pgStatement(u[1].query, budget));
      out.push(sqlFinding('prepare', 'readonly', 'prepare', `PREPARE ${name} stores a statement without running it`));
    } else if (u?.[0] === 'ExecuteStmt' && prepared.has(name)) {
      out.push(...prepared.get(name)!.map((f) => ({ ...f, explanation: `EXECUTE ${name} runs it: ${f.explanation}` })));
    } else {
      const loc = Number((s as { stmt_location?: number }).stmt_location ?? 0);
      const len = (s as { stmt_len?: number }).stmt_len;
      out.push(...pgStatement(s.stmt, budget, 0, sql.slice(loc, len ? loc + len : undefined)));
    }
  }
  return out;
}
