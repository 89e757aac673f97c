// A brokered command runs with the target's credentials and its output goes back to the agent, so
// any command that can read its own environment hands the agent the secret (awk's ENVIRON piped to
// base64 did, in a security review). A denylist of dump commands cannot be complete, so the rule
// is the other way round: a command runs WITH credentials only when the classifier understood all
// of it and nothing in it reaches the environment. Refused: interpreters and inline code of any
// kind, risk "unknown", and every way of naming the environment we know of (case-insensitive,
// after quotes and backslashes are taken out, so `"E"NVIRON` and `pr\intenv` are still seen).
// Redaction of the output (redact.ts) is defence in depth; the hard boundary is the OS user.
import type { RiskReport, Target } from '../../core/index.js';
import { SECRET_NAME } from './env.js';

/** Programs that run code they are given (or load code from the working directory), so what they
 * do with the environment is not something the classifier can vouch for. These names are refused
 * wherever they appear as a word (rare in SQL text, so few false refusals). */
const CODE_RUNNERS = new Set([
  'awk', 'gawk', 'mawk', 'nawk', 'busybox', 'perl', 'python', 'python2', 'python3', 'pypy', 'pypy3', 'ipython', 'ruby', 'irb', 'node',
  'nodejs', 'deno', 'bun', 'php', 'lua', 'luajit', 'tclsh', 'wish', 'expect', 'rscript', 'julia', 'osascript', 'pwsh',
  'powershell', 'java', 'jshell', 'groovy', 'scala', 'kotlin', 'swift', 'sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'fish',
  'csh', 'tcsh', 'eval', 'jq', 'yq', 'gojq', 'sed', 'xargs', 'parallel', 'find', 'gdb', 'lldb', 'strace', 'ltrace', 'bpftrace',
  'valgrind', 'vim', 'vi', 'nvim', 'emacs', 'npm', 'npx', 'yarn', 'pnpm', 'pip', 'cargo', 'env', 'ssh', 'watch', 'nsenter',
]);
const VERSIONED = /^(python|pypy|ruby|perl|php|lua|node|tclsh|pip)[0-9.]+$/;
/** Names that are also ordinary words (`ls .`, "select source"): refused where they run as a command. */
const CODE_COMMANDS = new Set(['.', 'source', 'exec', 'go', 'r', 'make', 'script', 'less', 'more', 'man', 'perf', 'trap', 'alias', 'coproc']);
/** Words that run the next word as the command. */
const PREFIXES = new Set(['sudo', 'time', 'nohup', 'nice', 'command', 'builtin', 'stdbuf', 'timeout', 'then', 'do', 'else', 'if', 'while', 'until', '!']);

/** Ways a command names the environment, matched case-insensitively on the de-quoted text. */
const ENV_READS: [RegExp, string][] = [
  [/environ|getenv|setenv|process\.env|%env|\$env|\benv\s*[[{(.]|\bENV\b/i, 'reads the environment from code'],
  [/\/proc\b/i, 'reads /proc (a process environment lives there)'],
  [/\bprintenv\b|\bcompgen\b|\btypeset\b|\bdeclare\b|\bexport\b|\breadonly\s+-p/i, 'prints the environment'],
  [/(^|[;&|(`{\n]|\$\(|\b(then|do|else|time|command|builtin|sudo|nohup|nice)\s)\s*(set|env)\s*($|[;&|)`}\n<>])/i, 'prints the environment'],
  [/\$\{?!/, 'expands variable names indirectly'],
  [/(^|[;&|(`\s])ps\s+(\S+\s+)*-?[a-z]*e/i, 'can print process environments (ps e)'],
  [/\\(!|[gow]\s*\||i\b|ir\b|include)|(^|\s)(-o|--output|--log-file|-L)[\s=]*\||\bprogram\b/i, 'runs a shell or file from inside a client (psql \\!, \\o |, -o |, COPY PROGRAM)'],
];

/** Quotes and backslashes removed: `"py"th\on` is what bash runs as `python`. */
function dequote(s: string): string {
  return s.replace(/\\(.)/g, '$1').replace(/["']/g, '');
}

function words(s: string): string[] {
  return s.split(/[\s;&|()<>`{}$=]+/).filter(Boolean);
}

/** The first word of every pipeline stage, after assignments and prefix words. */
function commandWords(s: string): string[] {
  const out: string[] = [];
  for (const seg of s.split(/[;&|(){}\n`]|\$\(/)) {
    const ws = seg.trim().split(/\s+/).filter(Boolean);
    let i = 0;
    while (i < ws.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[i]!) || PREFIXES.has(ws[i]!) || /^-|^[0-9.]+[smhd]?$/.test(ws[i]!))) i++;
    if (i < ws.length) out.push(ws[i]!);
  }
  return out;
}

function base(w: string): string {
  return (w.split('/').pop() || w).toLowerCase();
}

/** Shell text whose meaning is only known when it runs: a wildcard can spell /proc/self/environ
 * (`/pr[o]c/se?f/e?viron`, or `cd /; cd p*`), `$'\x70rintenv'` spells printenv, and a substitution
 * inside quotes still runs when the program it is handed to (a git alias, ssh) passes it to a shell. */
function unreadable(command: string): string | null {
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote !== "'" && c === '\\') {
      i++;
      continue;
    }
    if (quote === '' && (c === "'" || c === '"')) {
      if (c === "'" && command[i - 1] === '$') return "it uses $'…' quoting, which can spell any name";
      quote = c;
      continue;
    }
    if (c === quote) {
      quote = '';
      continue;
    }
    if (c === '$' && command[i + 1] === '(') return 'it substitutes a command ($(…)), whose text is only known when it runs';
    if (c === '`' && quote !== "'") return 'it substitutes a command (`…`), whose text is only known when it runs';
    if (quote === '' && (c === '*' || c === '?' || c === '[')) return `it uses a wildcard (${c}), which can name files the broker cannot check`;
  }
  return null;
}

/** Config keys that make a program run another one (git -c alias.x='!…', core.pager, ssh ProxyCommand). */
const RUNS_CONFIGURED = /alias\.|pager|editor|sshcommand|fsmonitor|hookspath|askpass|textconv|externaldiff|proxycommand|localcommand|credential\.helper|--exec\b|--upload-pack|--receive-pack/i;

/** Every directory above a credential file (`tar c /run/cs` reads /run/cs/kubeconfig), but not `/`. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let p = path; p.lastIndexOf('/') > 0; ) {
    p = p.slice(0, p.lastIndexOf('/'));
    out.push(p);
  }
  return out;
}

/** Why this command would expose the target's credentials, or null. */
export function exposesCredentials(command: string, target: Target): string | null {
  const env = target.credentials?.env ?? {};
  const secretNames = Object.keys(env).filter((n) => SECRET_NAME.test(n));
  const flat = dequote(command);
  const lower = flat.toLowerCase();
  for (const n of [...secretNames, ...Object.keys(target.credentials?.files ?? {})]) {
    if (lower.includes(n.toLowerCase())) return `it names ${n}, one of the secrets the broker injects`;
  }
  // Any credential variable expanded by the shell, secret-looking name or not.
  for (const n of Object.keys(env)) {
    if (new RegExp(`\\$\\{?#?${n}\\b`, 'i').test(flat)) return `it expands $${n}, one of the variables the broker injects`;
  }
  for (const [re, what] of ENV_READS) if (re.test(flat) || re.test(command)) return `it ${what}, which holds the injected credentials`;
  for (const f of Object.keys(target.credentials?.files ?? {})) {
    const dir = ancestors(f).find((d) => new RegExp(`${d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|$|[\\s"';&|)])`, 'i').test(flat));
    if (dir) return `it names ${dir}, the directory of a credential file the broker writes`;
  }
  return null;
}

/** Why the broker will not run this command with credentials, or null when it may: it must pass
 * exposesCredentials and be fully understood by the classifier (no code, nothing unknown). */
export function credentialHazard(command: string, target: Target, report: RiskReport): string | null {
  const plain = exposesCredentials(command, target);
  if (plain) return plain;
  const hidden = unreadable(command);
  if (hidden) return hidden;
  if (RUNS_CONFIGURED.test(dequote(command))) return 'it configures a program to run another program (an alias, pager, ssh or helper command)';
  const flat = dequote(command);
  for (const w of words(flat).map(base)) {
    if (CODE_RUNNERS.has(w) || VERSIONED.test(w)) return `it runs ${w}, which executes code the classifier cannot vouch for`;
  }
  for (const w of commandWords(flat).map(base)) {
    if (CODE_COMMANDS.has(w)) return `it runs ${w}, which executes code the classifier cannot vouch for`;
  }
  if (report.risk === 'unknown' || report.error || report.findings.some((f) => f.risk === 'unknown')) return 'the classifier could not fully understand it (risk unknown)';
  const code = report.findings.find((f) => /^shell\.(interpreter|dynamic|run-script|source|env-|remote|pipe-to-shell|obfuscated|items-as-code|unknown-command|builtin)/.test(f.rule));
  if (code) return `it runs code the classifier cannot vouch for (${code.rule})`;
  return null;
}

/** The refusal message: what happened and what to do next. */
export function hazardMessage(targetId: string, why: string): string {
  return (
    `The broker will not run this command with target "${targetId}"'s credentials: ${why}. ` +
    'With credentials the broker runs only commands the classifier fully understands (no interpreters or inline code, nothing ' +
    'that reads the environment). Run it without --target (through your agent host, without the credentials), or, if it really ' +
    'needs them, get it approved by people: a request humans approved runs; one that was merely allowed does not.'
  );
}
