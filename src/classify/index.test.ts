import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { classify, initClassifier } from './index.js';

before(() => initClassifier());

const code = (a: unknown, opts = {}) => {
  const r = classify(a, opts);
  return [r.risk, r.error?.code];
};

test('actions of the wrong shape are unknown with a code, never a throw', () => {
  const hostile = {
    kind: 'shell',
    get command(): string {
      throw new Error('boom');
    },
  };
  const got = [
    null,
    undefined,
    'rm -rf /',
    [],
    {},
    { kind: 7 },
    { kind: 'teleport' },
    { kind: 'shell' },
    { kind: 'shell', command: 42 },
    { kind: 'shell', command: '   ' },
    { kind: 'shell', command: 'x'.repeat(1_000_001) },
    { kind: 'sql' },
    { kind: 'sql', sql: 'select 1', dialect: 'oracle' },
    { kind: 'terraform-plan' },
    { kind: 'terraform-plan', plan: [] },
    { kind: 'file', op: 'chmod', path: 'a' },
    { kind: 'file', op: 'write', path: '' },
    { kind: 'mcp', server: 'fs', tool: 'delete_file' },
    hostile,
  ].map((a) => code(a));
  assert.deepEqual(got, [
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_UNSUPPORTED_KIND'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_EMPTY_INPUT'],
    ['unknown', 'E_TOO_LARGE'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_PLAN_SHAPE'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_UNSUPPORTED_KIND'],
    ['unknown', 'E_INTERNAL'],
  ]);
});

test('each kind is dispatched to its classifier', () => {
  const got = [
    { kind: 'sql', sql: 'TRUNCATE payments' },
    { kind: 'sql', sql: 'DELETE FROM payments', dialect: 'mysql' },
    { kind: 'terraform-plan', plan: { resource_changes: [{ address: 'aws_db_instance.main', change: { actions: ['delete', 'create'] } }] } },
    { kind: 'file', op: 'write', path: '.claude/settings.json' },
    { kind: 'shell', command: 'ls -la' },
    { kind: 'shell', command: 'rm -rf /' },
  ].map((a) => classify(a).risk);
  assert.deepEqual(got, ['destructive', 'destructive', 'destructive', 'destructive', 'readonly', 'destructive']);
});

test('the cwd option places file actions', () => {
  assert.deepEqual(
    [
      classify({ kind: 'file', op: 'write', path: '/srv/app/main.py' }, { cwd: '/srv/app' }).risk,
      classify({ kind: 'file', op: 'write', path: '/srv/app/main.py' }, { cwd: '/home/me/other' }).risk,
      classify({ kind: 'file', op: 'write', path: '/srv/app/main.py', cwd: '/srv/app' }).risk,
    ],
    ['mutating', 'destructive', 'mutating'],
  );
});
