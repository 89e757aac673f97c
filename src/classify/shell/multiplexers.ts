// Terminal multiplexers run commands for you: `screen -dm cmd`, `tmux new -d 'cmd'`, and
// `tmux send-keys 'text' Enter` types text into a shell. Each is judged as the command it starts.
import { dispatch, joinText } from './command.js';
import { reparse } from './nested.js';
import { skipOptions } from './opts.js';
import { add, type Output, type State, type Word } from './state.js';

const NONE: Output = { source: 'none' };

export function runScreen(words: Word[], st: State): Output {
  const values = words.map((w) => w.value);
  const x = values.indexOf('-X');
  if (x > 0) {
    // `screen -X stuff 'text\n'` types into the session's shell.
    const verb = values[x + 1];
    const text = words[x + 2];
    if (verb === 'stuff' && text) return reparse(text.value.replace(/\\n|\\r/g, '\n'), st, { via: 'screen -X stuff', dynamic: text.dynamic });
    return NONE;
  }
  const sk = skipOptions(values, words.map((w) => w.dynamic), 1, { valued: ['-S', '-c', '-e', '-h', '-p', '-T', '-t', '-s', '-r', '-R', '-x', '-Logfile'] });
  const inner = sk ? words.slice(sk.index) : [];
  if (!sk || inner.length === 0) {
    add(st, { rule: 'shell.interactive', risk: 'mutating', effect: 'run-shell', target: 'screen', explanation: 'screen starts or attaches to a terminal session', tool: 'screen' });
    return NONE;
  }
  return dispatch(inner, st, undefined, joinText(inner));
}

const TMUX_RUNS = new Set(['new-session', 'new', 'new-window', 'neww', 'split-window', 'splitw', 'respawn-pane', 'respawnp', 'respawn-window', 'respawnw', 'run-shell', 'run', 'if-shell', 'if']);
const TMUX_KEYS = new Set(['send-keys', 'send']);
const TMUX_VALUED = ['-s', '-n', '-t', '-c', '-x', '-y', '-e', '-F', '-f', '-L', '-S', '-l', '-p', '-N'];

export function runTmux(words: Word[], st: State): Output {
  const values = words.map((w) => w.value);
  const top = skipOptions(values, words.map((w) => w.dynamic), 1, { valued: ['-L', '-S', '-f', '-T', '-c'] });
  const sub = top ? values[top.index] : undefined;
  if (!top || sub === undefined) {
    add(st, { rule: 'shell.interactive', risk: 'mutating', effect: 'run-shell', target: 'tmux', explanation: 'tmux starts or attaches to a terminal session', tool: 'tmux' });
    return NONE;
  }
  const rest = words.slice(top.index + 1);
  const sk = skipOptions(rest.map((w) => w.value), rest.map((w) => w.dynamic), 0, { valued: TMUX_VALUED });
  const args = sk ? rest.slice(sk.index) : rest;
  if (TMUX_KEYS.has(sub)) {
    // Keys typed into a shell; "Enter"/"C-m" submit the line.
    const text = args.map((w) => (/^(?:Enter|C-m|KPEnter)$/.test(w.value) ? '\n' : w.value)).join(' ');
    return reparse(text, st, { via: 'tmux send-keys', dynamic: args.some((w) => w.dynamic) });
  }
  if (TMUX_RUNS.has(sub) && args.length > 0) {
    return reparse(args.map((w) => w.value).join(' '), st, { via: `tmux ${sub}`, dynamic: args.some((w) => w.dynamic) });
  }
  add(st, { rule: 'shell.tmux', risk: sub.startsWith('kill') ? 'mutating' : 'readonly', effect: 'terminal-session', target: sub, explanation: `tmux ${sub} manages terminal sessions`, tool: 'tmux' });
  return NONE;
}
