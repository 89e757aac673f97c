// Word evaluation: what value each argument has once bash has removed quotes and expanded what
// the walker can know (script variables, literal substitutions). Anything else stays visible as
// its source text and is marked dynamic, so a table can never mistake it for a literal.
import { kids, type Node } from './parser.js';
import { decodeAnsiC, unescapeBare, unescapeDouble } from './escapes.js';
import { add, tick, type State, type Word } from './state.js';
import { walkStatement, walkSubstitution } from './walk.js';

export function evalWord(node: Node, st: State): Word {
  tick(st);
  switch (node.type) {
    case 'word':
      return { value: unescapeBare(node.text), dynamic: false };
    case 'number':
    case 'regex':
    case 'extglob_pattern':
    case 'test_operator':
    case 'variable_name':
    case 'brace_expression':
      return { value: node.text, dynamic: false };
    case 'raw_string':
      return { value: node.text.slice(1, -1), dynamic: false };
    case 'ansi_c_string':
      return { value: decodeAnsiC(node.text.slice(2, -1)), dynamic: false };
    case 'string':
    case 'translated_string':
      return evalString(node, st);
    case 'concatenation': {
      const w = evalParts(node, st);
      // Unquoted `{a,b}` is expanded by bash into several words (see braces.ts).
      if (!w.dynamic && w.value.includes('{') && hasBareBrace(node)) w.brace = true;
      return w;
    }
    case 'simple_expansion':
    case 'expansion': {
      const w = evalExpansion(node, st);
      w.split = true; // unquoted here; inside "..." evalString drops the flag
      return w;
    }
    case 'command_substitution': {
      const out = walkSubstitution(node, st);
      return out.text !== undefined ? { value: out.text.replace(/\n+$/, ''), dynamic: out.dynamic === true, split: true } : { value: node.text, dynamic: true };
    }
    case 'process_substitution':
      return { value: node.text, dynamic: true, proc: walkSubstitution(node, st) };
    case 'arithmetic_expansion':
      walkExpression(node, st);
      return { value: node.text, dynamic: true };
    case 'array':
      return evalParts(node, st, ' ');
    case 'subshell':
    case 'compound_statement':
      // `time (cmd)`, `coproc { cmd; }`: tree-sitter files the group as an argument; it runs.
      walkStatement(node, st);
      return { value: node.text, dynamic: false, ran: true };
    default:
      unhandled(node, st);
      return { value: node.text, dynamic: true };
  }
}

function evalParts(node: Node, st: State, sep = ''): Word {
  let value = '';
  let dynamic = false;
  let split = false;
  let first = true;
  for (const c of kids(node, (n) => tick(st, n))) {
    if (!c) continue;
    const w = evalWord(c, st);
    value += first ? w.value : sep + w.value;
    first = false;
    dynamic ||= w.dynamic;
    split ||= w.split === true;
  }
  return split ? { value, dynamic, split } : { value, dynamic };
}

function evalString(node: Node, st: State): Word {
  const n = node.namedChildCount;
  if (n === 0) {
    // "" or $"": no parts; slice the quotes off.
    const t = node.text;
    return { value: unescapeDouble(t.slice(t.startsWith('$') ? 2 : 1, -1)), dynamic: false };
  }
  let value = '';
  let dynamic = false;
  // string_content nodes do not cover the quotes; gaps between children are literal text that
  // tree-sitter did not give a node (e.g. a lone `$`), so read text by index ranges.
  const text = node.text;
  const base = node.startIndex;
  let pos = text.startsWith('$') ? 2 : 1;
  for (const c of kids(node, (n) => tick(st, n))) {
    if (!c) continue;
    const start = c.startIndex - base;
    if (start > pos) value += unescapeDouble(text.slice(pos, start));
    if (c.type === 'string_content') value += unescapeDouble(c.text);
    else {
      const w = evalWord(c, st);
      value += w.value;
      dynamic ||= w.dynamic;
    }
    pos = c.endIndex - base;
  }
  if (pos < text.length - 1) value += unescapeDouble(text.slice(pos, -1));
  return { value, dynamic };
}

function evalExpansion(node: Node, st: State): Word {
  const t = node.text;
  // $X and ${X}: a script variable the walker saw assigned.
  const m = /^\$(?:([A-Za-z_][A-Za-z0-9_]*|[0-9])|\{([A-Za-z_][A-Za-z0-9_]*|[0-9]+)\})$/.exec(t);
  if (m) {
    const v = st.vars.get((m[1] ?? m[2])!);
    if (typeof v === 'string') return { value: v, dynamic: false };
    return { value: t, dynamic: true };
  }
  // ${X:-$(cmd)} and friends: the value is unknown, but what runs inside must still be walked.
  walkExpression(node, st);
  return { value: t, dynamic: true };
}

const EXPRESSION_PARTS = new Set([
  'binary_expression', 'unary_expression', 'postfix_expression', 'ternary_expression', 'parenthesized_expression',
  'subscript', 'variable_name', 'special_variable_name', 'number', 'word', 'test_operator', 'regex', 'extglob_pattern',
  'string_content', 'raw_string', 'ansi_c_string', 'heredoc_content', 'brace_expression',
]);

/** Arithmetic, test and ${...} operator bodies: nothing there runs except the substitutions. */
export function walkExpression(node: Node, st: State): void {
  for (const c of kids(node, (n) => tick(st, n))) {
    if (!c) continue;
    tick(st);
    if (c.type === 'command_substitution' || c.type === 'process_substitution' || c.type === 'string'
      || c.type === 'concatenation' || c.type === 'expansion' || c.type === 'simple_expansion' || c.type === 'arithmetic_expansion') {
      evalWord(c, st);
    } else if (EXPRESSION_PARTS.has(c.type)) {
      if (c.namedChildCount > 0) walkExpression(c, st);
    } else unhandled(c, st);
  }
}

/** Parse by allowlist: a node type the walker does not know makes the answer unknown. */
export function unhandled(node: Node, st: State): void {
  if (node.type === 'comment') return;
  const parseErr = node.type === 'ERROR' || node.isMissing;
  const err = parseErr
    ? { code: 'E_PARSE', message: `The shell text does not parse near "${snippet(node.text)}"; fix the syntax or send a simpler command.` }
    : { code: 'E_PARSE', message: `The shell construct "${node.type}" is not one the classifier follows; send a simpler command.` };
  if (!st.error) st.error = err;
  add(st, { rule: parseErr ? 'shell.parse-error' : 'shell.unsupported-syntax', risk: 'unknown', effect: 'unparsed', target: snippet(node.text), explanation: err.message });
}

export function snippet(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

function hasBareBrace(node: Node): boolean {
  for (const c of node.namedChildren) if (c && c.type === 'word' && c.text === '{') return true;
  return false;
}
