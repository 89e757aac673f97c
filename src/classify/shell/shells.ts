// Shells and shell builtins that run text as code: `bash -c`, `sh script`, `... | sh`, `eval`,
// `source <(...)`, `trap`, and `ssh host 'cmd'` (the remote side is a shell too). Text the walker
// knows is parsed again; text it cannot see (decoded, downloaded, computed) is unknown.
import type { Finding } from '../../core/index.js';
import { commandName, dispatch } from './command.js';
import { reparse } from './nested.js';
import { skipOptions } from './opts.js';
import { add, type Output, type State, type Vars, type Word } from './state.js';
import { snippet } from './words.js';
import { knownFile, shebang, type KnownFile } from './files.js';
import { info } from './interpreters.js';
import { UNKNOWN_CWD } from './walk.js';

const NONE: Output = { source: 'none' };

/** Run fn with "$@" standing for these words (unknown if any is computed). */
export function withArgv(st: State, args: readonly Word[], fn: () => Output): Output {
  const saved = st.argv;
  st.argv = args.some((w) => w.dynamic) ? null : args.map((w) => w.value);
  try {
    return fn();
  } finally {
    st.argv = saved;
  }
}

/** Positional parameters of a new shell: `sh -c 'rm -rf "$1"' _ /` sees $1 = "/". */
function positional(args: readonly Word[]): Vars {
  const vars: Vars = new Map();
  args.forEach((w, i) => vars.set(String(i), w.dynamic ? null : w.value));
  return vars;
}

export function runShell(words: Word[], st: State, stdin: Output | undefined): Output {
  const name = commandName(words[0]!.value);
  let cflag = false;
  let sflag = false;
  let noexec = false;
  let i = 1;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w.dynamic) {
      if (cflag || w.proc) break; // `bash -c "$SCRIPT"`: the script itself is computed (judged below)
      return dynamicArgs(name, st);
    }
    const v = w.value;
    if (v === '--' || v === '-') {
      i++;
      break;
    }
    if (v.startsWith('--')) {
      if (v === '--rcfile' || v === '--init-file') i++;
      continue;
    }
    if ((v[0] === '-' || v[0] === '+') && v.length > 1) {
      const letters = v.slice(1);
      if (v[0] === '-' && letters.includes('c')) cflag = true;
      if (letters.includes('s')) sflag = true;
      if (v[0] === '-' && letters.includes('n')) noexec = true;
      if (/[oO]/.test(letters)) i++;
      continue;
    }
    break;
  }
  const rest = words.slice(i);
  if (noexec) {
    // -n reads and checks the script without running any of it.
    add(st, { rule: 'shell.syntax-check', risk: 'readonly', effect: 'read', explanation: `${name} -n only checks syntax`, tool: name });
    return NONE;
  }
  if (cflag) {
    const script = rest[0];
    if (!script) {
      add(st, { rule: 'shell.no-script', risk: 'readonly', effect: 'none', explanation: `${name} -c without a script runs nothing`, tool: name });
      return NONE;
    }
    return withArgv(st, rest.slice(2), () => reparse(script.value, st, { via: `${name} -c`, dynamic: script.dynamic, vars: positional(rest.slice(1)) }));
  }
  const file = rest[0];
  if (file && !sflag) {
    if (file.proc) return feed(file.proc, st, `${name} <(...)`, positional(rest));
    if (file.value === '/dev/stdin' || file.value === '-') return feed(stdin, st, `${name} reading stdin`, positional(rest));
    return runFile(name, file, st);
  }
  if (words.slice(1, i).some((w) => /^(?:--version|--help)$/.test(w.value))) return info(name, st);
  return feed(stdin, st, `${name} reading stdin`, positional(rest));
}

function runFile(name: string, file: Word, st: State): Output {
  const known = file.dynamic ? undefined : knownFile(st, file.value);
  if (known) return reparse(known.text, st, { via: `${name} ${file.value}`, dynamic: known.dynamic, vars: new Map() });
  add(st, { rule: 'shell.run-script', risk: 'mutating', effect: 'run-script', target: file.value, explanation: `${name} runs the script ${snippet(file.value)}, whose contents the classifier does not see`, tool: name });
  return { source: 'other' };
}

/** A shell or interpreter reading code from a stream: judge the code if we know it. */
export function feed(src: Output | undefined, st: State, via: string, vars?: Vars, code?: (text: string, dynamic: boolean) => Output): Output {
  if (!src || src.source === 'none') {
    add(st, { rule: 'shell.interactive', risk: 'mutating', effect: 'run-shell', explanation: `${via}: starts an interactive session`, tool: 'shell' });
    return NONE;
  }
  if (src.text !== undefined && src.source === 'literal') {
    if (code) return code(src.text, src.dynamic === true);
    return reparse(src.text, st, { via, dynamic: src.dynamic === true, vars: vars ?? new Map() });
  }
  add(st, unseenCode(src, via));
  return { source: 'other' };
}

export function unseenCode(src: Output, via: string): Finding {
  const what = src.what ? ` (${snippet(src.what)})` : '';
  switch (src.source) {
    case 'decode':
      return { rule: 'shell.obfuscated', risk: 'unknown', effect: 'run-hidden-code', target: src.what, explanation: `${via} runs code decoded or transformed at run time${what}; it cannot be read before it runs`, tool: 'shell' };
    case 'remote':
      return { rule: 'shell.remote-code', risk: 'unknown', effect: 'run-remote-code', target: src.what, explanation: `${via} runs code downloaded at run time${what}; it cannot be read before it runs`, tool: 'shell' };
    case 'file':
      return { rule: 'shell.run-script', risk: 'mutating', effect: 'run-script', target: src.what, explanation: `${via} runs the file${what}, whose contents the classifier does not see`, tool: 'shell' };
    default:
      return { rule: 'shell.pipe-to-shell', risk: 'unknown', effect: 'run-unknown-code', target: src.what, explanation: `${via} runs the output of another command${what}, which is only known at run time`, tool: 'shell' };
  }
}

export function runEval(words: Word[], st: State): Output {
  const args = words.slice(1);
  if (args.length === 0) return NONE;
  return reparse(args.map((w) => w.value).join(' '), st, { via: 'eval', dynamic: args.some((w) => w.dynamic) });
}

export function runSource(words: Word[], st: State, stdin: Output | undefined): Output {
  const file = words[1];
  const name = words[0]!.value;
  if (!file) return NONE;
  if (file.proc) return feed(file.proc, st, `${name} <(...)`, st.vars);
  if (file.value === '/dev/stdin' || file.value === '-') return feed(stdin, st, `${name} /dev/stdin`, st.vars);
  const known = file.dynamic ? undefined : knownFile(st, file.value);
  if (known) return reparse(known.text, st, { via: `${name} ${file.value}`, dynamic: known.dynamic, vars: st.vars });
  add(st, { rule: 'shell.source-file', risk: 'mutating', effect: 'run-script', target: file.value, explanation: `${name} runs ${snippet(file.value)} in this shell; its contents are not seen`, tool: name });
  return { source: 'other' };
}

export function runTrap(words: Word[], st: State): Output | null {
  const action = words[1];
  if (!action || action.value.startsWith('-') || action.value === '') return null;
  reparse(action.value, st, { via: 'trap', dynamic: action.dynamic });
  return null; // and the trap builtin itself is judged like any builtin
}

export function runSsh(words: Word[], st: State, stdin: Output | undefined): Output {
  const values = words.map((w) => w.value);
  const sk = skipOptions(values, words.map((w) => w.dynamic), 1, {
    valued: ['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B', '-P'],
  });
  if (!sk) return dynamicArgs('ssh', st);
  const host = words[sk.index];
  const remote = words.slice(sk.index + 1);
  // -o ProxyCommand=... and -o LocalCommand=... run shell text on this machine.
  words.slice(1, sk.index).forEach((w, i, opts) => {
    const o = w.value === '-o' ? opts[i + 1] : w.value.startsWith('-o') ? { value: w.value.slice(2), dynamic: w.dynamic } : undefined;
    const m = o ? /^(ProxyCommand|LocalCommand)[= ]\s*(.*)$/is.exec(o.value) : null;
    if (o && m) reparse(m[2]!, st, { via: `ssh -o ${m[1]}`, dynamic: o.dynamic });
  });
  const via = `ssh ${host?.value ?? ''}`.trim();
  if (!host || sk.seen.has('-O') || sk.seen.has('-Q') || sk.seen.has('-G') || sk.seen.has('-V')) {
    add(st, { rule: 'shell.ssh-query', risk: 'readonly', effect: 'read', explanation: 'ssh without a remote command to run here', tool: 'ssh' });
    return NONE;
  }
  if (remote.length > 0) {
    // ssh joins its arguments with spaces and the remote shell parses the result.
    const script = remote.map((w) => w.value).join(' ');
    return onHost(host.value, st, () => reparse(script, st, { via, dynamic: remote.some((w) => w.dynamic), vars: new Map() }));
  }
  if (sk.seen.has('-N') || sk.seen.has('-f')) {
    add(st, { rule: 'shell.ssh-tunnel', risk: 'mutating', effect: 'open-tunnel', target: host.value, explanation: `ssh to ${host.value} opens a tunnel or background session`, tool: 'ssh' });
    return NONE;
  }
  return onHost(host.value, st, () => feed(stdin, st, via, new Map()));
}

/** Run fn for a script on another machine. Files deleted there are not this workspace's build
 * output: "regenerable build/temp directory" only holds locally, so such deletions count as
 * destructive. The remote shell starts in the remote home directory. */
function onHost(host: string, st: State, fn: () => Output): Output {
  const saved = st.findings;
  const savedCwd = st.cwd;
  st.findings = [];
  st.cwd = '/home/~';
  try {
    return fn();
  } finally {
    const found = st.findings;
    st.findings = saved;
    st.cwd = savedCwd;
    for (const f of found) {
      if (f.risk === 'mutating' && f.effect === 'delete-files') {
        add(st, { ...f, risk: 'destructive', explanation: `on ${host}: ${f.explanation}, but on another machine they are not this workspace's to regenerate` });
      } else add(st, f);
    }
  }
}

export function runCd(words: Word[], st: State): Output | null {
  const dir = words.find((w, i) => i > 0 && !(w.value.startsWith('-') && w.value.length > 1 && !w.dynamic));
  if (!dir || dir.value === '~' || dir.value.startsWith('~/')) st.cwd = '/home/~' + (dir ? dir.value.slice(1) : '');
  else if (dir.dynamic || dir.value === '-') st.cwd = UNKNOWN_CWD; // could be anywhere
  else if (dir.value.startsWith('/')) st.cwd = dir.value;
  else if (st.cwd !== undefined) st.cwd = `${st.cwd.replace(/\/+$/, '')}/${dir.value}`;
  else if (dir.value.split('/').includes('..')) st.cwd = '/';
  return null; // the cd itself is judged like any builtin
}

function dynamicArgs(name: string, st: State): Output {
  add(st, { rule: 'shell.dynamic-command', risk: 'unknown', effect: 'run-unknown-command', target: name, explanation: `${name} is given computed options, so what it runs cannot be known`, tool: name });
  return { source: 'other' };
}


/** `alias name='text'`: text that runs wherever the name is used later; judged where defined. */
export function runAlias(words: Word[], st: State): Output | null {
  for (const w of words.slice(1)) {
    const eq = w.value.indexOf('=');
    if (eq > 0) reparse(w.value.slice(eq + 1), st, { via: `alias ${w.value.slice(0, eq)}`, dynamic: w.dynamic });
  }
  return null; // and `alias` itself is a builtin like any other
}

/** Run a file this script wrote: by its `#!` line, through that interpreter; otherwise as shell. */
export function runKnownFile(path: string, file: KnownFile, args: Word[], st: State, stdin: Output | undefined): Output {
  const interp = shebang(file.text);
  if (interp && !/^(?:ba|z|da|k|mk)?sh$/.test(interp)) {
    const content: Word = { value: path, dynamic: false };
    return dispatch([{ value: interp, dynamic: false }, content, ...args], st, stdin, `${interp} ${path}`);
  }
  return reparse(file.text, st, { via: path, dynamic: file.dynamic, vars: positional([{ value: path, dynamic: false }, ...args]) });
}
