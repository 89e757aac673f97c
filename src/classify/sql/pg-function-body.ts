// CREATE FUNCTION / PROCEDURE stores code that a later `SELECT f()` runs unseen, so the body is
// read here: SQL bodies (quoted or BEGIN ATOMIC) and PL/pgSQL bodies are classified like top-level
// SQL, and what the body would do is reported. A body in another language, or one that cannot be
// read, is unknown.
import type { Finding, RiskReport } from '../../core/index.js';
import { plBodyFindings, type PlParse } from './pg-do.js';
import { sqlFinding } from './finding.js';
import { dottedName, list, unwrap, type Fields } from './pg-node.js';

type Hooks = { plParse: PlParse | null; classify: ((sql: string) => Finding[] | RiskReport) | null; statement: (node: unknown) => Finding[] };

function option(f: Fields, name: string): unknown {
  for (const o of list(f.options)) {
    const d = unwrap(o)?.[1];
    if (d?.defname === name) return d.arg;
  }
  return undefined;
}

/** What the stored body would do when called (readonly findings left out). */
export function functionBodyFindings(f: Fields, text: string | undefined, hooks: Hooks): Finding[] {
  const name = dottedName(f.funcname) || 'the function';
  const lang = String(unwrap(option(f, 'language'))?.[1].sval ?? (f.sql_body ? 'sql' : '')).toLowerCase();
  const unknown = (why: string): Finding[] => [sqlFinding('function-body', 'unknown', 'run-code', `the body of ${name}() ${why}`, name)];
  const label = (xs: Finding[]): Finding[] => xs.filter((x) => x.risk !== 'readonly').map((x) => ({ ...x, explanation: `the body of ${name}(), when called: ${x.explanation}` }));
  if (f.sql_body) {
    // BEGIN ATOMIC / RETURN: already parsed, a list of statement lists.
    const stmts = list(unwrap(f.sql_body)?.[1].items).flatMap((l) => {
      const u = unwrap(l);
      return u && u[0] === 'List' ? list(u[1].items) : [l];
    });
    return label(stmts.flatMap((s) => hooks.statement(s)));
  }
  const as = unwrap(option(f, 'as'));
  const body = as && as[0] === 'List' ? list(as[1].items).map((i) => unwrap(i)?.[1].sval) : [];
  if (lang === 'sql') {
    if (body.length !== 1 || typeof body[0] !== 'string' || !hooks.classify) return unknown('could not be read');
    const r = hooks.classify(body[0]);
    return Array.isArray(r) ? label(r) : unknown(`does not parse (${r.error?.message ?? r.summary})`);
  }
  if (lang === 'plpgsql') {
    if (!hooks.plParse || !hooks.classify || text === undefined) return unknown('could not be read');
    let tree: unknown;
    try {
      tree = hooks.plParse(text);
    } catch (err) {
      return unknown(`does not parse (${(err as Error).message})`);
    }
    return label(plBodyFindings(tree, hooks.classify));
  }
  return unknown(`is in language ${lang || '(none)'}, which is not read here`);
}
