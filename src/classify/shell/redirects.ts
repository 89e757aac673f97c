// Redirections. `>` truncates before the command even runs, so where it points matters on its
// own: a system file, a home dotfile or a disk device loses its contents; the workspace, /tmp
// and /dev/null are routine. Input redirections say where stdin comes from.
import type { Finding } from '../../core/index.js';
import { guardWrite } from '../file/guard.js';
import { classifyPath, isSystemWide } from '../tools/paths.js';
import type { Node } from './parser.js';
import { heredocText } from './heredoc.js';
import { add, type Output, type State, type Word } from './state.js';
import { evalWord, unhandled } from './words.js';

export type RedirectEffect = {
  stdin?: Output;
  stdoutAway: boolean;
  /** Words after a redirection's target: tree-sitter-bash files them under the redirection, but
   * bash passes them to the command (`git checkout 2>/dev/null -- foo`). */
  extra: Word[];
  /** Where stdout goes when redirected to a plain file, so its text can be remembered. */
  stdoutFile?: { path: string; append: boolean };
};

// Block devices: writing to one overwrites a disk or partition.
const DISK = /^\/dev\/(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|disk\d|rdisk\d|mapper\/|md\d|dm-\d|loop\d|sr\d|nbd\d)/;
// Device files that swallow or pass through output.
const HARMLESS_DEV = /^\/dev\/(?:null|zero|full|stdout|stderr|stdin|tty|pts\/|fd\/|console|random|urandom)/;

export function applyRedirects(nodes: readonly Node[], st: State): RedirectEffect {
  const eff: RedirectEffect = { stdoutAway: false, extra: [] };
  for (const n of nodes) {
    if (n.type === 'herestring_redirect') {
      const w = n.namedChildren[0];
      const v = w ? evalWord(w, st) : { value: '', dynamic: false };
      eff.stdin = { source: 'literal', text: v.value + '\n', dynamic: v.dynamic };
    } else if (n.type === 'heredoc_redirect') {
      const v = heredocText(n, st);
      eff.stdin = { source: 'literal', text: v.value, dynamic: v.dynamic };
    } else if (n.type === 'file_redirect') {
      fileRedirect(n, st, eff);
    } else unhandled(n, st);
  }
  return eff;
}

function fileRedirect(n: Node, st: State, eff: RedirectEffect): void {
  let op = '';
  let fd = '';
  let dest: Word | null = null;
  for (const c of n.children) {
    if (!c) continue;
    if (c.type === 'file_descriptor') fd = c.text;
    else if (!c.isNamed) op += c.type;
    else if (dest) eff.extra.push(evalWord(c, st));
    else dest = evalWord(c, st);
  }
  if (!dest) return; // `2>&-`: closes a descriptor
  if (op === '<' || op === '<&' || op === '<<<') {
    if (op === '<') eff.stdin = dest.proc ?? (/^\/dev\/(?:tcp|udp)\//.test(dest.value) ? { source: 'remote', what: dest.value } : { source: 'file', what: dest.value });
    return;
  }
  if ((op === '>&' || op === '<&' || op === '>&-') && /^(?:\d+-?|-)$/.test(dest.value)) return; // 2>&1 and friends
  const writesStdout = fd === '' || fd === '1' || op.startsWith('&');
  if (writesStdout) eff.stdoutAway = true;
  if (dest.proc) return; // `> >(cmd)`: cmd was walked when the word was evaluated
  const append = op === '>>' || op === '&>>' || op === '<>'; // `<>` opens without truncating
  if (writesStdout && !dest.dynamic) eff.stdoutFile = { path: dest.value, append };
  const f = judgeTarget(dest, append, st);
  if (f) add(st, f);
}

/** What writing to `dest` does: shared by `>` and by file writes inside interpreter code. */
export function judgeTarget(dest: Word, append: boolean, st: State): Finding | null {
  const path = dest.value;
  if (!dest.dynamic && HARMLESS_DEV.test(path)) return null;
  if (!dest.dynamic && DISK.test(path)) {
    return { rule: 'shell.redirect-device', risk: 'destructive', effect: 'overwrite-disk', target: path, explanation: `writes straight onto the block device ${path}, destroying the filesystem on it`, tool: 'shell' };
  }
  if (!dest.dynamic && /^\/dev\/(?:tcp|udp)\//.test(path)) {
    return { rule: 'shell.redirect-network', risk: 'unknown', effect: 'network-stream', target: path, explanation: `redirects to the network socket ${path} (the shape of a reverse shell or data exfiltration)`, tool: 'shell' };
  }
  if (!dest.dynamic && path === '/proc/sysrq-trigger') {
    return { rule: 'shell.redirect-sysrq', risk: 'destructive', effect: 'take-host-down', target: path, explanation: 'writes to /proc/sysrq-trigger, which can crash or reboot the machine', tool: 'shell' };
  }
  // `../../etc/hosts` from a known directory is /etc/hosts: judge where it lands.
  const landed = !dest.dynamic && path.includes('..') && !path.startsWith('/') && st.cwd?.startsWith('/') ? `${st.cwd}/${path}` : path;
  const info = classifyPath(landed, dest.dynamic, st.cwd);
  const verb = append ? 'appends to' : 'overwrites';
  if (!append && (isSystemWide(info.cls) || info.cls === 'outside' || info.cls === 'parent')) {
    return { rule: 'shell.redirect-truncate', risk: 'destructive', effect: 'overwrite-file', target: info.norm, explanation: `\`>\` truncates ${path} (${info.cls} path) before writing; its old contents are lost`, tool: 'shell' };
  }
  // Guard settings, dotfiles, git hooks, outside the workspace: the same judgement as the agent
  // host's Write tool, so `>` is not a way around it. `$HOME/x` is judged as `~/x`.
  if (!dest.dynamic || info.cls === 'home') {
    const g = guardWrite(dest.dynamic ? info.norm : path, st.cwd, st.workspace);
    if (g) return { rule: 'shell.redirect-protected', risk: g.risk, effect: 'write-file', target: g.target, explanation: `${verb} ${path}: ${g.explanation}`, tool: 'shell' };
  }
  return { rule: append ? 'shell.redirect-append' : 'shell.redirect-write', risk: 'mutating', effect: 'write-file', target: path, explanation: `${verb} ${path}`, tool: 'shell' };
}
