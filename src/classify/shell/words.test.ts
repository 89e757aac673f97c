// Quoting, escapes and variables: every spelling of a name reaches the tables as that name.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { decodeAnsiC, shellQuote, unescapeBare, unescapeDouble } from './escapes.js';
import { initShell } from './index.js';
import { shell } from './test-util.js';

before(() => initShell());

const op = (name: string) => `shell.unknown-command mutating ${name}`;

test('escape rules', () => {
  assert.equal(unescapeBare('\\z\\z\\ a\\\nb'), 'zz ab');
  assert.equal(unescapeDouble('a\\$b\\"c\\d'), 'a$b"c\\d');
  assert.equal(decodeAnsiC('\\x7a\\172\\u007a\\n\\t\\cA\\q'), 'zzz\n\t\x01\\q');
  assert.equal(shellQuote("it's"), "'it'\\''s'");
  assert.equal(shellQuote('/tmp/x'), '/tmp/x');
});

test('quoted, escaped and path-qualified names are normalised', () => {
  for (const spelling of ['zzop', '\\zzop', "zz''op", '"zzop"', "'zz'op", '/usr/local/bin/zzop', "$'\\x7a\\x7aop'", '"zz"\'o\'p', './zzop']) {
    assert.deepEqual(shell(`${spelling} -x`), { risk: 'mutating', findings: [op('zzop')] }, spelling);
  }
});

test('script variables are tracked; leading assignments are not the command', () => {
  assert.deepEqual(shell('X=zzop; $X -x'), { risk: 'mutating', findings: [op('zzop')] });
  assert.deepEqual(shell('X=zz; Y=op; "${X}$Y"'), { risk: 'mutating', findings: [op('zzop')] });
  assert.deepEqual(shell('export X=zzop; $X'), { risk: 'mutating', findings: [op('zzop')] });
  assert.deepEqual(shell('FOO=1 BAR=$(zza) zzop'), { risk: 'mutating', findings: [op('zza'), op('zzop')] });
  assert.deepEqual(shell('$(echo zzop) -x'), { risk: 'mutating', findings: ['readonly', op('zzop')] });
});

test('unquoted expansions are split into words on IFS', () => {
  assert.deepEqual(shell('X="zzop -x"; $X'), { risk: 'mutating', findings: [op('zzop')] });
  assert.deepEqual(shell('$(echo zzop -x)'), { risk: 'mutating', findings: ['readonly', op('zzop')] });
  assert.deepEqual(shell('IFS=,; C=zzop,-x; $C'), { risk: 'mutating', findings: [op('zzop')] });
  // Quoted, the value stays one word: a program literally named "zzop -x".
  assert.deepEqual(shell('X="zzop -x"; "$X"'), { risk: 'mutating', findings: [op('zzop -x')] });
  // IFS set to something unknown: the split cannot be known.
  assert.deepEqual(shell('IFS=$SEP; X="zza zzb"; $X'), { risk: 'unknown', findings: ['shell.dynamic-command unknown zza zzb'] });
});

test('a computed command name is unknown', () => {
  assert.deepEqual(shell('$CMD -rf /'), { risk: 'unknown', findings: ['shell.dynamic-command unknown $CMD'] });
  assert.deepEqual(shell('$(zza) -rf /'), { risk: 'unknown', findings: [op('zza'), 'shell.dynamic-command unknown $(zza)'] });
  assert.deepEqual(shell('X=$(zza); $X'), { risk: 'unknown', findings: [op('zza'), 'shell.dynamic-command unknown $X'] });
  // Assigned in a branch: may or may not hold that value, so it is not known.
  assert.deepEqual(shell('if zza; then X=zzop; fi; $X'), { risk: 'unknown', findings: [op('zza'), 'shell.dynamic-command unknown $X'] });
  assert.deepEqual(shell('X=ls; zza || X=zzop; $X'), { risk: 'unknown', findings: [op('zza'), 'shell.dynamic-command unknown $X'] });
  assert.deepEqual(shell('X=zzop; unset X; $X'), { risk: 'unknown', findings: ['shell.dynamic-command unknown $X'] });
});

test('brace expansion gives several words; a globbed command name is unknown', () => {
  assert.deepEqual(shell('zzop ./{a,b}'), { risk: 'mutating', findings: [op('zzop')] });
  assert.deepEqual(shell('/usr/bin/zz?p -x'), { risk: 'unknown', findings: ['shell.dynamic-command unknown /usr/bin/zz?p'] });
  assert.deepEqual(shell('zz*'), { risk: 'unknown', findings: ['shell.dynamic-command unknown zz*'] });
  assert.deepEqual(shell('time (zza; zzb)'), { risk: 'mutating', findings: [op('zza'), op('zzb')] });
});

test('an invalid assignment prefix is judged together with what follows', () => {
  assert.deepEqual(shell('1A=2 zzop'), { risk: 'mutating', findings: [op('zzop')] });
  assert.deepEqual(shell('A-B=2 zzop'), { risk: 'mutating', findings: [op('zzop')] });
});
