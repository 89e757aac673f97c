// `countersign policy check|test|explain` for real: a spawned bin/countersign on a fresh config.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../../../bin/countersign', import.meta.url).pathname;
const cs = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-policy-'));
  const r = cs('init', '--dir', dir, '--json');
  assert.equal(r.status, 0, r.stderr);
});

test('policy check accepts the starter config', () => {
  const r = cs('policy', 'check', '--dir', dir, '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual({ ...out, policyDigest: typeof out.policyDigest }, {
    ok: true, config: join(dir, 'countersign.yaml'), rules: 11, examples: 42, environments: ['production', 'staging', 'dev'], targets: 2, humans: 5, agents: 1, policyDigest: 'string', warnings: [],
  });
});

test('policy check names the file, line and column of each problem', () => {
  const bad = join(dir, 'bad.yaml');
  const text = readFileSync(join(dir, 'countersign.yaml'), 'utf8').replace('      decide: deny\n', '      decide: denny\n');
  writeFileSync(bad, text);
  const line = text.split('\n').findIndex((l) => l.includes('decide: denny')) + 1;
  const r = cs('policy', 'check', '--config', bad);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `countersign policy check: The policy is invalid. Fix these in ${bad}:\n  ${bad}:${line}:15: policy.rules[0].decide: expected allow, deny or {approve: {count, roles, ttl}}, got "denny" (E_POLICY_INVALID)\n`);
});

test('policy test runs cases and fails on a wrong expectation', () => {
  const cases = join(dir, 'cases.yaml');
  writeFileSync(cases, `- name: reading prod
  action: {kind: sql, sql: "SELECT 1"}
  context: {cwd: ${dir}/workspaces/prod}
  expect: allow
- name: replacing the prod database
  action: {kind: terraform-plan, plan: {resource_changes: [{address: aws_db_instance.main, change: {actions: [delete, create]}}]}}
  target: staging
  expect: approve
  approval: {count: 2, roles: [senior]}
- name: wrong on purpose
  action: {kind: sql, sql: "DROP TABLE t"}
  context: {cwd: ${dir}/workspaces/staging}
  expect: allow
`);
  const r = cs('policy', 'test', '--dir', dir, cases);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, [
    'ok    reading prod: allow by prod-readonly',
    'ok    replacing the prod database: approve (2 from senior) by prod-destructive-two-seniors',
    `FAIL  wrong on purpose (${cases}:10:3): expected allow, got approve (staging-destructive-one-approval)`,
    '2 passed, 1 failed',
    '',
  ].join('\n'));
});

test('policy explain shows the target, each rule and the decision', () => {
  const action = JSON.stringify({ kind: 'terraform-plan', plan: { resource_changes: [{ address: 'aws_vpc.main', change: { actions: ['delete'] } }] } });
  const r = cs('policy', 'explain', '--dir', dir, '--cwd', join(dir, 'workspaces', 'prod'), '--target', 'staging', '--json-action', action, '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(
    { env: out.environment, target: out.target.id, why: out.why, matched: out.rules.filter((x: { matched: boolean }) => x.matched).map((x: { id: string }) => x.id), verdict: out.decision.verdict, dm: out.decision.matched },
    {
      env: 'production',
      target: 'prod',
      why: `target "prod" (production) from working directory ${join(dir, 'workspaces', 'prod')}; the agent's hint "staging" was ignored (the target comes from the context, not from the agent)`,
      matched: ['prod-never-delete-environment', 'prod-destructive-two-seniors'],
      verdict: 'deny',
      dm: ['prod-never-delete-environment'],
    },
  );
  const text = cs('policy', 'explain', '--dir', dir, '--', 'ls', '-la');
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /\nDecision: {5}ALLOW \(prod-readonly\)\n/);
});

test('policy explain needs exactly one action', () => {
  const r = cs('policy', 'explain', '--dir', dir, '--sql', 'SELECT 1', '--', 'ls');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /give exactly one action/);
});
