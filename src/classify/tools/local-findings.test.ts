// Whole findings for a few representative commands: the rule, effect, target and explanation a
// reviewer reads in an approval request are part of the contract, not just the risk level.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyShell, initShell } from '../shell/index.js';
import { initSql } from '../sql/index.js';

before(async () => {
  await initShell();
  await initSql();
});

test('a forced push names the remote and branch it overwrites', () => {
  assert.deepEqual(classifyShell('git push --force origin main'), {
    risk: 'destructive',
    summary: 'destructive: git push --force overwrites remote history of origin main',
    findings: [{ rule: 'git.push-force', risk: 'destructive', effect: 'rewrite-remote-history', target: 'origin main', explanation: 'git push --force overwrites remote history of origin main', tool: 'git' }],
  });
});

test('a recursive delete in a home directory names the path', () => {
  assert.deepEqual(classifyShell('rm -rf ~/projects').findings, [
    { rule: 'rm.recursive-precious', risk: 'destructive', effect: 'delete-files', target: '~/projects', explanation: 'recursive delete of a path in a home directory (~/projects)', tool: 'rm' },
  ]);
});

test('a build directory delete is a mutating finding with its own rule', () => {
  assert.deepEqual(classifyShell('rm -rf node_modules').findings, [
    { rule: 'rm.regenerable', risk: 'mutating', effect: 'delete-files', target: 'node_modules', explanation: 'recursive delete of build, cache or temp directories, which are regenerable', tool: 'rm' },
  ]);
});

test('compose down -v reports both the outage and the lost volumes', () => {
  assert.deepEqual(classifyShell('docker compose down -v').findings.map((f) => [f.rule, f.effect, f.risk]), [
    ['docker.take-out', 'stop-service', 'destructive'],
    ['docker.delete-data', 'delete-volumes', 'destructive'],
  ]);
});
