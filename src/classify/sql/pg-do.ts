// DO blocks: PL/pgSQL bodies are parsed by libpg-query's PL/pgSQL parser and every SQL statement and
// expression inside is classified like top-level SQL. Dynamic SQL (EXECUTE, FOR ... EXECUTE) and
// other languages cannot be read, so they are unknown.
import type { Finding, RiskReport } from '../../core/index.js';
import { sqlFinding } from './finding.js';
import { list, unwrap, type Fields } from './pg-node.js';

export type PlParse = (sql: string) => unknown;
type Classify = (sql: string) => Finding[] | RiskReport;

function option(f: Fields, name: string): string | undefined {
  for (const a of list(f.args)) {
    const d = unwrap(a)?.[1];
    if (d?.defname === name) return unwrap(d.arg)?.[1].sval as string | undefined;
  }
  return undefined;
}

export function doBlockFindings(f: Fields, plParse: PlParse | null, classify: Classify, depth: number): Finding[] {
  const unknown = (why: string): Finding[] => [sqlFinding('do-block', 'unknown', 'run-code', `DO runs procedural code: ${why}`)];
  const language = (option(f, 'language') ?? 'plpgsql').toLowerCase();
  const body = option(f, 'as');
  if (language !== 'plpgsql' || body === undefined) return unknown(`language ${language} is not read here`);
  if (!plParse || depth > 4) return unknown('nested too deeply to read');
  let tag = 'cs';
  while (body.includes(`$${tag}$`)) tag += 'x';
  let tree: unknown;
  try {
    tree = plParse(`DO $${tag}$${body}$${tag}$`);
  } catch (err) {
    return unknown(`its body does not parse (${(err as Error).message})`);
  }
  const out = plBodyFindings(tree, classify);
  if (out.length === 0) return [sqlFinding('do-block', 'readonly', 'run-code', 'DO block whose statements change nothing')];
  return out.map((x) => ({ ...x, explanation: `in a DO block: ${x.explanation}` }));
}

/** Every non-readonly finding of the SQL inside a parsed PL/pgSQL tree (dynamic SQL is unknown). */
export function plBodyFindings(tree: unknown, classify: Classify): Finding[] {
  const out: Finding[] = [];
  walk(tree, out, classify, { n: 100_000 });
  return out;
}

function walk(v: unknown, out: Finding[], classify: Classify, budget: { n: number }): void {
  if (--budget.n < 0) throw new RangeError('too much work');
  if (Array.isArray(v)) {
    for (const x of v) walk(x, out, classify, budget);
    return;
  }
  if (!v || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v as Fields)) {
    if (k === 'PLpgSQL_stmt_dynexecute' || k === 'PLpgSQL_stmt_dynfors') {
      out.push(sqlFinding('do-dynamic-sql', 'unknown', 'dynamic-sql', 'EXECUTE runs SQL built at run time, which cannot be read in advance'));
    } else if (k === 'PLpgSQL_expr') {
      expr(x as Fields, out, classify);
      continue;
    }
    walk(x, out, classify, budget);
  }
}

function expr(e: Fields, out: Finding[], classify: Classify): void {
  const query = typeof e.query === 'string' ? e.query : '';
  // parseMode 0 is a whole statement; the others are expressions (conditions, assignments).
  const text = e.parseMode === 0 || e.parseMode === undefined ? query : `SELECT ${query.replace(/^\s*[\w.]+\s*:=/, '')}`;
  const r = classify(text);
  if (Array.isArray(r)) out.push(...r.filter((x) => x.risk !== 'readonly'));
  else if (e.parseMode === 0 || e.parseMode === undefined) out.push(sqlFinding('do-unreadable', 'unknown', 'run-code', `a statement in the block could not be read: ${query.slice(0, 80)}`));
}
