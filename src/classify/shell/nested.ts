// Scripts inside scripts: `bash -c '...'`, `eval`, `ssh host '...'`, text piped or fed to a shell.
// Each is parsed again and walked one nesting level deeper, sharing the action's work budget.
import type { RiskReport } from '../../core/index.js';
import { parseScript } from './parser.js';
import { buildReport } from './report.js';
import { add, Bail, MAX_NESTING, MAX_REPARSE_CHARS, type Output, type State, type Vars } from './state.js';
import { flushUncalled, walkBlock } from './walk.js';
import { snippet } from './words.js';
import type { Node } from './parser.js';

export type NestedOptions = {
  /** The text holds expansions the walker could not resolve: it is code injected at run time. */
  dynamic?: boolean;
  /** Fresh variables for a new shell process (positional parameters, nothing inherited). */
  vars?: Vars;
  /** How the script is run, for explanations ("bash -c", "eval", "ssh host"). */
  via: string;
  stdin?: Output | undefined;
  /** A function body sees the functions defined so far. */
  keepFuncs?: boolean;
};

export function reparse(script: string, st: State, opt: NestedOptions): Output {
  if (st.nesting + 1 > MAX_NESTING) throw new Bail({ code: 'E_TOO_DEEP', message: `The command nests more than ${MAX_NESTING} shells, substitutions or evals; simplify it.` });
  st.reparsed += script.length;
  if (st.reparsed > MAX_REPARSE_CHARS) throw new Bail({ code: 'E_TOO_MUCH_WORK', message: 'The command re-parses more nested script text than one classification may; split it up.' });
  if (opt.dynamic) {
    add(st, { rule: 'shell.dynamic-script', risk: 'unknown', effect: 'run-unknown-code', target: snippet(script), explanation: `${opt.via} runs text built from expansions the classifier cannot resolve; what it runs is decided at run time`, tool: 'shell' });
  }
  if (script.trim() === '') return { source: 'none' };
  const tree = parseScript(script);
  if (tree === 'not-ready') throw new Bail({ code: 'E_INTERNAL', message: 'The shell parser is not available; call initShell() first.' });
  if (tree === 'too-slow') throw new Bail({ code: 'E_TOO_MUCH_WORK', message: 'A nested script has too many tokens to parse in time; split it into smaller actions.' });
  const savedVars = st.vars;
  const savedFuncs = st.funcs;
  const savedUncalled = st.uncalled;
  const savedCwd = st.cwd;
  st.nesting++;
  if (opt.vars) {
    st.vars = opt.vars;
    if (!opt.keepFuncs) {
      st.funcs = new Map();
      st.uncalled = new Map();
    }
  }
  try {
    checkTree(tree.rootNode, st, opt.via);
    const out = walkBlock(tree.rootNode, st, opt.stdin);
    if (st.uncalled !== savedUncalled) flushUncalled(st);
    return out;
  } finally {
    st.uncalled = savedUncalled;
    st.nesting--;
    st.vars = savedVars;
    st.funcs = savedFuncs;
    st.cwd = savedCwd;
    tree.delete();
  }
}

/** A separate report for a script a table carries (ssh, kubectl exec): its findings are the table's to judge. */
export function nestedReport(script: string, st: State, via: string): RiskReport {
  const saved = st.findings;
  const savedErr = st.error;
  st.findings = [];
  st.error = undefined;
  try {
    reparse(script, st, { via, vars: new Map() });
    return buildReport(st.findings, st.error);
  } finally {
    st.findings = saved;
    st.error = savedErr;
  }
}

/** tree-sitter recovers from syntax errors; we do not trust a recovered tree to be the real one. */
export function checkTree(root: Node, st: State, via: string): void {
  if (!root.hasError) return;
  const message = `The ${via} text does not parse as shell; fix the syntax or send a simpler command.`;
  if (!st.error) st.error = { code: 'E_PARSE', message };
  add(st, { rule: 'shell.parse-error', risk: 'unknown', effect: 'unparsed', explanation: message, tool: 'shell' });
}
