// The statement walker. Every node type is handled explicitly; anything else goes to unhandled()
// and makes the answer unknown (parse by allowlist, STYLE.md 3).
import { kids, type Node } from './parser.js';
import { runCommand, type Redirs } from './command.js';
import { add, Bail, MAX_AST_DEPTH, MAX_NESTING, tick, type Output, type State, type Word } from './state.js';
import { evalWord, unhandled, walkExpression } from './words.js';
import { checkEnv } from './env-vars.js';

const NONE: Output = { source: 'none' };

/** Walk a sequence of statements; the output is the last statement's. */
export function walkBlock(node: Node, st: State, stdin?: Output): Output {
  let out: Output = NONE;
  for (const c of kids(node, (n) => tick(st, n))) if (c) out = walkStatement(c, st, stdin);
  return out;
}

/** `tail`: redirections that belong to the last command of this statement. tree-sitter-bash
 * hangs `a && b > f` and `a | b > f` redirections on the whole list or pipeline, but bash
 * applies them to `b` only. */
export function walkStatement(node: Node, st: State, stdin?: Output, tail?: Redirs): Output {
  tick(st);
  if (++st.astDepth > MAX_AST_DEPTH) throw new Bail({ code: 'E_TOO_DEEP', message: `The command nests more than ${MAX_AST_DEPTH} syntax levels; simplify it.` });
  try {
    if (tail && node.type !== 'command' && node.type !== 'redirected_statement' && node.type !== 'list' && node.type !== 'pipeline') {
      // `{ ...; } > f`, `while ...; done < f`: the redirections apply around a compound body.
      runCommand(null, st, undefined, tail);
      return statement(node, st, tail.stdin ?? stdin);
    }
    return statement(node, st, stdin, tail);
  } finally {
    st.astDepth--;
  }
}

function statement(node: Node, st: State, stdin?: Output, tail?: Redirs): Output {
  switch (node.type) {
    case 'command':
      return runCommand(node, st, stdin, tail);
    case 'redirected_statement':
      return redirected(node, st, stdin, tail);
    case 'pipeline':
      return pipeline(kids(node, (n) => tick(st, n)), st, stdin, tail);
    case 'list':
      return list(node, st, stdin, tail);
    case 'compound_statement':
      // `{ ...; }` and also `(( expr ))`, whose children are arithmetic expressions.
      return compound(node, st, stdin);
    case 'program':
    case 'do_group':
    case 'else_clause':
      return walkBlock(node, st, stdin);
    case 'subshell':
      return isolated(st, () => walkBlock(node, st, stdin));
    case 'if_statement':
    case 'elif_clause':
    case 'while_statement':
    case 'for_statement':
    case 'c_style_for_statement':
    case 'case_statement':
    case 'case_item':
      return conditional(st, () => compound(node, st, stdin));
    case 'negated_command':
      return walkBlock(node, st, stdin);
    case 'variable_assignment':
      assign(node, st, true);
      return NONE;
    case 'variable_assignments':
    case 'declaration_command':
      for (const c of kids(node, (n) => tick(st, n))) {
        if (!c) continue;
        if (c.type === 'variable_assignment') assign(c, st, true);
        else if (c.type === 'variable_name') continue;
        else evalWord(c, st);
      }
      return NONE;
    case 'unset_command':
      for (const c of kids(node, (n) => tick(st, n))) if (c) st.vars.delete(evalWord(c, st).value);
      return NONE;
    case 'function_definition':
      return defineFunction(node, st);
    case 'test_command':
      walkExpression(node, st);
      return NONE;
    case 'comment':
      return NONE;
    case 'ERROR':
      // Reported once per tree by checkTree; still look inside, since a broken tail must not
      // hide a destructive head.
      walkBlockLenient(node, st);
      return NONE;
    default:
      unhandled(node, st);
      return NONE;
  }
}

function walkBlockLenient(node: Node, st: State): void {
  for (const c of kids(node, (n) => tick(st, n))) {
    if (!c) continue;
    if (c.type === 'command' || c.type === 'pipeline' || c.type === 'list' || c.type === 'redirected_statement' || c.type === 'subshell' || c.type === 'compound_statement') {
      walkStatement(c, st);
    }
  }
}

/** Run fn with assignments counted as "maybe": a branch or loop body may not run. A `cd` that
 * may or may not happen leaves the directory unknown, which is judged as "/" (anywhere). */
export function conditional<T>(st: State, fn: () => T): T {
  const cwd = st.cwd;
  st.cond++;
  try {
    return fn();
  } finally {
    st.cond--;
    if (st.cwd !== cwd) st.cwd = UNKNOWN_CWD;
  }
}

export const UNKNOWN_CWD = '/';

/** A subshell: its assignments and `cd` do not reach the parent. */
export function isolated<T>(st: State, fn: () => T): T {
  const cwd = st.cwd;
  st.cond++;
  try {
    return fn();
  } finally {
    st.cond--;
    st.cwd = cwd;
  }
}

// if/while/for/case: their words (loop lists, case subjects and patterns) are evaluated for the
// substitutions they hold; their statements are walked.
// A block's commands all see the block's stdin (`curl ... | { sh; }`); which one consumes it is a
// run-time matter, so each is judged as if it did.
function compound(node: Node, st: State, stdin?: Output): Output {
  if (node.type === 'for_statement') return forLoop(node, st, stdin);
  let out: Output = NONE;
  for (const c of kids(node, (n) => tick(st, n))) {
    if (!c) continue;
    if (WORDISH.has(c.type)) evalWord(c, st);
    else if (EXPRESSIONS.has(c.type)) walkExpression(c, st);
    else out = walkStatement(c, st, stdin);
  }
  return out;
}

const MAX_LOOP_VALUES = 8;

// `for d in dist build; do rm -rf "$d"; done`: with a short literal list the body is walked once
// per value, so each iteration is judged with what it really removes. Otherwise the variable is
// unknown and the body is walked once.
function forLoop(node: Node, st: State, stdin?: Output): Output {
  let name: string | undefined;
  const values: Word[] = [];
  const body: Node[] = [];
  for (const c of kids(node, (n) => tick(st, n))) {
    if (!c) continue;
    if (c.type === 'variable_name') name = c.text;
    else if (WORDISH.has(c.type)) values.push(evalWord(c, st));
    else body.push(c);
  }
  const known = values.length > 0 && values.length <= MAX_LOOP_VALUES && values.every((v) => !v.dynamic && !v.brace);
  let out: Output = NONE;
  for (const v of known ? values : [null]) {
    if (name) st.vars.set(name, v ? v.value : null);
    for (const b of body) out = walkStatement(b, st, stdin);
  }
  if (name) st.vars.set(name, null);
  return out;
}

const WORDISH = new Set(['word', 'string', 'raw_string', 'ansi_c_string', 'concatenation', 'simple_expansion', 'expansion', 'command_substitution', 'number', 'extglob_pattern', 'translated_string', 'arithmetic_expansion', 'process_substitution', 'brace_expression']);
const EXPRESSIONS = new Set(['binary_expression', 'unary_expression', 'parenthesized_expression', 'postfix_expression', 'ternary_expression', 'variable_assignment_expression']);

function list(node: Node, st: State, stdin?: Output, tail?: Redirs): Output {
  // `a && b`, `a || b`: everything after the first command may or may not run.
  const children = kids(node, (n) => tick(st, n));
  const last = children.length - 1;
  let out: Output = NONE;
  children.forEach((c, i) => {
    if (!c) return;
    const t = i === last ? tail : undefined;
    out = i === 0 ? walkStatement(c, st, stdin, t) : conditional(st, () => walkStatement(c, st, stdin, t));
  });
  return out;
}

function pipeline(stages: (Node | null)[], st: State, stdin?: Output, tail?: Redirs): Output {
  // Each stage runs in its own subshell: its assignments do not survive.
  let input = stdin;
  const many = stages.length > 1;
  const last = stages.length - 1;
  const cwd = st.cwd;
  if (many) st.cond++;
  try {
    stages.forEach((c, i) => {
      if (c) input = walkStatement(c, st, input, i === last ? tail : undefined);
    });
  } finally {
    if (many) {
      st.cond--;
      st.cwd = cwd;
    }
  }
  return input ?? NONE;
}

function redirected(node: Node, st: State, stdin?: Output, tail?: Redirs): Output {
  const redirs: Redirs = { nodes: [] };
  let body: Node | null = null;
  const after: Node[] = [];
  for (const c of kids(node, (n) => tick(st, n))) {
    if (!c) continue;
    if (c.type === 'file_redirect' || c.type === 'herestring_redirect') redirs.nodes.push(c);
    else if (c.type === 'heredoc_redirect') {
      redirs.nodes.push(c);
      // `cat <<EOF | sh`, `cat <<EOF > f`, `cat <<EOF && x`: tree-sitter hangs what follows the
      // heredoc start inside the heredoc node.
      for (const h of kids(c, (n) => tick(st, n))) {
        if (!h) continue;
        if (h.type === 'file_redirect' || h.type === 'herestring_redirect') redirs.nodes.push(h);
        else if (h.type !== 'heredoc_start' && h.type !== 'heredoc_body' && h.type !== 'heredoc_end') after.push(h);
      }
    } else if (!body) body = c;
    else unhandled(c, st);
  }
  if (tail) redirs.nodes.push(...tail.nodes);
  let out: Output = body ? walkStatement(body, st, stdin, redirs) : runCommand(null, st, stdin, redirs);
  for (const a of after) {
    if (a.type === 'pipeline') out = pipeline(a.namedChildren, st, out);
    else if (a.type === 'command' || a.type === 'redirected_statement' || a.type === 'subshell' || a.type === 'compound_statement') {
      // Heredoc followed by `| cmd` (single stage) or `&& cmd`: decide by the operator token.
      const piped = a.previousSibling?.type === '|' || a.previousSibling?.type === '|&';
      out = piped ? walkStatement(a, st, out) : conditional(st, () => walkStatement(a, st));
    } else if (a.type === 'list') out = conditional(st, () => list(a, st));
    else unhandled(a, st);
  }
  return out;
}

/** `X=value`: remember what the script assigned so `$X` can be resolved later. */
export function assign(node: Node, st: State, persist: boolean): void {
  const nameNode = node.namedChildren[0];
  const valueNode = node.namedChildren[1];
  // `x[$(cmd)]=1`: the index is evaluated (and its substitutions run) too.
  if (nameNode?.type === 'subscript') walkExpression(nameNode, st);
  const value = valueNode ? evalWord(valueNode, st) : { value: '', dynamic: false };
  const name = nameNode?.type === 'variable_name' ? nameNode.text : null;
  if (!name) return;
  // `GIT_PAGER='rm -rf ~' git log`, `export LD_PRELOAD=...`: the value runs later.
  checkEnv(name, value, st);
  if (!persist) return;
  const known = value.dynamic || /\+=$/.test(node.text.slice(0, node.text.indexOf('=') + 1)) ? null : value.value;
  // In a branch the assignment may not happen: only a value equal to the current one stays known.
  if (st.cond > 0 && st.vars.get(name) !== known) st.vars.set(name, null);
  else st.vars.set(name, known);
}

// The body is walked where it is defined, with its arguments unknown. Those findings are held
// back: if the function is called directly, the call is walked with its real arguments instead;
// if it never is (exported to a child shell, called by a computed name), they count at the end.
// A fork bomb is reported at once.
function defineFunction(node: Node, st: State): Output {
  const parts = node.namedChildren;
  const name = parts[0]?.text;
  // `f() { ...; } > file`: the redirection applies at every call; judge its target here.
  const redirs = parts.filter((c): c is Node => c !== null && (c.type === 'file_redirect' || c.type === 'herestring_redirect' || c.type === 'heredoc_redirect'));
  const body = parts.find((c, i) => i > 0 && c !== null && !redirs.includes(c));
  if (redirs.length > 0) runCommand(null, st, undefined, { nodes: redirs });
  if (!name || !body) return NONE;
  st.funcs.set(name, body.text);
  const prev = st.inFunction;
  const prevFork = st.forkish;
  const saved = st.findings;
  st.inFunction = name;
  st.forkish = /[|&]/.test(body.text);
  st.findings = [];
  try {
    conditional(st, () => walkStatement(body, st));
  } finally {
    const found = st.findings;
    st.findings = saved;
    st.inFunction = prev;
    st.forkish = prevFork;
    for (const f of found) if (f.rule === 'shell.fork-bomb') add(st, f);
    st.uncalled.set(name, found.filter((f) => f.rule !== 'shell.fork-bomb'));
  }
  return NONE;
}

/** Findings of functions defined but never called directly (see defineFunction). */
export function flushUncalled(st: State): void {
  for (const found of st.uncalled.values()) for (const f of found) add(st, f);
  st.uncalled.clear();
}

/** Walk `$(...)`, backticks, `<(...)` or `>(...)`: one nesting level deeper. */
export function walkSubstitution(node: Node, st: State): Output {
  if (st.nesting + 1 > MAX_NESTING) throw new Bail({ code: 'E_TOO_DEEP', message: `The command nests more than ${MAX_NESTING} substitutions or nested shells; simplify it.` });
  st.nesting++;
  try {
    return conditionalOutput(st, node);
  } finally {
    st.nesting--;
  }
}

function conditionalOutput(st: State, node: Node): Output {
  // Substitutions run in a subshell; their assignments and `cd` do not leak.
  return isolated(st, () => walkBlock(node, st));
}
