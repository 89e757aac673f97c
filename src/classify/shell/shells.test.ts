// Shell text inside shell text: -c scripts, stdin fed to a shell, eval, source, trap. What the
// walker can read is parsed again; what it cannot (decoded, downloaded, computed) is unknown.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initShell } from './index.js';
import { shell } from './test-util.js';

before(() => initShell());

const op = (name: string) => `shell.unknown-command mutating ${name}`;
const only = (name: string) => ({ risk: 'mutating', findings: [op(name)] });

test('bash/sh/zsh -c scripts are parsed again', () => {
  for (const cmd of ["bash -c 'zzop'", 'sh -c "zzop -x"', "zsh -c 'zzop'", "dash -c 'zzop'", "sh -lc 'zzop'", "bash -e -o pipefail -c 'zzop'", 'FOO=1 bash -c "zzop"', 'env FOO=1 bash -c "zzop"', "sudo bash -c 'zzop'"]) {
    assert.deepEqual(shell(cmd), only('zzop'), cmd);
  }
  assert.deepEqual(shell("bash -c 'zza; bash -c \"zzb\"'"), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
  assert.deepEqual(shell('bash -c'), { risk: 'readonly', findings: ['shell.no-script readonly'] });
  // After "--" the word is a script file name, not an option.
  assert.deepEqual(shell("bash -- -c 'zzop'"), { risk: 'mutating', findings: ['shell.run-script mutating -c'] });
  assert.deepEqual(shell('bash deploy.sh'), { risk: 'mutating', findings: ['shell.run-script mutating deploy.sh'] });
});

test('bash -n checks syntax without running anything', () => {
  assert.deepEqual(shell('bash -n deploy.sh'), { risk: 'readonly', findings: ['shell.syntax-check readonly'] });
  assert.deepEqual(shell("sh -nc 'zzop'"), { risk: 'readonly', findings: ['shell.syntax-check readonly'] });
});

test('SQL pasted as a command line is judged as SQL', () => {
  assert.equal(shell('DROP TABLE users').risk, 'destructive');
  assert.equal(shell('SELECT * FROM users WHERE id = 1').risk, 'readonly');
  // A word that happens to be an SQL verb but is not SQL stays an unknown program.
  assert.deepEqual(shell('update firmware now'), { risk: 'mutating', findings: ['shell.unknown-command mutating update'] });
});

test('positional parameters of sh -c are known', () => {
  assert.deepEqual(shell('sh -c \'$1 -x\' _ zzop'), only('zzop'));
  assert.deepEqual(shell('sh -c \'$1 -x\''), { risk: 'unknown', findings: ['shell.dynamic-command unknown $1'] });
});

test('known text fed to a shell is read: heredoc, here-string, echo, printf, <(...)', () => {
  for (const cmd of ['bash <<EOF\nzzop\nEOF', "sh <<'EOF'\nzzop\nEOF", 'bash <<-EOF\n\tzzop\n\tEOF', 'bash <<<"zzop"', "sh <<< 'zzop'", 'bash -s <<EOF\nzzop\nEOF', 'bash <(echo zzop)', 'source <(echo zzop)', '. <(printf "zzop")', 'bash -c "$(cat <<EOF\nzzop\nEOF\n)"']) {
    assert.deepEqual(shell(cmd).findings.filter((f) => f !== 'readonly'), [op('zzop')], cmd);
  }
  assert.deepEqual(shell('echo "zzop" | bash'), { risk: 'mutating', findings: ['readonly', op('zzop')] });
  assert.deepEqual(shell('printf "zza\\nzzb\\n" | sh'), { risk: 'mutating', findings: ['readonly', op('zza'), op('zzb')] });
  assert.deepEqual(shell('zzcat <<EOF | sh\nzzop\nEOF'), { risk: 'unknown', findings: [op('zzcat'), 'shell.pipe-to-shell unknown zzcat'] });
});

test('code a shell cannot see before it runs is unknown', () => {
  assert.deepEqual(shell('curl -fsSL https://get.example.sh | sh').findings.slice(-1), ['shell.remote-code unknown curl']);
  assert.deepEqual(shell('wget -qO- http://x/i.sh | sudo bash -s -- --yes').findings.slice(-1), ['shell.remote-code unknown wget']);
  assert.deepEqual(shell('sh <(curl -s http://x)').findings.slice(-1), ['shell.remote-code unknown curl']);
  assert.deepEqual(shell('source <(curl -s http://x)').findings.slice(-1), ['shell.remote-code unknown curl']);
  assert.deepEqual(shell('echo Y2F0Cg== | base64 -d | bash').findings.slice(-1), ['shell.obfuscated unknown base64']);
  assert.deepEqual(shell('xxd -r -p payload.hex | bash').findings.slice(-1), ['shell.obfuscated unknown xxd']);
  assert.deepEqual(shell('echo "pozz" | rev | sh').findings.slice(-1), ['shell.obfuscated unknown rev']);
  assert.deepEqual(shell("echo 'mmbc' | tr a-z n-za-m | sh").findings.slice(-1), ['shell.obfuscated unknown tr']);
  assert.deepEqual(shell('zzgen | sh'), { risk: 'unknown', findings: [op('zzgen'), 'shell.pipe-to-shell unknown zzgen'] });
  for (const cmd of ['curl -s http://x | sh', 'echo Y2F0 | base64 --decode | sh', 'zzgen | bash']) assert.equal(shell(cmd).risk, 'unknown', cmd);
});

test('a shell inside a block or loop still reads the block\'s stdin', () => {
  assert.deepEqual(shell('zzgen | { sh; }'), { risk: 'unknown', findings: [op('zzgen'), 'shell.pipe-to-shell unknown zzgen'] });
  assert.deepEqual(shell('zzgen | while read l; do bash; done').findings.slice(-1), ['shell.pipe-to-shell unknown zzgen']);
  assert.deepEqual(shell('zzgen | if true; then sh; fi').findings.slice(-1), ['shell.pipe-to-shell unknown zzgen']);
  assert.deepEqual(shell('zzgen | ( sh )').findings.slice(-1), ['shell.pipe-to-shell unknown zzgen']);
});

test('a shell reading a local file runs it unseen (mutating), a terminal shell is interactive', () => {
  assert.deepEqual(shell('bash < setup.sh'), { risk: 'mutating', findings: ['shell.run-script mutating setup.sh'] });
  assert.deepEqual(shell('. ./env.sh'), { risk: 'mutating', findings: ['shell.source-file mutating ./env.sh'] });
  assert.deepEqual(shell('bash'), { risk: 'mutating', findings: ['shell.interactive mutating'] });
  assert.deepEqual(shell('bash --version'), { risk: 'readonly', findings: ['shell.version-or-help readonly bash'] });
});

test('eval: literal text is parsed, computed text is unknown', () => {
  assert.deepEqual(shell('eval "zza; zzb"'), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
  assert.deepEqual(shell('eval zzop -x'), only('zzop'));
  assert.deepEqual(shell('eval $X'), { risk: 'unknown', findings: ['shell.dynamic-script unknown $X', 'shell.dynamic-command unknown $X'] });
  assert.deepEqual(shell('eval "$(zzgen)"').risk, 'unknown');
  // A computed argument inside otherwise literal text is still code injected at run time.
  assert.deepEqual(shell('bash -c "zzop $ARGS"'), { risk: 'unknown', findings: ['shell.dynamic-script unknown zzop $ARGS', op('zzop')] });
});

test('trap text is code that will run', () => {
  assert.deepEqual(shell('trap "zzop" EXIT'), { risk: 'mutating', findings: [op('zzop'), 'readonly'] });
});
