// One simple command: evaluate its words, apply its redirections, then decide what runs. Wrappers,
// shells and interpreters are unwrapped here (specials.ts); everything else goes to the tool
// tables through the Invocation contract, and a command no table knows gets the walker's default.
import type { Finding } from '../../core/index.js';
import { classifyInvocation, type Invocation } from '../tools/index.js';
import { classifySql } from '../sql/index.js';
import { kids, type Node } from './parser.js';
import { applyRedirects } from './redirects.js';
import { outputOf } from './flow.js';
import { SPECIALS } from './specials.js';
import { add, tick, type Output, type State, type Word } from './state.js';
import { assign } from './walk.js';
import { evalWord, snippet } from './words.js';
import { expandBraces } from './braces.js';
import { knownFile, recordWrite } from './files.js';
import { runKnownFile } from './shells.js';
import { reparse } from './nested.js';
import { checkEnv } from './env-vars.js';

export type Redirs = { nodes: Node[]; stdin?: Output };

const NONE: Output = { source: 'none' };
const ALL_ARGS = new Set(['"$@"', '$@', '"${@}"', '${@}', '$*', '"$*"']);
const RESERVED = new Set(['then', 'fi', 'do', 'done', 'esac', 'elif', 'else', 'in', '}', ']]', 'function']);

export function runCommand(node: Node | null, st: State, stdin: Output | undefined, redirs: Redirs | undefined): Output {
  const words: Word[] = [];
  const rnodes: Node[] = redirs ? [...redirs.nodes] : [];
  if (node) {
    for (const c of kids(node, (n) => tick(st, n))) {
      if (!c) continue;
      switch (c.type) {
        case 'variable_assignment':
          // `VAR=value cmd`: only the command's environment; the name is not the command.
          assign(c, st, false);
          break;
        case 'command_name': {
          const w = c.namedChildren[0];
          if (!w) break;
          if (st.argv && ALL_ARGS.has(w.text)) {
            // `"$@"` as the command: the first argument is the program.
            for (const value of st.argv) words.push({ value, dynamic: false });
            break;
          }
          const name = evalWord(w, st);
          // An unquoted glob in the name (`/bin/r?`) expands to whatever files match.
          if (!name.dynamic && /[*?[]/.test(w.text) && w.text !== '[' && w.text !== '[[' && (w.type === 'word' || w.type === 'concatenation')) name.dynamic = true;
          pushWord(words, name, st);
          break;
        }
        case 'file_redirect':
        case 'herestring_redirect':
        case 'heredoc_redirect':
          rnodes.push(c);
          break;
        case 'comment':
          break;
        default:
          if (st.argv && ALL_ARGS.has(c.text)) {
            // "$@": one word per positional parameter.
            for (const value of st.argv) words.push({ value, dynamic: false });
          } else pushWord(words, evalWord(c, st), st);
      }
    }
  }
  const eff = applyRedirects(rnodes, st);
  if (redirs) redirs.stdin = eff.stdin;
  if (eff.extra.length > 0) words.push(...eff.extra);
  if (words.length === 0) return NONE;
  st.direct = true;
  const out = dispatch(words, st, eff.stdin ?? stdin, node ? node.text : '');
  if (eff.stdoutFile) recordWrite(st, eff.stdoutFile.path, out, eff.stdoutFile.append);
  return eff.stdoutAway ? NONE : out;
}

function pushWord(words: Word[], w: Word, st: State): void {
  if (w.split && !w.dynamic) {
    // `X="rm -rf ~"; $X`: an unquoted expansion is split into words on IFS.
    const ifs = st.vars.get('IFS');
    if (ifs === null) {
      words.push({ value: w.value, dynamic: true });
      return;
    }
    const sep = ifs ?? ' \t\n';
    if (sep !== '' && [...sep].some((c) => w.value.includes(c))) {
      const parts = w.value.split(new RegExp(`[${sep.replace(/[\]\\^-]/g, '\\$&')}]`));
      for (const value of parts) if (value !== '' || !/^[ \t\n]*$/.test(sep)) words.push({ value, dynamic: false });
      return;
    }
  }
  if (!w.brace) {
    words.push(w);
    return;
  }
  for (const value of expandBraces(w.value)) words.push({ value, dynamic: false });
}

/** Decide what argv runs. Wrappers call back here with the command they wrap. */
export function dispatch(words: Word[], st: State, stdin: Output | undefined, text: string): Output {
  tick(st);
  const direct = st.direct;
  st.direct = false;
  const first = words[0]!;
  if (first.ran) return { source: 'other' };
  if (first.dynamic) {
    add(st, { rule: 'shell.dynamic-command', risk: 'unknown', effect: 'run-unknown-command', target: snippet(first.value), explanation: `the command name ${snippet(first.value)} is computed at run time, so what runs cannot be known`, tool: 'shell' });
    return { source: 'other' };
  }
  if (/^[^=/]*=/.test(first.value) && words.length > 1) {
    // `1A=2 git ...` is not a valid assignment; shells differ on what they do with it, so judge
    // the rest as if it ran. `sudo NAME=value cmd` sets cmd's environment: judge the value.
    const eq = first.value.indexOf('=');
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(first.value.slice(0, eq))) checkEnv(first.value.slice(0, eq), { value: first.value.slice(eq + 1), dynamic: first.dynamic }, st);
    st.direct = direct;
    return dispatch(words.slice(1), st, stdin, text);
  }
  const name = commandName(first.value);
  if (RESERVED.has(first.value)) {
    // tree-sitter-bash accepts `zza; done` as a command named "done"; bash rejects the line, so
    // our tree is not bash's tree.
    const err = { code: 'E_PARSE', message: `"${name}" is a shell reserved word where a command should be; fix the syntax.` };
    if (!st.error) st.error = err;
    add(st, { rule: 'shell.parse-error', risk: 'unknown', effect: 'unparsed', target: name, explanation: err.message, tool: 'shell' });
    return { source: 'other' };
  }
  if (name === '') {
    add(st, { rule: 'shell.empty-command', risk: 'unknown', effect: 'run-unknown-command', explanation: 'the command name is empty after expansion', tool: 'shell' });
    return { source: 'other' };
  }
  if (direct && st.funcs.has(name) && !first.value.includes('/')) return callFunction(name, words, st, stdin);
  if (first.value.includes('/')) {
    // `./deploy.sh` written earlier in this script: judge what it contains.
    const file = knownFile(st, first.value);
    if (file) return runKnownFile(first.value, file, words.slice(1), st, stdin);
  }
  const special = SPECIALS.get(name);
  if (special) {
    const out = special(words, st, stdin, text || joinText(words));
    if (out) return out;
  }
  return runTool(name, words, st, stdin, text || joinText(words));
}

/** `/bin/rm`, `./rm` and `rm` are the same program for the tables. */
export function commandName(value: string): string {
  const slash = value.lastIndexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}

export function joinText(words: readonly Word[]): string {
  return words.map((w) => w.value).join(' ');
}

function callFunction(name: string, words: Word[], st: State, stdin: Output | undefined): Output {
  // The body was walked where it was defined. A function that calls itself in a pipe or in the
  // background multiplies processes without bound: a fork bomb.
  if (st.inFunction === name && st.forkish) {
    add(st, { rule: 'shell.fork-bomb', risk: 'destructive', effect: 'exhaust-processes', target: name, explanation: `function ${name} calls itself in a pipe or in the background: a fork bomb that takes the machine down`, tool: 'shell' });
  }
  // Walk the body again with this call's arguments: `git() { command git "$@"; }; git reset
  // --hard` does what its arguments say. A recursive call is not walked again.
  const body = st.funcs.get(name);
  if (body === undefined || st.calling.has(name) || st.inFunction === name) return { source: 'other' };
  st.uncalled.delete(name);
  const vars = new Map(st.vars);
  vars.delete('@');
  words.forEach((w, i) => vars.set(String(i), i === 0 ? st.vars.get('0') ?? null : w.dynamic ? null : w.value));
  const argv = st.argv;
  st.argv = words.slice(1).some((w) => w.dynamic) ? null : words.slice(1).map((w) => w.value);
  st.calling.add(name);
  try {
    return reparse(body, st, { via: `function ${name}`, vars, stdin, keepFuncs: true });
  } finally {
    st.calling.delete(name);
    st.argv = argv;
  }
}

export function invocationOf(name: string, words: readonly Word[], st: State, stdin: Output | undefined, text: string): Invocation {
  const args: string[] = [];
  const dynamic: boolean[] = [];
  for (let i = 1; i < words.length; i++) {
    args.push(words[i]!.value);
    dynamic.push(words[i]!.dynamic);
  }
  const inv: Invocation = { name, args, dynamic, text };
  if (st.cwd !== undefined) inv.cwd = st.cwd;
  if (st.workspace !== undefined) inv.workspace = st.workspace;
  if (stdin?.text !== undefined) inv.stdin = stdin.text;
  return inv;
}

function runTool(name: string, words: Word[], st: State, stdin: Output | undefined, text: string): Output {
  const inv = invocationOf(name, words, st, stdin, text);
  if (name === 'tee' && stdin) {
    // tee copies stdin into every file it names.
    const append = inv.args.some((a) => a === '-a' || a === '--append');
    words.slice(1).forEach((w) => !w.value.startsWith('-') && !w.dynamic && recordWrite(st, w.value, stdin, append));
  }
  const found = classifyInvocation(inv, st.ctx!);
  if (found) for (const f of found) add(st, f);
  else for (const f of fallback(name, inv)) add(st, f);
  return outputOf(name, words.slice(1), stdin);
}

// Shell builtins that change nothing outside the shell itself. Used only when no table claims
// the name (tables know tools; this is the shell's own vocabulary).
const INERT_BUILTINS = new Set([
  'echo', 'printf', 'true', 'false', ':', 'test', '[', '[[', 'pwd', 'cd', 'pushd', 'popd', 'dirs', 'set', 'shopt', 'shift',
  'exit', 'return', 'break', 'continue', 'wait', 'read', 'type', 'hash', 'help', 'alias', 'unalias', 'let', 'local',
  'export', 'declare', 'typeset', 'readonly', 'history', 'jobs', 'umask', 'ulimit', 'times', 'getopts', 'logout',
  'fg', 'bg', 'disown', 'trap', 'suspend', 'caller', 'compgen', 'complete', 'compopt', 'mapfile', 'readarray', 'bind', 'sleep',
]);

const SQL_VERBS = /^(?:select|insert|update|delete|drop|truncate|alter|create|grant|revoke|with|merge|replace|upsert|vacuum|reindex|comment|rename)$/i;

function fallback(name: string, inv: Invocation): Finding[] {
  if (INERT_BUILTINS.has(name)) {
    return [{ rule: 'shell.builtin', risk: 'readonly', effect: 'none', target: name, explanation: `${name} only affects the shell itself`, tool: name }];
  }
  if (SQL_VERBS.test(name) && inv.args.length > 0) {
    // Someone pasted SQL as a command line: judge it as the SQL it is.
    const r = classifySql(inv.text, 'postgresql');
    if (r.risk !== 'unknown') return r.findings.length > 0 ? r.findings : [{ rule: 'shell.sql-text', risk: r.risk, effect: 'sql', explanation: r.summary, tool: 'sql' }];
  }
  return [{ rule: 'shell.unknown-command', risk: 'mutating', effect: 'run-program', target: name, explanation: `${name} is not a tool the classifier knows; it may change things`, tool: name }];
}

