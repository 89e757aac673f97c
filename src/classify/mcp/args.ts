// What a tool call's arguments carry, whatever the tool is called: a shell command under a key like
// `command` or `exec`, SQL under `sql` or `statement` (or `query` on a database server), code under
// `code`, and any string that parses as a changing SQL statement under any key. Nested objects and
// arrays are searched too: `{"options": {"exec": "rm -rf ~"}}` runs as surely as a top-level one.
import type { Action, RiskReport } from '../../core/index.js';
import { CODE_ARGS, SHELL_ARGS, SQL_ARGS, SQL_LEAD } from './tools.js';

type Dialect = NonNullable<Extract<Action, { kind: 'sql' }>['dialect']>;
export type ArgScan = { classify: (inner: Action) => RiskReport; dialect: Dialect; sqlServer: boolean };

/** Deeper or larger argument trees than this are not read through: the call is unknown. */
const MAX_DEPTH = 8;
const MAX_VALUES = 2000;

const keyOf = (k: string): string => k.toLowerCase().replace(/[^a-z0-9]/g, '');

function quote(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** One report per carried text (already classified), or an unknown one when the arguments are too
 * big to read through. Empty: nothing in the arguments says more than the tool's name. */
export function scanArguments(args: Record<string, unknown>, o: ArgScan): RiskReport[] {
  const out: RiskReport[] = [];
  let seen = 0;
  const sql = (text: string, forced: boolean): void => {
    const r = o.classify({ kind: 'sql', sql: text, dialect: o.dialect });
    // Free text that merely starts like SQL ("delete old mail" as a search) does not parse: it is
    // not a statement, unless the argument is SQL by name.
    if (forced || (!r.error && r.risk !== 'readonly')) out.push(r);
  };
  const visit = (key: string, v: unknown, depth: number): void => {
    if (++seen > MAX_VALUES || depth > MAX_DEPTH) throw new RangeError('arguments too large');
    const k = keyOf(key);
    if (typeof v === 'string') {
      if (SHELL_ARGS.has(k)) out.push(o.classify({ kind: 'shell', command: v }));
      else if (CODE_ARGS.has(k)) out.push(codeReport(key));
      else if (SQL_ARGS.has(k)) sql(v, k !== 'query' && k !== 'queries' ? true : o.sqlServer);
      else if (SQL_LEAD.test(v)) sql(v, false);
      return;
    }
    if (Array.isArray(v)) {
      // Some servers take argv; quoting keeps each word one word for the shell parser.
      if (SHELL_ARGS.has(k) && v.length > 0 && v.every((w) => typeof w === 'string')) {
        out.push(o.classify({ kind: 'shell', command: (v as string[]).map(quote).join(' ') }));
        return;
      }
      for (const x of v) visit(key, x, depth + 1);
      return;
    }
    if (v && typeof v === 'object') for (const [ck, cv] of Object.entries(v as Record<string, unknown>)) visit(ck, cv, depth + 1);
  };
  try {
    for (const [k, v] of Object.entries(args)) visit(k, v, 0);
  } catch {
    const message = `The arguments nest deeper than ${MAX_DEPTH} levels or hold more than ${MAX_VALUES} values; the call is treated as unknown.`;
    return [{ risk: 'unknown', summary: message, findings: [], error: { code: 'E_TOO_MUCH_WORK', message } }];
  }
  return out;
}

function codeReport(key: string): RiskReport {
  const explanation = `the "${key}" argument is code the server runs; Countersign cannot tell what it does`;
  return { risk: 'unknown', summary: explanation, findings: [{ rule: 'mcp.code-argument', risk: 'unknown', effect: 'run-code', target: key, explanation, tool: 'mcp' }] };
}
