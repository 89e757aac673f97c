// The shell walker's entry points. classifyShell is synchronous and never throws: every failure
// becomes an "unknown" report with an error code (fail closed).
import type { RiskReport, SqlDialect } from '../../core/index.js';
import { classifySql, initSql } from '../sql/index.js';
import type { Invocation, ToolContext } from '../tools/types.js';
import { dispatch } from './command.js';
import { checkCommand } from './input.js';
import { checkTree, nestedReport } from './nested.js';
import { initParser, parseScript } from './parser.js';
import { buildReport, unknownReport } from './report.js';
import { Bail, MAX_NESTING, newState, type State, type Word } from './state.js';
import { flushUncalled, walkBlock } from './walk.js';

export { MAX_COMMAND_CHARS } from './input.js';

export const TOO_SLOW = { code: 'E_TOO_MUCH_WORK', message: 'The command has too many tokens to parse in time; split it into smaller actions.' };

/** Loads tree-sitter-bash and the SQL parser (database CLIs and pasted SQL are classified as SQL). */
export async function initShell(): Promise<void> {
  await Promise.all([initParser(), initSql()]);
}

export function classifyShell(command: string, opts: { cwd?: string } = {}): RiskReport {
  const bad = checkCommand(command);
  if (bad) return unknownReport(bad);
  const st = newState(opts.cwd);
  st.ctx = contextFor(st);
  let tree;
  try {
    const parsed = parseScript(command);
    if (parsed === 'not-ready') return unknownReport({ code: 'E_INTERNAL', message: 'The shell parser is not loaded; call initShell() (or initClassifier()) first.' });
    if (parsed === 'too-slow') return unknownReport(TOO_SLOW);
    tree = parsed;
    checkTree(tree.rootNode, st, 'command');
    walkBlock(tree.rootNode, st);
    flushUncalled(st);
    return buildReport(st.findings, st.error);
  } catch (err) {
    if (err instanceof Bail) return unknownReport(err.info, st.findings.filter((f) => f.risk === 'destructive'));
    if (err instanceof RangeError) return unknownReport({ code: 'E_TOO_DEEP', message: 'The command nests deeper than the classifier follows; simplify it.' });
    return unknownReport({ code: 'E_INTERNAL', message: `The shell classifier failed (${String(err).slice(0, 200)}); the command is treated as unknown.` });
  } finally {
    tree?.delete();
  }
}

/** A ToolContext outside any command line, for callers that drive the tables directly. */
export function shellToolContext(opts: { cwd?: string } = {}): ToolContext {
  const st = newState(opts.cwd);
  st.ctx = contextFor(st);
  return st.ctx;
}

/** What the tables may ask of the walker: nested scripts, SQL, and carried commands. */
function contextFor(st: State): ToolContext {
  return {
    shell: (script: string) => nestedReport(script, st, 'carried script'),
    sql: (sql: string, dialect: SqlDialect) => classifySql(sql, dialect),
    invocation: (inv: Invocation) => {
      const saved = st.findings;
      st.findings = [];
      if (st.nesting + 1 > MAX_NESTING) throw new Bail({ code: 'E_TOO_DEEP', message: `Commands carried by other commands nest more than ${MAX_NESTING} levels; simplify them.` });
      st.nesting++;
      try {
        // An Invocation carries no dynamic flag for its name: a `$` or backtick there is computed.
        const words: Word[] = [{ value: inv.name, dynamic: /[$`]/.test(inv.name) }, ...inv.args.map((value, i) => ({ value, dynamic: inv.dynamic[i] === true }))];
        const stdin = inv.stdin !== undefined ? { source: 'literal' as const, text: inv.stdin } : undefined;
        dispatch(words, st, stdin, inv.text);
        return st.findings;
      } finally {
        st.nesting--;
        st.findings = saved;
      }
    },
  };
}
