// An approval covers one action in one place, judged as it was when its humans approved it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RiskReport } from '../core/index.js';
import { partsFromConfig } from './from-config.js';
import { createEngine } from './index.js';
import { kit, PROD, type Kit } from './test-kit.js';

const rm = (command: string) => ({ kind: 'shell' as const, command });

async function approvedBy(k: Kit, id: string, who: string[]): Promise<void> {
  for (const h of who) await k.engine.approve(k.human(h), id, 'checked');
}

test('an approval given for "rm -rf src" in a copy is not used for "rm -rf src" in the live tree', async () => {
  const k = await kit();
  const copy = await k.engine.submit(k.agent, { action: rm('rm -rf src'), context: { cwd: `${PROD}/old-copy` } });
  await approvedBy(k, copy.id, ['senior-b', 'senior-c']);
  const live = await k.engine.submit(k.agent, { action: rm('rm -rf src'), context: { cwd: PROD } });
  assert.deepEqual(
    { copy: copy.status, live: live.status, newRequest: live.id !== copy.id, risk: live.risk, still: (await k.engine.get(copy.id))!.status },
    { copy: 'pending', live: 'pending', newRequest: true, risk: 'destructive', still: 'approved' },
  );
});

test('an approval of a mutating judgement is not used once the same action is judged destructive', async () => {
  const k = await kit();
  const action = rm('rm -rf generated');
  const mild: RiskReport = { risk: 'mutating', summary: 'mutating: regenerable', findings: [] };
  const sharp: RiskReport = { risk: 'destructive', summary: 'destructive: source directory', findings: [] };
  // The same store and policy, a classifier that judges this action differently (an upgrade, or the
  // file system changed under the same directory): the digest is the same, the judgement is not.
  const engineWith = (report: RiskReport) => createEngine({ parts: { ...partsFromConfig(k.config), classify: () => report }, store: k.store, clock: k.clock, sweepMs: 0 });
  const before = engineWith(mild);
  const a = await before.submit(k.agent, { action, context: { cwd: PROD } });
  assert.deepEqual({ status: a.status, count: a.approval?.count }, { status: 'pending', count: 1 });
  await before.approve(k.human('engineer'), a.id, 'regenerable');
  const after = engineWith(sharp);
  const b = await after.submit(k.agent, { action, context: { cwd: PROD } });
  assert.deepEqual(
    { status: b.status, newRequest: b.id !== a.id, sameDigest: (await after.get(b.id))!.digest === (await after.get(a.id))!.digest, approval: b.approval && { count: b.approval.count, roles: b.approval.roles }, old: (await after.get(a.id))!.status },
    { status: 'pending', newRequest: true, sameDigest: true, approval: { count: 2, roles: ['senior'] }, old: 'approved' },
  );
  // Judged as it was approved, the approval is used.
  const c = await before.submit(k.agent, { action, context: { cwd: PROD } });
  assert.deepEqual({ id: c.id, status: c.status }, { id: a.id, status: 'allowed' });
});

test('the identical action in the same directory uses the approval once, and the audit says where', async () => {
  const k = await kit();
  const cwd = `${PROD}/old-copy`;
  const a = await k.engine.submit(k.agent, { action: rm('rm -rf src'), context: { cwd, session: 's-1' } });
  await approvedBy(k, a.id, ['senior-b', 'senior-c']);
  const again = await k.engine.submit(k.agent, { action: rm('rm -rf src'), context: { cwd, session: 's-2' } });
  assert.deepEqual({ id: again.id, status: again.status }, { id: a.id, status: 'allowed' });
  const used = (await k.store.readAudit(1, 100)).filter((e) => e.type === 'request.used').map((e) => e.body);
  assert.deepEqual(used, [{ request: a.id, agent: k.agent.id, digest: (await k.engine.get(a.id))!.digest, by: k.agent.id, byKind: 'agent', context: { cwd, session: 's-2' } }]);
});

test('an approval is not used when the policy now asks for more approvals than were given', async () => {
  const k = await kit();
  const action = { kind: 'sql' as const, sql: "UPDATE orders SET state = 'closed' WHERE id = 7" };
  const a = await k.engine.submit(k.agent, { action, context: { cwd: PROD } });
  assert.deepEqual({ status: a.status, count: a.approval?.count }, { status: 'pending', count: 1 });
  await approvedBy(k, a.id, ['engineer']);
  const stricter = await kit({ store: k.store, edit: (y) => y.replace('approve: {count: 1, roles: [engineer, senior], ttl: 1h}', 'approve: {count: 2, roles: [senior], ttl: 1h}') });
  stricter.clock.t = k.clock.t;
  const b = await stricter.engine.submit(stricter.agent, { action, context: { cwd: PROD } });
  assert.deepEqual(
    { status: b.status, newRequest: b.id !== a.id, count: b.approval?.count, old: (await k.engine.get(a.id))!.status },
    { status: 'pending', newRequest: true, count: 2, old: 'approved' },
  );
});

test('while frozen, an approval given before the freeze is not used; after the thaw it is', async () => {
  const k = await kit();
  const action = { kind: 'sql' as const, sql: 'DROP TABLE sessions_old' };
  const a = await k.engine.submit(k.agent, { action, context: { cwd: PROD } });
  await approvedBy(k, a.id, ['senior-b', 'senior-c']);
  k.clock.t += 1000;
  await k.engine.freeze(k.human('admin'), 'incident');
  const held = await k.engine.submit(k.agent, { action, context: { cwd: PROD } });
  assert.deepEqual({ status: held.status, newRequest: held.id !== a.id, old: (await k.engine.get(a.id))!.status }, { status: 'pending', newRequest: true, old: 'approved' });
  await k.engine.thaw(k.human('admin'), 'over');
  const after = await k.engine.submit(k.agent, { action, context: { cwd: PROD } });
  assert.deepEqual({ id: after.id, status: after.status }, { id: a.id, status: 'allowed' });
});
