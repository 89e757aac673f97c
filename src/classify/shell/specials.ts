// Commands the walker handles itself because they run other commands or shell text. Tables never
// see these names; everything else goes to the tables.
import { runInterpreter, isInterpreter } from './interpreters.js';
import { runXargs, runParallel } from './fanout.js';
import { runScreen, runTmux } from './multiplexers.js';
import { runAlias, runCd, runEval, runShell, runSource, runSsh, runTrap } from './shells.js';
import type { Output, State, Word } from './state.js';
import { unwrap, unwrapBusybox, unwrapEnv, unwrapScript, unwrapSu, unwrapWatch } from './wrappers.js';

/** Handles a command; null means "not mine after all, ask the tables". */
export type Special = (words: Word[], st: State, stdin: Output | undefined, text: string) => Output | null;

const SHELLS = ['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'yash', 'posh', 'rbash', 'csh', 'tcsh'];
const WRAPPERS = ['sudo', 'doas', 'pkexec', 'command', 'builtin', 'exec', 'nice', 'ionice', 'nohup', 'coproc', 'timeout', 'gtimeout', 'nsenter', 'unshare', 'entr', 'time', 'stdbuf', 'setsid', 'unbuffer', 'caffeinate', 'chroot', 'gosu', 'su-exec', 'chrt', 'taskset', 'strace', 'ltrace', 'sshpass', 'proxychains', 'proxychains4', 'torsocks', 'flock', 'dbus-run-session', 'xvfb-run'];

const MAP = new Map<string, Special>();
for (const s of SHELLS) MAP.set(s, (w, st, stdin) => runShell(w, st, stdin));
for (const s of WRAPPERS) MAP.set(s, unwrap);
MAP.set('env', (w, st, stdin) => unwrapEnv(w, st, stdin));
MAP.set('su', (w, st, stdin) => unwrapSu(w, st, stdin));
MAP.set('runuser', (w, st, stdin) => unwrapSu(w, st, stdin));
MAP.set('busybox', (w, st, stdin) => unwrapBusybox(w, st, stdin));
MAP.set('toybox', (w, st, stdin) => unwrapBusybox(w, st, stdin));
MAP.set('sg', (w, st, stdin) => unwrapSu(w, st, stdin));
MAP.set('script', (w, st) => unwrapScript(w, st));
MAP.set('watch', (w, st) => unwrapWatch(w, st));
MAP.set('xargs', (w, st, stdin) => runXargs(w, st, stdin));
MAP.set('parallel', (w, st, stdin) => runParallel(w, st, stdin));
MAP.set('eval', (w, st) => runEval(w, st));
MAP.set('source', (w, st, stdin) => runSource(w, st, stdin));
MAP.set('.', (w, st, stdin) => runSource(w, st, stdin));
MAP.set('trap', (w, st) => runTrap(w, st));
MAP.set('alias', (w, st) => runAlias(w, st));
MAP.set('ssh', (w, st, stdin) => runSsh(w, st, stdin));
MAP.set('cd', (w, st) => runCd(w, st));
MAP.set('screen', (w, st) => runScreen(w, st));
MAP.set('tmux', (w, st) => runTmux(w, st));
MAP.set('pushd', (w, st) => runCd(w, st));

export const SPECIALS = {
  get(name: string): Special | undefined {
    const s = MAP.get(name);
    if (s) return s;
    return isInterpreter(name) ? (w, st, stdin) => runInterpreter(w, st, stdin) : undefined;
  },
};
