// The whole shape of a shell report: worst risk, a one-line summary naming the worst finding, and
// every finding with rule, risk, effect, target, explanation and tool.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { classifyShell, initShell } from './index.js';
import { buildReport } from './report.js';

before(() => initShell());

test('a complete report', () => {
  assert.deepEqual(classifyShell('zzop > /etc/motd', { cwd: '/work/proj' }), {
    risk: 'destructive',
    summary: 'destructive: `>` truncates /etc/motd (system path) before writing; its old contents are lost',
    findings: [
      { rule: 'shell.redirect-truncate', risk: 'destructive', effect: 'overwrite-file', target: '/etc/motd', explanation: '`>` truncates /etc/motd (system path) before writing; its old contents are lost', tool: 'shell' },
      { rule: 'shell.unknown-command', risk: 'mutating', effect: 'run-program', target: 'zzop', explanation: 'zzop is not a tool the classifier knows; it may change things', tool: 'zzop' },
    ],
  });
});

test('the summary counts further findings of the same risk; an error shows only when unknown', () => {
  const f = (rule: string, risk: 'readonly' | 'unknown' | 'destructive') => ({ rule, risk, effect: 'x', explanation: rule });
  assert.deepEqual(buildReport([f('a', 'destructive'), f('b', 'destructive'), f('c', 'destructive')]).summary, 'destructive: a (and 2 more destructive findings)');
  const err = { code: 'E_PARSE', message: 'bad' };
  assert.deepEqual(buildReport([f('p', 'unknown')], err), { risk: 'unknown', summary: 'unknown: p', findings: [f('p', 'unknown')], error: err });
  assert.deepEqual(buildReport([f('p', 'unknown'), f('d', 'destructive')], err).error, undefined);
  assert.deepEqual(buildReport([]), { risk: 'readonly', summary: 'readonly: no command runs', findings: [] });
});
