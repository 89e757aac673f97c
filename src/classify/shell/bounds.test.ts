// Hostile input: every case answers unknown with a stable code, quickly, and never throws.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { classifyShell, initShell } from './index.js';

before(() => initShell());

function timed(command: string): { risk: string; code: string | undefined; ms: number } {
  const t0 = performance.now();
  const r = classifyShell(command);
  return { risk: r.risk, code: r.error?.code, ms: performance.now() - t0 };
}

test('empty, oversized and malformed text is refused before parsing', () => {
  assert.deepEqual(classifyShell(''), { risk: 'unknown', summary: 'unknown: The command is empty. Send the command line the agent wants to run.', findings: [], error: { code: 'E_EMPTY_INPUT', message: 'The command is empty. Send the command line the agent wants to run.' } });
  assert.deepEqual([timed(' \n\t ').code, timed('x'.repeat(1_000_001)).code], ['E_EMPTY_INPUT', 'E_TOO_LARGE']);
  assert.deepEqual([timed('echo a\0b').code, timed('echo \uD800x').code, timed('echo \uDC00').code, timed('echo \uFFFD').code], ['E_BAD_INPUT', 'E_INVALID_UTF8', 'E_INVALID_UTF8', 'E_INVALID_UTF8']);
  assert.equal(classifyShell(42 as unknown as string).error?.code, 'E_BAD_INPUT');
  // Valid astral characters are fine.
  assert.equal(classifyShell("echo '🚀 你好'").risk, 'readonly');
});

test('10,000 nested $(...) answer unknown E_TOO_DEEP quickly', () => {
  const r = timed('echo ' + '$('.repeat(10_000) + 'zzop' + ')'.repeat(10_000));
  assert.deepEqual([r.risk, r.code], ['unknown', 'E_TOO_DEEP']);
  assert.ok(r.ms < 2000, `took ${r.ms} ms`);
  const b = timed('echo ' + '"$(echo '.repeat(3000) + 'x' + ')"'.repeat(3000));
  assert.deepEqual([b.risk, b.code], ['unknown', 'E_TOO_DEEP']);
});

test('deep syntax nesting, eval chains and huge scripts are bounded', () => {
  assert.deepEqual(pick(timed('{ '.repeat(3000) + 'zz; ' + '}; '.repeat(3000))), ['unknown', 'E_TOO_DEEP']);
  assert.deepEqual(pick(timed('if a; then '.repeat(2000) + 'zz' + '; fi'.repeat(2000))), ['unknown', 'E_TOO_DEEP']);
  assert.deepEqual(pick(timed('eval '.repeat(100) + 'zz')), ['unknown', 'E_TOO_DEEP']);
  const many = timed('zz;'.repeat(120_000));
  assert.deepEqual(pick(many), ['unknown', 'E_TOO_MUCH_WORK']);
  assert.ok(many.ms < 3000, `took ${many.ms} ms`);
  const words = timed('echo ' + 'x '.repeat(499_000));
  assert.deepEqual(pick(words), ['unknown', 'E_TOO_MUCH_WORK']);
  assert.ok(words.ms < 3000, `took ${words.ms} ms`);
});

test('a destructive finding made before a bound is hit is kept', () => {
  const r = classifyShell('echo x > /etc/passwd; ' + 'eval '.repeat(100) + 'zz');
  assert.deepEqual([r.risk, r.error?.code, r.findings.map((f) => f.rule)], ['unknown', 'E_TOO_DEEP', ['shell.redirect-truncate']]);
});

test('the parser is reusable after a cancelled parse', () => {
  timed('echo ' + 'x '.repeat(499_000));
  assert.equal(classifyShell('zzop').risk, 'mutating');
});

function pick(r: { risk: string; code: string | undefined }): [string, string | undefined] {
  return [r.risk, r.code];
}

test('random splices of shell syntax never throw and always answer a risk', () => {
  const pieces = ['$(', ')', '`', '"', "'", '<<EOF\n', '\nEOF\n', '|', '&&', ';', '{', '}', '(', 'bash -c ', 'eval ', 'xargs ', 'sudo ', 'env -S ', '$X', '${', '<(', '>', '2>&1', 'python3 -c ', 'perl -e ', '\\', "$'\\x41'", 'for i in a; do ', 'done', 'case x in a) ', ';;', 'esac', '[[ ', ' ]]', '$((', '))', ' ', 'zzop', 'f() { ', 'ssh h ', 'parallel ', ':::', '{}', 'os.system(', 'tmux send-keys ', '\n', 'X="a b"; ', '"$@"', 'alias a=', 'cat > s.sh <<E\n', 'bash s.sh'];
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const risks = new Set(['readonly', 'mutating', 'destructive', 'unknown']);
  for (let k = 0; k < 1500; k++) {
    let s = '';
    for (let i = 1 + rnd(14); i > 0; i--) s += pieces[rnd(pieces.length)];
    const r = classifyShell(s);
    assert.ok(risks.has(r.risk), s);
    assert.notEqual(r.error?.code, 'E_INTERNAL', `${JSON.stringify(s)}: ${r.error?.message}`);
  }
});
