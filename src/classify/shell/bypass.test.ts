// Bypasses found in review: each case was answered "readonly" or "mutating" before its fix.
// Whole reports are compared as risk plus the rule ids that decided it.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { classifyShell, initShell } from './index.js';

before(() => initShell());

/** Risk and the distinct rule ids of the findings that carry that risk. */
function judge(command: string, cwd = '/work/proj'): { risk: string; rules: string[] } {
  const r = classifyShell(command, { cwd });
  return { risk: r.risk, rules: [...new Set(r.findings.filter((f) => f.risk === r.risk).map((f) => f.rule))] };
}

test('a workspace under /tmp or a build-named directory is still a workspace', () => {
  const got = ['/tmp/ci/app', '/home/dev/out/app', '/home/dev/logs/app'].flatMap((cwd) =>
    ['rm -rf .', 'rm -rf *', 'rm -rf src', 'rm -rf data', 'rm -rf ../app'].map((c) => [cwd, c, judge(c, cwd).risk]));
  assert.deepEqual(got, ['/tmp/ci/app', '/home/dev/out/app', '/home/dev/logs/app'].flatMap((cwd) =>
    ['rm -rf .', 'rm -rf *', 'rm -rf src', 'rm -rf data', 'rm -rf ../app'].map((c) => [cwd, c, 'destructive'])));
  // Build output below the workspace stays routine wherever the workspace is.
  assert.deepEqual(judge('rm -rf node_modules dist', '/tmp/ci/app'), { risk: 'mutating', rules: ['rm.regenerable'] });
  // "logs" holds data, not build output.
  assert.deepEqual(judge('rm -rf logs', '/home/dev/app'), { risk: 'destructive', rules: ['rm.recursive-precious'] });
});
