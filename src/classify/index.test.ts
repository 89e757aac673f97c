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
    { kind: 'mcp', server: 'fs', tool: 'write_file', arguments: 'x' },
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
    ['unknown', 'E_BAD_INPUT'],
    ['unknown', 'E_INTERNAL'],
  ]);
});

test('each kind is dispatched to its classifier', () => {
  const got = [
    { kind: 'sql', sql: 'TRUNCATE payments' },
    { kind: 'sql', sql: 'DELETE FROM payments', dialect: 'mysql' },
    { kind: 'sql', sql: 'DELETE FROM payments', dialect: 'Postgres' },
    { kind: 'sql', sql: 'SELECT TOP 5 * FROM payments', dialect: 'mssql' },
    { kind: 'terraform-plan', plan: { resource_changes: [{ address: 'aws_db_instance.main', change: { actions: ['delete', 'create'] } }] } },
    { kind: 'file', op: 'write', path: '.claude/settings.json' },
    { kind: 'shell', command: 'ls -la' },
    { kind: 'shell', command: 'rm -rf /' },
  ].map((a) => classify(a).risk);
  assert.deepEqual(got, ['destructive', 'destructive', 'destructive', 'readonly', 'destructive', 'destructive', 'readonly', 'destructive']);
});

test('initClassifier is idempotent: the same promise, however often it is called', async () => {
  const a = initClassifier();
  const b = initClassifier();
  assert.equal(a, b);
  await Promise.all([a, b, initClassifier()]);
  assert.equal(classify({ kind: 'sql', sql: 'DROP TABLE x' }).risk, 'destructive');
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

test('random token soup never throws and always answers a known risk', () => {
  // A small deterministic PRNG so a failure can be replayed.
  let seed = 0x2545f491;
  const rand = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const TOKENS = ['DELETE', 'FROM', 'WHERE', 'DROP', 'TABLE', 'SELECT', '(', ')', ';', "'", '"', '`', '$$', '\\', '.tables', '--', '/*', '*/', 'x', '1=1', 'WITH', 'AS', 'DO', 'EXECUTE', '|', '$(', 'rm', '-rf', '/', 'bash -c', '&&', '<<EOF', '\n', '\0', '\u00e9', '\ud800'];
  const dialects = ['postgresql', 'mysql', 'sqlite', 'transactsql', 'bigquery', 'snowflake', 'mariadb'];
  const risks = new Set(['readonly', 'mutating', 'destructive', 'unknown']);
  const bad: string[] = [];
  for (let i = 0; i < 1500; i++) {
    const text = Array.from({ length: 1 + rand(12) }, () => TOKENS[rand(TOKENS.length)]).join(rand(2) ? ' ' : '');
    const action = i % 3 === 0 ? { kind: 'shell', command: text } : i % 3 === 1 ? { kind: 'sql', sql: text, dialect: dialects[rand(dialects.length)] } : { kind: 'terraform-plan', plan: text };
    const r = classify(action);
    if (!risks.has(r.risk) || typeof r.summary !== 'string' || !Array.isArray(r.findings) || (r.risk !== 'unknown' && r.error && r.risk !== 'destructive')) bad.push(JSON.stringify(action));
  }
  assert.deepEqual(bad, []);
});
