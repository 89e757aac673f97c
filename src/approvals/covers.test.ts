import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApprovalRequirement, Risk, Verdict } from '../core/index.js';
import { createHash } from 'node:crypto';
import { actionDigest, uncovered, type Judgement } from './index.js';

const nodeHasher = { sha256: (t: string) => createHash('sha256').update(t, 'utf8').digest('hex') };

const j = (risk: Risk, verdict: Verdict, approval?: Partial<ApprovalRequirement>): Judgement => ({
  report: { risk },
  decision: { verdict, ...(approval ? { approval: { count: 1, roles: [], ttlSeconds: 3600, ...approval } } : {}) },
});

test('an approval covers the same or a milder judgement, never a stricter one', () => {
  const given = j('destructive', 'approve', { count: 2, roles: ['senior'] });
  const cases: [string, Judgement][] = [
    ['same', j('destructive', 'approve', { count: 2, roles: ['senior'] })],
    ['milder risk', j('mutating', 'approve', { count: 1, roles: ['engineer', 'senior'] })],
    ['now allowed', j('readonly', 'allow')],
    ['now denied', j('destructive', 'deny')],
    ['more approvals', j('destructive', 'approve', { count: 3, roles: ['senior'] })],
    ['other roles', j('destructive', 'approve', { count: 2, roles: ['dba'] })],
    ['both role sets', j('destructive', 'approve', { count: 2, roles: ['dba', 'senior'], roleSets: [['dba'], ['senior']] })],
    ['recovery point', j('destructive', 'approve', { count: 2, roles: ['senior'], recoveryPoint: 'required' })],
  ];
  assert.deepEqual(Object.fromEntries(cases.map(([name, fresh]) => [name, uncovered(given, fresh)])), {
    same: null,
    'milder risk': null,
    'now allowed': null,
    'now denied': 'the policy now denies this action',
    'more approvals': 'the action now needs 3 approvals, but it was approved with 2',
    'other roles': 'the action now needs approvers with other roles',
    'both role sets': 'the action now needs approvers with other roles',
    'recovery point': 'the action now requires a recovery point',
  });
});

test('a mutating approval by anyone does not cover a destructive judgement or a role constraint', () => {
  const given = j('mutating', 'approve', { count: 1 });
  assert.deepEqual(
    [uncovered(given, j('destructive', 'approve', { count: 1 })), uncovered(given, j('mutating', 'approve', { count: 1, roles: ['senior'] })), uncovered(given, j('mutating', 'approve', { count: 1 }))],
    ['the action is now judged destructive, but it was approved as mutating', 'the action now needs approvers with other roles', null],
  );
  // A request that was simply allowed was never looked at: it covers nothing that needs approval.
  assert.equal(uncovered(j('mutating', 'allow'), j('mutating', 'approve', { count: 1 })), 'the approval was not given for what the action now needs');
});

test('the digest binds the working directory; without one it is the digest older versions computed', () => {
  const base = { action: { kind: 'shell' as const, command: 'rm -rf src' }, targetId: 'prod', environment: 'production' };
  const digests = [actionDigest(base, nodeHasher), actionDigest({ ...base, cwd: '' }, nodeHasher), actionDigest({ ...base, cwd: '/home/deploy/prod' }, nodeHasher), actionDigest({ ...base, cwd: '/home/deploy/prod/old-copy' }, nodeHasher)];
  assert.deepEqual(digests, [
    nodeHasher.sha256('{"action":{"command":"rm -rf src","kind":"shell"},"environment":"production","target":"prod"}'),
    nodeHasher.sha256('{"action":{"command":"rm -rf src","kind":"shell"},"environment":"production","target":"prod"}'),
    nodeHasher.sha256('{"action":{"command":"rm -rf src","kind":"shell"},"cwd":"/home/deploy/prod","environment":"production","target":"prod"}'),
    nodeHasher.sha256('{"action":{"command":"rm -rf src","kind":"shell"},"cwd":"/home/deploy/prod/old-copy","environment":"production","target":"prod"}'),
  ]);
});
