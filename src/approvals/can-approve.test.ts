import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canApprove, canBreakGlass, actionDigest } from './index.js';
import { createHash } from 'node:crypto';
import { T0, ada, agent, eve, olga, pendingRequest, sam } from './test-fixtures.js';

// approvals sits above audit, so the test brings its own Hasher rather than importing audit's.
const nodeHasher = { sha256: (t: string) => createHash('sha256').update(t, 'utf8').digest('hex') };

test('canApprove tells the dashboard who may approve and why not', () => {
  const req = pendingRequest({ approvals: [{ by: 'sam', role: 'senior', at: T0, reason: 'ok', kind: 'approve' }] });
  const sue = { kind: 'human' as const, id: 'sue', roles: ['senior'] };
  assert.deepEqual(
    [sue, sam, olga, eve, ada, agent].map((p) => canApprove(req, p, T0 + 1)),
    [
      { ok: true },
      { ok: false, code: 'E_ALREADY_APPROVED' },
      { ok: false, code: 'E_OPERATOR_APPROVAL' },
      { ok: false, code: 'E_ROLE_REQUIRED' },
      { ok: false, code: 'E_ROLE_REQUIRED' },
      { ok: false, code: 'E_AGENT_APPROVAL' },
    ],
  );
  assert.deepEqual(canApprove(req, sue, T0 + 600_000), { ok: false, code: 'E_EXPIRED' });
  assert.deepEqual(canApprove({ ...req, status: 'approved' }, sue, T0), { ok: false, code: 'E_NOT_PENDING' });
});

test('the action digest binds action, target and environment, not key order', () => {
  const base = { action: { kind: 'shell' as const, command: 'rm -rf /srv/data', cwd: '/srv' }, targetId: 'prod-host', environment: 'production' };
  const d = actionDigest(base, nodeHasher);
  const reordered = actionDigest({ environment: 'production', targetId: 'prod-host', action: { cwd: '/srv', command: 'rm -rf /srv/data', kind: 'shell' } }, nodeHasher);
  const variants = [
    actionDigest({ ...base, action: { ...base.action, command: 'rm -rf /srv/data2' } }, nodeHasher),
    actionDigest({ ...base, targetId: 'staging-host' }, nodeHasher),
    actionDigest({ ...base, targetId: null }, nodeHasher),
    actionDigest({ ...base, environment: 'staging' }, nodeHasher),
  ];
  assert.equal(reordered, d);
  assert.match(d, /^[0-9a-f]{64}$/);
  assert.equal(new Set([d, ...variants]).size, 5);
  assert.equal(d, nodeHasher.sha256('{"action":{"command":"rm -rf /srv/data","cwd":"/srv","kind":"shell"},"environment":"production","target":"prod-host"}'));
});

test('canBreakGlass: admins only, never the requester or the operator, only while open', () => {
  const req = pendingRequest();
  const adminOperator = { kind: 'human' as const, id: 'olga', roles: ['admin'] };
  assert.deepEqual(
    [ada, sam, agent, adminOperator].map((p) => canBreakGlass(req, p, T0)),
    [{ ok: true }, { ok: false, code: 'E_FORBIDDEN' }, { ok: false, code: 'E_AGENT_APPROVAL' }, { ok: false, code: 'E_OPERATOR_APPROVAL' }],
  );
  assert.deepEqual([canBreakGlass(req, ada, T0 + 600_000), canBreakGlass({ ...req, status: 'used' }, ada, T0)], [{ ok: false, code: 'E_EXPIRED' }, { ok: false, code: 'E_NOT_PENDING' }]);
});
