import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Agent, Finding, RiskReport } from '../core/index.js';
import { compilePolicy, evaluate, explain, type EvaluateInput } from './index.js';

const agent: Agent = { kind: 'agent', id: 'bot', operator: 'ana' };

function report(risk: RiskReport['risk'], findings: Partial<Finding>[] = []): RiskReport {
  return {
    risk,
    summary: 'test',
    findings: findings.map((f, i) => ({ rule: `t.${i}`, risk, effect: 'change', explanation: 'x', ...f })),
  };
}

function input(environment: string, r: RiskReport, extra: Partial<EvaluateInput> = {}): EvaluateInput {
  return { action: { kind: 'shell', command: 'x' }, report: r, environment, target: null, agent, ...extra };
}

const policy = compilePolicy({
  default_environment: 'prod',
  environments: {
    prod: { protected: true, default: { approve: { count: 2, roles: ['senior'] } } },
    dev: { protected: false, default: { readonly: 'allow', mutating: 'allow', destructive: 'allow', unknown: { approve: { count: 1 } } } },
  },
  policy: {
    rules: [
      { id: 'read', when: { risk: 'readonly' }, decide: 'allow' },
      { id: 'no-vpc-delete', description: 'Never delete a VPC', when: { environment: 'prod', effect: ['delete-*', 'replace-*'], resource: 'aws_vpc.*' }, decide: 'deny' },
      { id: 'db-two', when: { environment: 'prod', resource: 'aws_db_instance.*' }, decide: { approve: { count: 2, roles: ['senior'], ttl: '30m' } } },
      { id: 'db-dba', when: { environment: 'prod', tool: 'terraform', resource: 'aws_db_*' }, decide: { approve: { count: 1, roles: ['dba', 'senior'], ttl: '2h', recovery_point: 'required' } } },
      { id: 'net-team', when: { environment: 'prod', resource: 'aws_db_instance.net*' }, decide: { approve: { count: 1, roles: ['network'] } } },
      { id: 'npm-ok', when: { environment: 'prod', tool: 'npm' }, decide: 'allow' },
    ],
  },
});

test('strictest wins: deny beats approve and allow', () => {
  const d = evaluate(policy, input('prod', report('destructive', [
    { effect: 'delete-resource', target: 'aws_vpc.main', tool: 'terraform' },
    { effect: 'replace-resource', target: 'aws_db_instance.main', tool: 'terraform' },
  ])));
  assert.deepEqual(d, {
    policyDigest: policy.digest,
    verdict: 'deny',
    matched: ['no-vpc-delete'],
    errors: [],
    reasons: ['Never delete a VPC (no-vpc-delete: denied)'],
  });
});

test('approval requirements combine: larger count, shortest ttl, implied role sets dropped', () => {
  const d = evaluate(policy, input('prod', report('destructive', [{ effect: 'replace-resource', target: 'aws_db_instance.main', tool: 'terraform' }])));
  assert.deepEqual(d.approval, { count: 2, roles: ['senior'], ttlSeconds: 1800, recoveryPoint: 'required' });
  assert.deepEqual(d.matched, ['db-two', 'db-dba']);
  assert.equal(d.verdict, 'approve');
});

test('role sets that do not imply each other are all kept', () => {
  const d = evaluate(policy, input('prod', report('destructive', [{ effect: 'replace-resource', target: 'aws_db_instance.net1', tool: 'terraform' }])));
  assert.deepEqual(d.approval, { count: 2, roles: ['network', 'senior'], roleSets: [['network'], ['senior']], ttlSeconds: 1800, recoveryPoint: 'required' });
  assert.deepEqual(d.reasons.at(-1), 'Rule net-team (net-team: needs 2 approvals from network and senior)');
});

test('no match falls to the environment default for the risk', () => {
  assert.deepEqual(evaluate(policy, input('dev', report('unknown'))), {
    policyDigest: policy.digest,
    verdict: 'approve',
    matched: ['default:dev'],
    errors: [],
    approval: { count: 1, roles: [], ttlSeconds: 3600 },
    reasons: ['No rule matched; the dev default for unknown actions applies: needs 1 approval from any human.'],
  });
  assert.equal(evaluate(policy, input('dev', report('destructive'))).verdict, 'allow');
});

test('an allow rule with finding conditions needs every finding to match', () => {
  const npmOnly = report('mutating', [{ tool: 'npm' }, { tool: 'npm' }]);
  assert.equal(evaluate(policy, input('prod', npmOnly)).verdict, 'allow');
  const mixed = report('destructive', [{ tool: 'npm' }, { tool: 'rm', effect: 'delete-files' }]);
  assert.deepEqual(evaluate(policy, input('prod', mixed)).matched, ['default:prod']);
  assert.deepEqual(evaluate(policy, input('prod', report('mutating'))).matched, ['default:prod']);
});

test('a rule that fails to evaluate counts as deny and is listed in errors', () => {
  const broken = { risk: 'destructive', summary: 'x', findings: [null] } as unknown as RiskReport;
  const d = evaluate(policy, input('prod', broken));
  assert.equal(d.verdict, 'deny');
  assert.deepEqual(d.matched, ['no-vpc-delete', 'db-two', 'db-dba', 'net-team', 'npm-ok']);
  assert.deepEqual(d.errors[0], { rule: 'no-vpc-delete', message: 'a finding in the report is not an object' });
  const badRisk = evaluate(policy, input('dev', { risk: 'fine', summary: '', findings: [] } as unknown as RiskReport));
  assert.deepEqual([badRisk.verdict, badRisk.matched], ['deny', ['read']]);
});

test('an undeclared environment is denied', () => {
  const d = evaluate(policy, input('moon', report('readonly')));
  assert.deepEqual([d.verdict, d.errors], ['deny', [{ rule: '(environment)', message: 'environment "moon" is not declared in the policy' }]]);
  for (const env of ['__proto__', 'constructor', 'toString']) assert.equal(evaluate(policy, input(env, report('readonly'))).verdict, 'deny', env);
});

test('the digest covers decisions, not descriptions', () => {
  const base = { default_environment: 'p', environments: { p: { protected: true, default: 'deny' } } };
  const a = compilePolicy({ ...base, policy: { rules: [{ id: 'r', description: 'one', decide: 'allow', when: { risk: 'readonly' } }] } });
  const b = compilePolicy({ ...base, policy: { rules: [{ id: 'r', description: 'two', decide: 'allow', when: { risk: 'readonly' } }] } });
  const c = compilePolicy({ ...base, policy: { rules: [{ id: 'r', decide: 'allow', when: { risk: ['readonly', 'mutating'] } }] } });
  assert.equal(a.digest, b.digest);
  assert.notEqual(a.digest, c.digest);
  assert.match(a.digest, /^[0-9a-f]{64}$/);
});

test('explain says, per rule, which condition held', () => {
  const e = explain(policy, input('prod', report('destructive', [{ effect: 'delete-resource', target: 'aws_s3_bucket.logs', tool: 'terraform' }])));
  assert.deepEqual(e.rules[1], {
    id: 'no-vpc-delete',
    matched: false,
    decide: 'deny',
    why: ['yes environment "prod" in [prod]', 'no  some finding has effect [delete-*, replace-*], resource [aws_vpc.*] (0 of 1 do)'],
  });
  assert.equal(e.usedDefault, true);
});
