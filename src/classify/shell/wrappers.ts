// Wrappers: programs that run another command (sudo, env, timeout, nohup, ...). The walker skips
// the wrapper's own options and judges the wrapped command as if it ran directly; a wrapper with
// nothing to wrap runs nothing. This is structure, not tool knowledge: every entry only says
// which options take a value.
import { dispatch, joinText } from './command.js';
import { checkEnv } from './env-vars.js';
import { reparse } from './nested.js';
import { skipOptions, type OptSpec } from './opts.js';
import { add, type Output, type State, type Word } from './state.js';

const NONE: Output = { source: 'none' };

const SPECS: Record<string, OptSpec> = {
  sudo: { valued: ['-u', '-g', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '-R', '-h', '--user', '--group', '--prompt', '--close-from', '--chdir', '--role', '--type', '--other-user', '--command-timeout', '--chroot', '--host'] },
  doas: { valued: ['-u', '-C'] },
  pkexec: { valued: ['--user'] },
  command: { valued: [] },
  builtin: { valued: [] },
  exec: { valued: ['-a'] },
  nice: { valued: ['-n', '--adjustment'] },
  ionice: { valued: ['-c', '-n', '--class', '--classdata'] },
  nohup: {},
  coproc: {},
  timeout: { valued: ['-s', '-k', '--signal', '--kill-after'], positional: 1 },
  gtimeout: { valued: ['-s', '-k', '--signal', '--kill-after'], positional: 1 },
  nsenter: { valued: ['-t', '--target', '-S', '--setuid', '-G', '--setgid'] },
  unshare: { valued: ['--map-user', '--map-group', '--setgroups', '--propagation', '-S', '--setuid', '-G', '--setgid', '-R', '--root', '-w', '--wd', '--kill-child'] },
  entr: {},
  time: { valued: ['-f', '-o', '--format', '--output'] },
  stdbuf: { valued: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  setsid: {},
  unbuffer: {},
  caffeinate: { valued: ['-t', '-w'] },
  chroot: { valued: ['--userspec', '--groups', '--skip-chdir'], positional: 1 },
  gosu: { positional: 1 },
  'su-exec': { positional: 1 },
  chrt: { positional: 1 },
  taskset: { positional: 1 },
  strace: { valued: ['-o', '-e', '-p', '-s', '-u', '-a', '-b', '-E', '-I', '-O', '-P', '-S', '-X', '--output', '--trace'] },
  ltrace: { valued: ['-o', '-e', '-p', '-s', '-u', '-a', '-n', '-l'] },
  sshpass: { valued: ['-p', '-f', '-d', '-P'] },
  proxychains: { valued: ['-f'] },
  proxychains4: { valued: ['-f'] },
  torsocks: { valued: ['-u', '-p', '-a', '-P'] },
  flock: { valued: ['-w', '-E', '--timeout', '--conflict-exit-code'], positional: 1 },
  runuser: { valued: ['-u', '-g', '-G', '--user', '--group', '--supp-group', '-s', '--shell', '-w'] },
  'dbus-run-session': {},
  'xvfb-run': { valued: ['-n', '-s', '-f', '-e', '-p', '--server-num', '--server-args', '--auth-file', '--error-file'] },
};

// Options that mean "look something up, run nothing": `command -v git`, `sudo -l`.
const LOOKUP_ONLY: Record<string, string[]> = { command: ['-v', '-V'], sudo: ['-l', '-v', '-k', '-K', '--list', '--validate'], ionice: ['-p'] };

export function unwrap(words: Word[], st: State, stdin: Output | undefined, text: string): Output | null {
  const name = words[0]!.value.slice(words[0]!.value.lastIndexOf('/') + 1);
  const spec = SPECS[name];
  if (!spec) return null;
  const values = words.map((w) => w.value);
  const dyn = words.map((w) => w.dynamic);
  const sk = skipOptions(values, dyn, 1, spec);
  if (!sk) return unknownOption(name, st);
  if ((LOOKUP_ONLY[name] ?? []).some((o) => sk.seen.has(o)) && (name !== 'sudo' || sk.index >= words.length)) {
    add(st, { rule: 'shell.wrapper-lookup', risk: 'readonly', effect: 'read', target: name, explanation: `${name} ${[...sk.seen.keys()].join(' ')} only looks something up`, tool: name });
    return NONE;
  }
  if (name === 'sudo' && (sk.seen.has('-e') || sk.seen.has('--edit'))) {
    add(st, { rule: 'shell.sudo-edit', risk: 'mutating', effect: 'edit-file', target: values.slice(sk.index).join(' '), explanation: 'sudo -e edits files as root', tool: 'sudo' });
    return NONE;
  }
  if (name === 'flock' && (values[sk.index] === '-c' || values[sk.index] === '--command')) {
    const script = words[sk.index + 1];
    if (script) return reparse(script.value, st, { via: 'flock -c', dynamic: script.dynamic });
  }
  const inner = words.slice(sk.index);
  if (inner.length === 0 && name === 'sudo' && (sk.seen.has('-s') || sk.seen.has('-i') || sk.seen.has('--shell') || sk.seen.has('--login'))) {
    add(st, { rule: 'shell.interactive', risk: 'mutating', effect: 'run-shell', target: 'sudo', explanation: 'sudo -s/-i starts a root shell', tool: 'sudo' });
    return NONE;
  }
  if (inner.length === 0) return nothingWrapped(name, st);
  return dispatch(inner, st, stdin, joinText(inner) || text);
}

/** env: NAME=value pairs, -u NAME, -C dir, and -S "split string" before the command. */
export function unwrapEnv(words: Word[], st: State, stdin: Output | undefined): Output {
  const rest: Word[] = [];
  let i = 1;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w.dynamic) return unknownOption('env', st);
    const v = w.value;
    if (v === '--') {
      i++;
      break;
    }
    if (v === '-u' || v === '--unset' || v === '-C' || v === '--chdir' || v === '-P') {
      i++;
      continue;
    }
    if (v === '-S' || v === '--split-string' || v.startsWith('--split-string=') || (v.startsWith('-S') && v.length > 2)) {
      // -S splits one string into words: the command may be inside it.
      const s = v === '-S' || v === '--split-string' ? words[++i] : { value: v.replace(/^--split-string=|^-S/, ''), dynamic: false };
      if (!s) break;
      if (s.dynamic) return unknownOption('env -S', st);
      const after = words.slice(i + 1).map((x) => x.value).join(' ');
      return reparse(`${s.value} ${after}`.trim(), st, { via: 'env -S', ...(stdin ? { stdin } : {}) });
    }
    if (v.startsWith('-')) continue; // -, -i, -0, -v, --ignore-environment, -uNAME, -CDIR
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      const eq = v.indexOf('=');
      checkEnv(v.slice(0, eq), { value: v.slice(eq + 1), dynamic: false }, st);
      continue;
    }
    break;
  }
  rest.push(...words.slice(i));
  if (rest.length === 0) {
    add(st, { rule: 'shell.env-print', risk: 'readonly', effect: 'read', explanation: 'env with no command prints the environment', tool: 'env' });
    return { source: 'other' };
  }
  return dispatch(rest, st, stdin, joinText(rest));
}

/** script [-q] -c 'cmd' [file]: runs the command text in a recorded shell. */
export function unwrapScript(words: Word[], st: State): Output {
  const i = words.findIndex((w, k) => k > 0 && (w.value === '-c' || w.value === '--command'));
  const text = i > 0 ? words[i + 1] : words.find((w, k) => k > 0 && w.value.startsWith('--command='));
  if (!text) {
    add(st, { rule: 'shell.interactive', risk: 'mutating', effect: 'run-shell', target: 'script', explanation: 'script records an interactive shell', tool: 'script' });
    return NONE;
  }
  return reparse(text.value.replace(/^--command=/, ''), st, { via: 'script -c', dynamic: text.dynamic });
}

/** su [-] [user] -c 'script' and runuser user -c 'script': the script is shell text. */
export function unwrapSu(words: Word[], st: State, stdin: Output | undefined): Output {
  const name = words[0]!.value;
  for (let i = 1; i < words.length; i++) {
    const v = words[i]!.value;
    if (v === '-c' || v === '--command' || v === '--session-command') {
      const s = words[i + 1];
      if (!s) break;
      return reparse(s.value, st, { via: `${name} -c`, dynamic: s.dynamic });
    }
    if (v.startsWith('--command=')) return reparse(v.slice(10), st, { via: `${name} -c`, dynamic: words[i]!.dynamic });
  }
  if (name === 'runuser' && words.some((w) => w.value === '-u' || w.value === '--user')) return unwrap(words, st, stdin, '') ?? NONE;
  add(st, { rule: 'shell.interactive', risk: 'mutating', effect: 'run-shell', explanation: `${name} starts a login shell as another user`, tool: name });
  return NONE;
}

/** busybox <applet> args: the applet is the command. */
export function unwrapBusybox(words: Word[], st: State, stdin: Output | undefined): Output {
  const inner = words.slice(1);
  if (inner.length === 0 || inner[0]!.value.startsWith('-')) {
    add(st, { rule: 'shell.wrapper-lookup', risk: 'readonly', effect: 'read', target: 'busybox', explanation: 'busybox without an applet lists its applets', tool: 'busybox' });
    return { source: 'other' };
  }
  return dispatch(inner, st, stdin, joinText(inner));
}

/** watch [opts] cmd: runs `sh -c "<cmd joined>"` repeatedly (or exec's it with -x). */
export function unwrapWatch(words: Word[], st: State): Output {
  const values = words.map((w) => w.value);
  const sk = skipOptions(values, words.map((w) => w.dynamic), 1, { valued: ['-n', '-q', '--interval', '--equexit'] });
  if (!sk) return unknownOption('watch', st);
  const inner = words.slice(sk.index);
  if (inner.length === 0) return nothingWrapped('watch', st);
  if (sk.seen.has('-x') || sk.seen.has('--exec')) return dispatch(inner, st, undefined, joinText(inner));
  return reparse(joinText(inner), st, { via: 'watch', dynamic: inner.some((w) => w.dynamic) });
}

function nothingWrapped(name: string, st: State): Output {
  add(st, { rule: 'shell.wrapper-only', risk: 'readonly', effect: 'none', target: name, explanation: `${name} with no command to run`, tool: name });
  return NONE;
}

function unknownOption(name: string, st: State): Output {
  add(st, { rule: 'shell.dynamic-command', risk: 'unknown', effect: 'run-unknown-command', target: name, explanation: `${name} is given a computed option, so which command it runs cannot be known`, tool: name });
  return { source: 'other' };
}
