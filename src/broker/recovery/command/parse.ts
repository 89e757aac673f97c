// The simple commands of a shell command line, with literal argv, for deciding what a recovery
// point must hold. The classifier's findings say *that* files or tables are affected (and name the
// first one); a recovery point needs *every* operand, resolved the way the command will see it.
// Anything computed at run time ($VAR other than $HOME, $(...)) is marked dynamic: the caller then
// knows the point may be incomplete and says so instead of guessing.
import { resolve } from 'node:path';
import { parseScript, type Node } from '../../../classify/shell/parser.js';

export type Word = { value: string; dynamic: boolean; glob: boolean };
export type Invocation = { name: string; args: Word[]; cwd: string; stdin?: string; text: string };
export type Write = { path: Word; cwd: string };
export type Parsed = { invocations: Invocation[]; writes: Write[]; error?: string };

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);
/** Wrappers and how many option words with values they take (simplified; unknown options are skipped). */
const WRAPPERS: Record<string, string[]> = {
  sudo: ['-u', '-g', '-C', '-h', '-p', '-r', '-t', '-U'],
  doas: ['-u', '-C'],
  env: ['-u', '-C', '-S'],
  nohup: [],
  nice: ['-n'],
  ionice: ['-c', '-n', '-p'],
  timeout: ['-s', '-k', '--signal', '--kill-after'],
  time: [],
  command: [],
  exec: ['-a'],
  stdbuf: ['-i', '-o', '-e'],
  setsid: [],
};
const WRITE_OPS = new Set(['>', '>>', '>|', '&>', '&>>']);

export function parseCommand(command: string, cwd: string, home: string | undefined): Parsed {
  const out: Parsed = { invocations: [], writes: [] };
  walkScript(command, { cwd, home, out, depth: 0 });
  return out;
}

type St = { cwd: string; home: string | undefined; out: Parsed; depth: number };

function walkScript(text: string, st: St): void {
  const tree = parseScript(text);
  if (tree === 'not-ready' || tree === 'too-slow') {
    st.out.error = `the shell parser could not read the command (${tree})`;
    return;
  }
  try {
    if (tree.rootNode.hasError) st.out.error = 'the command has a syntax error';
    walk(tree.rootNode, st, undefined);
  } finally {
    tree.delete();
  }
}

function walk(node: Node, st: St, stdin: string | undefined): void {
  if (node.type === 'command') return command(node, st, stdin);
  if (node.type === 'redirected_statement') {
    let body: string | undefined;
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'heredoc_redirect') body = c.namedChildren.find((k) => k?.type === 'heredoc_body')?.text;
      if (c.type === 'herestring_redirect') body = c.namedChildren[0] ? wordOf(c.namedChildren[0], st).value : undefined;
      if (c.type === 'file_redirect') {
        const op = c.children.find((k) => k && !k.isNamed)?.text ?? '';
        const dest = c.childForFieldName('destination');
        if (dest && WRITE_OPS.has(op)) {
          const w = wordOf(dest, st);
          if (!w.value.startsWith('/dev/')) st.out.writes.push({ path: w, cwd: st.cwd });
        }
      }
    }
    const b = node.childForFieldName('body');
    if (b) walk(b, st, body);
    return;
  }
  for (const c of node.namedChildren) if (c) walk(c, st, undefined);
}

function command(node: Node, st: St, stdin: string | undefined): void {
  const words: Word[] = [];
  for (const c of node.namedChildren) {
    if (!c || c.type === 'variable_assignment' || c.type === 'file_redirect') continue;
    // Substitutions inside arguments run too.
    if (c.type !== 'command_name') for (const sub of c.descendantsOfType('command_substitution')) if (sub) walk(sub, st, undefined);
    const w = wordOf(c.type === 'command_name' ? c.namedChildren[0] ?? c : c, st);
    // Unquoted braces expand into several words before anything else ("./{dist,build}").
    const unquoted = c.type === 'word' || (c.type === 'concatenation' && c.namedChildren.every((k) => k?.type === 'word' || k?.type === 'brace_expression'));
    if (unquoted && !w.dynamic && /\{[^{}]*(,|\.\.)[^{}]*\}/.test(w.value)) words.push(...expandBraces(w.value).map((value) => ({ ...w, value })));
    else words.push(w);
  }
  unwrap(words, st, stdin, node.text);
}

function unwrap(words: Word[], st: St, stdin: string | undefined, text: string): void {
  if (words.length === 0) return;
  if (words[0]!.dynamic) st.out.error = `a command name computed at run time (${words[0]!.value})`;
  const name = words[0]!.value.replace(/^.*\//, '');
  const valued = WRAPPERS[name];
  if (valued) {
    let i = 1;
    for (; i < words.length; i++) {
      const v = words[i]!.value;
      if (v === '--') {
        i++;
        break;
      }
      if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) continue;
      if (!v.startsWith('-')) {
        if (name === 'timeout') i++; // the duration
        break;
      }
      if (valued.includes(v)) i++;
    }
    return unwrap(words.slice(i), st, stdin, text);
  }
  if (SHELLS.has(name)) {
    const c = words.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w.value));
    if (c > 0 && words[c + 1] && st.depth < 4) {
      if (words[c + 1]!.dynamic) st.out.error = 'a shell runs a script built at run time';
      else walkScript(words[c + 1]!.value, { ...st, depth: st.depth + 1 });
      return;
    }
  }
  if (name === 'cd' && words.length === 2 && !words[1]!.dynamic) st.cwd = resolve(st.cwd, words[1]!.value);
  st.out.invocations.push({ name, args: words.slice(1), cwd: st.cwd, ...(stdin !== undefined ? { stdin } : {}), text });
}

const GLOB = /[*?[]/;

export function wordOf(node: Node, st: { home: string | undefined }): Word {
  switch (node.type) {
    case 'word': {
      let v = node.text.replace(/\\(.)/g, '$1');
      // ~user is another user's home, which only the shell that runs it knows.
      if (v.startsWith('~') && v !== '~' && !v.startsWith('~/')) return { value: v, dynamic: true, glob: false };
      if (v === '~' || v.startsWith('~/')) {
        if (st.home === undefined) return { value: v, dynamic: true, glob: false };
        v = st.home + v.slice(1);
      }
      return { value: v, dynamic: false, glob: GLOB.test(node.text.replace(/\\./g, '')) };
    }
    case 'brace_expression':
      return { value: node.text, dynamic: false, glob: false };
    case 'number':
      return { value: node.text, dynamic: false, glob: false };
    case 'raw_string':
      return { value: node.text.slice(1, -1), dynamic: false, glob: false };
    case 'string': {
      let v = '';
      let dynamic = false;
      for (const c of node.namedChildren) {
        if (!c) continue;
        if (c.type === 'string_content') v += c.text.replace(/\\([$`"\\\n])/g, '$1');
        else {
          const w = wordOf(c, st);
          v += w.value;
          dynamic ||= w.dynamic;
        }
      }
      return { value: v, dynamic, glob: false };
    }
    case 'simple_expansion':
    case 'expansion': {
      const name = node.text.replace(/^\$\{?|\}$/g, '');
      if (name === 'HOME' && st.home !== undefined) return { value: st.home, dynamic: false, glob: false };
      return { value: node.text, dynamic: true, glob: false };
    }
    case 'concatenation': {
      let v = '';
      let dynamic = false;
      let glob = false;
      for (const c of node.namedChildren) {
        if (!c) continue;
        const w = wordOf(c, st);
        v += w.value;
        dynamic ||= w.dynamic;
        glob ||= w.glob;
      }
      return { value: v, dynamic, glob };
    }
    default:
      return { value: node.text, dynamic: true, glob: false };
  }
}

/** Bash brace expansion of the first {a,b} or {1..3} group, recursively; at most 256 words. */
export function expandBraces(v: string, budget = { n: 256 }): string[] {
  const m = /\{([^{}]*)\}/.exec(v);
  if (!m || budget.n <= 0) return [v];
  const inner = m[1]!;
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(inner);
  let items: string[];
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    items = [];
    for (let i = a; a <= b ? i <= b : i >= b; i += a <= b ? 1 : -1) if (items.push(String(i)) >= 256) break;
  } else if (inner.includes(',')) items = inner.split(',');
  else return [v];
  const pre = v.slice(0, m.index);
  const post = v.slice(m.index + m[0].length);
  const out: string[] = [];
  for (const it of items) {
    budget.n--;
    out.push(...expandBraces(pre + it + post, budget));
  }
  return out;
}
