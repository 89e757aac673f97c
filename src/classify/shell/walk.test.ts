// The walker reaches every command however it is nested. Command names no table claims ("zzop")
// keep these tests about the walker, not about tool tables.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initShell } from './index.js';
import { shell } from './test-util.js';

before(() => initShell());

const op = (name: string) => `shell.unknown-command mutating ${name}`;
const echo = 'readonly';

test('lists, pipelines, subshells and groups: every command is seen', () => {
  assert.deepEqual(shell('zza && zzb || zzc; zzd'), { risk: 'mutating', findings: [op('zza'), op('zzb'), op('zzc'), op('zzd')] });
  assert.deepEqual(shell('zza | zzb |& zzc'), { risk: 'mutating', findings: [op('zza'), op('zzb'), op('zzc')] });
  assert.deepEqual(shell('(zza; (zzb)) & { zzc; }'), { risk: 'mutating', findings: [op('zza'), op('zzb'), op('zzc')] });
  assert.deepEqual(shell('! zza'), { risk: 'mutating', findings: [op('zza')] });
});

test('substitutions run: $(...), backticks, process substitution, arithmetic, redirect targets', () => {
  assert.deepEqual(shell('echo $(zza)'), { risk: 'mutating', findings: [op('zza'), echo] });
  assert.deepEqual(shell('echo `zzb`'), { risk: 'mutating', findings: [op('zzb'), echo] });
  assert.deepEqual(shell('zzdiff <(zza) <(zzb)'), { risk: 'mutating', findings: [op('zza'), op('zzb'), op('zzdiff')] });
  assert.deepEqual(shell('echo $((1 + $(zza)))'), { risk: 'mutating', findings: [op('zza'), echo] });
  assert.deepEqual(shell('echo x > >(zza)'), { risk: 'mutating', findings: [op('zza'), echo] });
  assert.deepEqual(shell('echo "${X:-$(zza)}"'), { risk: 'mutating', findings: [op('zza'), echo] });
  assert.deepEqual(shell('echo x >"$(zza)"'), { risk: 'mutating', findings: [op('zza'), 'shell.redirect-write mutating $(zza)', echo] });
});

test('control flow and functions: bodies are walked', () => {
  assert.deepEqual(shell('if zza; then zzb; elif zzc; then :; else zzd; fi'), { risk: 'mutating', findings: [op('zza'), op('zzb'), op('zzc'), 'readonly', op('zzd')] });
  assert.deepEqual(shell('for f in $(zza); do zzb "$f"; done'), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
  assert.deepEqual(shell('while zza; do zzb; done; until zzc; do :; done'), { risk: 'mutating', findings: [op('zza'), op('zzb'), op('zzc'), 'readonly'] });
  assert.deepEqual(shell('case $(zza) in a|b) zzb;; *) zzc;; esac'), { risk: 'mutating', findings: [op('zza'), op('zzb'), op('zzc')] });
  assert.deepEqual(shell('for ((i=0;i<3;i++)); do zza; done'), { risk: 'mutating', findings: [op('zza')] });
  assert.deepEqual(shell('f() { zza; }; f'), { risk: 'mutating', findings: [op('zza')] });
  assert.deepEqual(shell('[[ -f $(zza) ]] && echo yes'), { risk: 'mutating', findings: [op('zza'), echo] });
});

test('a for loop over a short literal list walks its body once per value', () => {
  assert.deepEqual(shell('for t in zza zzb; do $t -x; done'), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
  assert.deepEqual(shell('for t in $(zzgen); do $t; done'), { risk: 'unknown', findings: [op('zzgen'), 'shell.dynamic-command unknown $t'] });
  assert.deepEqual(shell('for t in zza; do :; done; $t'), { risk: 'unknown', findings: ['readonly', 'shell.dynamic-command unknown $t'] });
});

test('an alias is judged where it is defined', () => {
  assert.deepEqual(shell("alias go='zza; zzb'"), { risk: 'mutating', findings: [op('zza'), op('zzb'), 'readonly'] });
});

test('a function call is walked with its arguments; command/sudo/xargs bypass functions', () => {
  assert.deepEqual(shell('run() { "$@"; }; run zzop -x'), { risk: 'mutating', findings: [op('zzop')] });
  assert.deepEqual(shell('zzop() { command zzop "$@"; }; zzop -x'), { risk: 'mutating', findings: [op('zzop')] });
  assert.deepEqual(shell('f() { $1; }; f zza; f zzb'), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
  // Never called directly: the body counts as written, with unknown arguments.
  assert.deepEqual(shell('f() { $1; }'), { risk: 'unknown', findings: ['shell.dynamic-command unknown $1'] });
  assert.deepEqual(shell('f() { zza; }; export -f f; bash -c f'), { risk: 'mutating', findings: [op('f'), op('zza')] });
});

test('array indexes and function redirections are evaluated', () => {
  assert.deepEqual(shell('x[$(zza)]=1'), { risk: 'mutating', findings: [op('zza')] });
  assert.deepEqual(shell('f() { zza; } > /etc/motd; f'), { risk: 'destructive', findings: ['shell.redirect-truncate destructive /etc/motd', op('zza')] });
});

test('a fork bomb is destructive', () => {
  assert.deepEqual(shell(':(){ :|:& };:'), { risk: 'destructive', findings: ['shell.fork-bomb destructive :', 'shell.fork-bomb destructive :'] });
  assert.deepEqual(shell('bomb() { bomb | bomb & }; bomb').risk, 'destructive');
  // Plain recursion is not a fork bomb.
  assert.deepEqual(shell('walk() { zza; walk; }; walk'), { risk: 'mutating', findings: [op('zza')] });
});

test('heredocs: the body is stdin, and its substitutions run', () => {
  assert.deepEqual(shell('zzcat <<EOF\nzzb -rf /\nEOF'), { risk: 'mutating', findings: [op('zzcat')] });
  assert.deepEqual(shell('zzcat <<EOF\n$(zza)\nEOF'), { risk: 'mutating', findings: [op('zza'), op('zzcat')] });
  assert.deepEqual(shell("zzcat <<'EOF'\n$(zza)\nEOF"), { risk: 'mutating', findings: [op('zzcat')] });
  assert.deepEqual(shell('zzcat <<EOF && zzb\nx\nEOF'), { risk: 'mutating', findings: [op('zzcat'), op('zzb')] });
});

test('text that only mentions a command runs nothing', () => {
  assert.deepEqual(shell('echo "zzb -rf /"; printf \'zzc\''), { risk: 'readonly', findings: [echo, 'readonly'] });
  assert.deepEqual(shell('# zza\nFOO=1'), { risk: 'readonly', findings: [] });
});

test('parse errors and constructs outside the allowlist are unknown', () => {
  assert.deepEqual(shell("echo 'unterminated"), { risk: 'unknown', findings: ['shell.parse-error unknown', echo], error: 'E_PARSE' });
  assert.deepEqual(shell('zza && (zzb'), { risk: 'unknown', findings: ['shell.parse-error unknown', op('zza'), op('zzb')], error: 'E_PARSE' });
  // tree-sitter takes a stray reserved word for a command name; bash would reject the line.
  assert.deepEqual(shell('zza; done'), { risk: 'unknown', findings: [op('zza'), 'shell.parse-error unknown done'], error: 'E_PARSE' });
});

test('cd: subshells keep theirs, a cd that may not happen leaves the directory unknown', () => {
  assert.equal(shell('cd /etc; (cd /work/proj); zzop > passwd').risk, 'destructive');
  assert.equal(shell('cd /etc; echo $(cd /work/proj); zzop > passwd').risk, 'destructive');
  assert.equal(shell('cd /etc | true; zzop > notes.txt').risk, 'mutating');
  assert.deepEqual(shell('zza && cd /work/proj/sub; zzop > out.txt').findings[2], 'shell.redirect-truncate destructive /out.txt');
  assert.deepEqual(shell('cd "$DIR"; zzop > out.txt').findings[1], 'shell.redirect-truncate destructive /out.txt');
});

test('cd moves where relative redirections land', () => {
  assert.deepEqual(shell('cd /etc && echo x > hosts'), { risk: 'destructive', findings: ['readonly', 'shell.redirect-truncate destructive /etc/hosts', echo] });
  assert.deepEqual(shell('cd sub && echo x > out.txt'), { risk: 'mutating', findings: ['readonly', 'shell.redirect-write mutating out.txt', echo] });
});
