// xargs and GNU parallel run a command once per input item. The walker builds the command they
// would run: items from stdin (when known) or from `:::` lists, substituted for the replacement
// string or appended. Items it cannot know become dynamic words, which tables treat as unknown
// targets.
import { commandName, dispatch, joinText } from './command.js';
import { shellQuote } from './escapes.js';
import { reparse } from './nested.js';
import { skipOptions } from './opts.js';
import { add, type Output, type State, type Word } from './state.js';

const MAX_ITEMS = 8;
const UNKNOWN_ITEM: Word = { value: '$XARGS_ITEM', dynamic: true };

function stdinItems(stdin: Output | undefined, byLine: boolean): Word[] {
  if (!stdin || stdin.text === undefined || stdin.source !== 'literal') return [UNKNOWN_ITEM];
  const parts = stdin.text.split(byLine ? /\n/ : /\s+/).filter((s) => s !== '');
  if (parts.length === 0) return [];
  return parts.slice(0, MAX_ITEMS).map((value) => ({ value, dynamic: stdin.dynamic === true }));
}

export function runXargs(words: Word[], st: State, stdin: Output | undefined): Output {
  const values = words.map((w) => w.value);
  const sk = skipOptions(values, words.map((w) => w.dynamic), 1, {
    valued: ['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '-J', '-R', '-S', '--arg-file', '--delimiter', '--eof', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'],
  });
  if (!sk) return dynamic('xargs', st);
  let inner = words.slice(sk.index);
  if (inner.length === 0) inner = [{ value: 'echo', dynamic: false }];
  let replace: string | undefined = sk.seen.get('-I') ?? sk.seen.get('-J');
  // -i[R] and --replace[=R] take an optional attached value, which the cluster parser cannot see.
  for (const v of values.slice(1, sk.index)) {
    if (v.startsWith('-i') && !v.startsWith('--')) replace = v.slice(2) || '{}';
    if (v === '--replace' || v.startsWith('--replace=')) replace = v.slice(10) || '{}';
  }
  const fromFile = sk.seen.has('-a') || sk.seen.has('--arg-file');
  const items = fromFile ? [UNKNOWN_ITEM] : stdinItems(stdin, replace !== undefined || sk.seen.has('-L') || sk.seen.has('-d'));
  if (items.length === 0) return dispatch(inner, st, undefined, joinText(inner));
  if (itemsAreCode(inner, replace !== undefined ? new RegExp(escapeRe(replace)) : undefined)) flagItemsAsCode('xargs', st);
  if (replace) {
    for (const item of items) dispatch(substitute(inner, replace, item), st, undefined, joinText(inner));
  } else {
    dispatch([...inner, ...items], st, undefined, joinText(inner));
  }
  return { source: 'other' };
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);

/** `xargs bash -c` / `xargs -I{} sh -c {}`: each input item becomes the whole script. Input is data
 * chosen at run time (even when this one example is literal), so running it as code is unknown. */
function itemsAreCode(inner: readonly Word[], token: RegExp | undefined): boolean {
  if (!SHELLS.has(commandName(inner[0]!.value))) return false;
  const c = inner.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w.value));
  if (c < 0) return false;
  const script = inner[c + 1];
  return !script || (token !== undefined && token.test(script.value) && script.value.replace(token, '').trim() === '');
}

function flagItemsAsCode(name: string, st: State): void {
  add(st, { rule: 'shell.items-as-code', risk: 'unknown', effect: 'run-unknown-code', target: name, explanation: `${name} runs each input item as a shell script; what runs is decided by the input at run time`, tool: name });
}

function substitute(words: readonly Word[], token: string, item: Word): Word[] {
  return words.map((w) => (w.value.includes(token) ? { value: w.value.split(token).join(item.value), dynamic: w.dynamic || item.dynamic } : w));
}

const PARALLEL_VALUED = ['-j', '-S', '-a', '-d', '-I', '-n', '-N', '-C', '-E', '-P', '--jobs', '--sshlogin', '--arg-file', '--delimiter', '--colsep', '--joblog', '--results', '--timeout', '--delay', '--halt', '--env', '--workdir', '--wd', '--tmpdir', '--retries', '--load', '--memfree', '--nice', '--basefile', '--return', '--sshloginfile', '--tagstring', '--max-args', '--max-replace-args'];
const REPLACEMENT = /\{(?:[./#%]|\/\/|\/\.|\d+)?\}/;

export function runParallel(words: Word[], st: State, stdin: Output | undefined): Output {
  const values = words.map((w) => w.value);
  const sk = skipOptions(values, words.map((w) => w.dynamic), 1, { valued: PARALLEL_VALUED });
  if (!sk) return dynamic('parallel', st);
  const rest = words.slice(sk.index);
  const sep = rest.findIndex((w) => /^:::+\+?$/.test(w.value));
  const cmd = sep < 0 ? rest : rest.slice(0, sep);
  let items: Word[];
  if (sep >= 0) {
    items = rest.slice(sep + 1).filter((w) => !/^:::+\+?$/.test(w.value));
    if (rest[sep]!.value.startsWith('::::')) items = [UNKNOWN_ITEM]; // :::: reads items from files
  } else items = sk.seen.has('-a') || sk.seen.has('--arg-file') ? [UNKNOWN_ITEM] : stdinItems(stdin, true);
  items = items.slice(0, MAX_ITEMS);
  if (cmd.length === 0) {
    // No command: every item is itself a command line.
    for (const item of items) reparse(item.value, st, { via: 'parallel', dynamic: item.dynamic });
    return { source: 'other' };
  }
  if (items.length === 0) items = [UNKNOWN_ITEM];
  if (itemsAreCode(cmd, REPLACEMENT)) flagItemsAsCode('parallel', st);
  const hasToken = cmd.some((w) => REPLACEMENT.test(w.value));
  for (const item of items) {
    const line = hasToken
      ? cmd.map((w) => ({ value: w.value.replace(new RegExp(REPLACEMENT.source, 'g'), item.value), dynamic: w.dynamic || (REPLACEMENT.test(w.value) && item.dynamic) }))
      : [...cmd, item];
    if (cmd.length === 1 && /\s/.test(cmd[0]!.value)) {
      // parallel 'rm -rf {}': a single word is shell code.
      const text = hasToken ? line[0]!.value : `${cmd[0]!.value} ${shellQuote(item.value)}`;
      reparse(text, st, { via: 'parallel', dynamic: line.some((w) => w.dynamic) });
    } else dispatch(line, st, undefined, joinText(line));
  }
  return { source: 'other' };
}

function dynamic(name: string, st: State): Output {
  add(st, { rule: 'shell.dynamic-command', risk: 'unknown', effect: 'run-unknown-command', target: name, explanation: `${name} is given computed options, so what it runs cannot be known`, tool: name });
  return { source: 'other' };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
