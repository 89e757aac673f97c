import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeOf, kit, plan, PROD, STAGING } from './test-kit.js';

const replaceDb = { kind: 'terraform-plan' as const, plan: plan('aws_db_instance.main', ['delete', 'create']), command: 'terraform apply' };
const inProd = { cwd: PROD };

test('two seniors approve a production DB replacement; the identical action is allowed once, then asks again', async () => {
  const k = await kit();
  const a = await k.engine.submit(k.agent, { action: replaceDb, context: inProd });
  assert.deepEqual({ status: a.status, risk: a.risk, approval: a.approval }, {
    status: 'pending',
    risk: 'destructive',
    approval: { count: 2, roles: ['senior'], have: 0, expiresAt: k.clock.t + 30 * 60_000, url: `http://cs.test/requests/${a.id}` },
  });
  assert.equal(await codeOf(k.engine.approve(k.human('senior-a'), a.id, 'I run this agent')), 'E_OPERATOR_APPROVAL');
  assert.equal(await codeOf(k.engine.approve(k.agent, a.id, 'looks fine')), 'E_AGENT_APPROVAL');
  assert.equal(await codeOf(k.engine.approve(k.human('engineer'), a.id, 'fine')), 'E_ROLE_REQUIRED');
  assert.equal((await k.engine.approve(k.human('senior-b'), a.id, 'checked the plan')).status, 'pending');
  assert.equal(await codeOf(k.engine.approve(k.human('senior-b'), a.id, 'again')), 'E_ALREADY_APPROVED');
  assert.equal((await k.engine.approve(k.human('senior-c'), a.id, 'backup exists')).status, 'approved');
  assert.equal(await codeOf(k.engine.approve(k.human('admin'), a.id, 'late')), 'E_NOT_PENDING');

  const again = await k.engine.submit(k.agent, { action: replaceDb, context: inProd });
  assert.deepEqual({ id: again.id, status: again.status }, { id: a.id, status: 'allowed' });
  assert.equal((await k.engine.get(a.id))!.status, 'used');
  const third = await k.engine.submit(k.agent, { action: replaceDb, context: inProd });
  assert.equal(third.status, 'pending');
  assert.notEqual(third.id, a.id);

  const changed = { ...replaceDb, plan: plan('aws_db_instance.other', ['delete', 'create']) };
  const c = await k.engine.submit(k.agent, { action: changed, context: inProd });
  assert.equal(c.status, 'pending');
  assert.deepEqual(await k.engine.verifyAudit().then((r) => ({ ok: r.ok, broken: r.broken })), { ok: true, broken: undefined });
});

test('deleting the production environment is denied, and nobody can approve a denial', async () => {
  const k = await kit();
  const a = await k.engine.submit(k.agent, { action: { kind: 'terraform-plan', plan: plan('aws_elastic_beanstalk_environment.prod', ['delete']) }, context: inProd });
  assert.equal(a.status, 'denied');
  assert.equal(await codeOf(k.engine.approve(k.human('senior-b'), a.id, 'please')), 'E_NOT_PENDING');
  assert.equal(await codeOf(k.engine.breakGlass(k.human('admin'), a.id, 'please')), 'E_NOT_PENDING');
  const again = await k.engine.submit(k.agent, { action: { kind: 'terraform-plan', plan: plan('aws_elastic_beanstalk_environment.prod', ['delete']) }, context: inProd });
  assert.equal(again.status, 'denied');
});

test('the agent cannot move an action out of production by claiming a target', async () => {
  const k = await kit();
  const a = await k.engine.submit(k.agent, { action: { kind: 'sql', sql: 'DROP TABLE users' }, target: 'staging', context: inProd });
  const r = (await k.engine.get(a.id))!;
  assert.deepEqual({ status: a.status, env: r.environment, target: r.targetId }, { status: 'pending', env: 'production', target: 'prod' });
});

test('an expired request is never allowed, even after the clock jumps back', async () => {
  const k = await kit();
  const action = { kind: 'sql' as const, sql: 'DELETE FROM orders' };
  const a = await k.engine.submit(k.agent, { action, context: inProd });
  k.clock.t += 31 * 60_000;
  assert.equal(await k.engine.sweep(), 1);
  assert.equal((await k.engine.get(a.id))!.status, 'expired');
  k.clock.t -= 60 * 60_000; // the wall clock jumps back an hour
  assert.equal(await codeOf(k.engine.approve(k.human('senior-b'), a.id, 'ok')), 'E_EXPIRED');
  const b = await k.engine.submit(k.agent, { action, context: inProd });
  assert.equal(b.status, 'pending');
  assert.notEqual(b.id, a.id);
});

test('an approval not used before it expires is never used', async () => {
  const k = await kit();
  const action = { kind: 'sql' as const, sql: 'DROP TABLE audit_old' };
  const a = await k.engine.submit(k.agent, { action, context: inProd });
  await k.engine.approve(k.human('senior-b'), a.id, 'ok');
  await k.engine.approve(k.human('senior-c'), a.id, 'ok');
  k.clock.t += 31 * 60_000;
  const b = await k.engine.submit(k.agent, { action, context: inProd });
  assert.equal(b.status, 'pending');
  assert.notEqual(b.id, a.id);
  // The index-only sweep knows the approval from the engine's own events.
  assert.equal(await k.engine.sweep(false), 1);
  assert.equal((await k.engine.get(a.id))!.status, 'expired');
});

test('two approvals at the same instant both count; two identical submissions get the approval exactly once', async () => {
  const k = await kit();
  const action = { kind: 'sql' as const, sql: 'TRUNCATE sessions' };
  const a = await k.engine.submit(k.agent, { action, context: inProd });
  const both = await Promise.all([k.engine.approve(k.human('senior-b'), a.id, 'b'), k.engine.approve(k.human('senior-c'), a.id, 'c')]);
  assert.deepEqual(both.map((r) => r.status).sort(), ['approved', 'pending']);
  const stored = (await k.engine.get(a.id))!;
  assert.deepEqual({ status: stored.status, by: stored.approvals.map((x) => x.by).sort() }, { status: 'approved', by: ['senior-b', 'senior-c'] });

  const race = await Promise.all([1, 2, 3, 4].map(() => k.engine.submit(k.agent, { action, context: inProd })));
  const allowed = race.filter((x) => x.status === 'allowed');
  assert.deepEqual(allowed.map((x) => x.id), [a.id]);
  assert.deepEqual(race.filter((x) => x.status === 'pending').length, 3);
});

test('reject, break-glass and their refusals', async () => {
  const k = await kit();
  const a = await k.engine.submit(k.agent, { action: { kind: 'sql', sql: 'DROP TABLE a' }, context: inProd });
  assert.equal(await codeOf(k.engine.reject(k.human('engineer'), a.id, '')), 'E_REASON_REQUIRED');
  assert.equal((await k.engine.reject(k.human('engineer'), a.id, 'no')).status, 'rejected');
  const b = await k.engine.submit(k.agent, { action: { kind: 'sql', sql: 'DROP TABLE b' }, context: inProd });
  assert.equal(await codeOf(k.engine.breakGlass(k.human('senior-b'), b.id, 'outage')), 'E_FORBIDDEN');
  assert.equal((await k.engine.breakGlass(k.human('admin'), b.id, 'outage')).status, 'approved');
  assert.equal(await codeOf(k.engine.approve(k.human('senior-b'), 'req_nope', 'x')), 'E_NOT_FOUND');
  const types = (await k.store.readAudit(1, 100)).map((e) => e.type);
  assert.ok(types.includes('request.break-glass') && types.includes('request.rejected'));
});

test('freeze holds every new action for a human; thaw lets them through again', async () => {
  const k = await kit();
  const ls = { kind: 'shell' as const, command: 'ls -la' };
  assert.equal((await k.engine.submit(k.agent, { action: ls, context: { cwd: STAGING } })).status, 'allowed');
  assert.equal(await codeOf(k.engine.freeze(k.human('senior-b'), 'stop')), 'E_FORBIDDEN');
  await k.engine.freeze(k.human('admin'), 'incident');
  const held = await k.engine.submit(k.agent, { action: ls, context: { cwd: STAGING } });
  assert.equal(held.status, 'pending');
  assert.deepEqual(await k.engine.status().then((s) => s.frozen), true);
  await k.engine.approve(k.human('engineer'), held.id, 'fine');
  assert.equal((await k.engine.submit(k.agent, { action: ls, context: { cwd: STAGING } })).status, 'allowed');
  await k.engine.thaw(k.human('admin'), 'over');
  assert.equal((await k.engine.submit(k.agent, { action: ls, context: { cwd: STAGING } })).status, 'allowed');
});

test('limits: the breaker pauses an agent repeating itself; the rate limit and the destructive budget', async () => {
  const k = await kit({ limits: '  rate_per_minute: 8\n  breaker: {repeats: 3, window_seconds: 60, pause_seconds: 120}\n  destructive_per_hour: 2' });
  const same = { kind: 'shell' as const, command: 'git status' };
  const codes = [];
  for (let i = 0; i < 5; i++) codes.push(await codeOf(k.engine.submit(k.agent, { action: same, context: { cwd: STAGING } })));
  assert.deepEqual(codes, ['ok', 'ok', 'ok', 'E_BREAKER_OPEN', 'E_BREAKER_OPEN']);
  assert.equal(await codeOf(k.engine.submit(k.agent, { action: { kind: 'shell', command: 'pwd' }, context: { cwd: STAGING } })), 'E_BREAKER_OPEN');
  k.clock.t += 121_000;
  const more = [];
  for (let i = 0; i < 9; i++) more.push(await codeOf(k.engine.submit(k.agent, { action: { kind: 'shell', command: `echo ${i}` }, context: { cwd: STAGING } })));
  assert.deepEqual(more, ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'E_RATE_LIMITED']);
  k.clock.t += 60_000;
  const drops = [];
  for (let i = 0; i < 3; i++) drops.push(await codeOf(k.engine.submit(k.agent, { action: { kind: 'sql', sql: `DROP TABLE t${i}` }, context: { cwd: STAGING } })));
  assert.deepEqual(drops, ['ok', 'ok', 'E_BUDGET_EXHAUSTED']);
  const tripped = (await k.store.readAudit(1, 1000)).filter((e) => e.type === 'limit.tripped').map((e) => e.body['limit']);
  assert.deepEqual(tripped, ['breaker', 'rate', 'destructive-budget']);
});

test('a store that cannot write answers E_STORE or E_AUDIT_WRITE, never allowed', async () => {
  const k = await kit();
  await k.store.close();
  const code = await codeOf(k.engine.submit(k.agent, { action: { kind: 'shell', command: 'ls' }, context: { cwd: STAGING } }));
  assert.ok(code === 'E_STORE' || code === 'E_AUDIT_WRITE', code);
});

test('wait resolves when a human decides, and times out with the request still pending', async () => {
  const k = await kit();
  const a = await k.engine.submit(k.agent, { action: { kind: 'sql', sql: 'DROP TABLE w' }, context: inProd });
  assert.deepEqual(await k.engine.wait(a.id, 30), { id: a.id, status: 'pending', reasons: (await k.engine.get(a.id))!.decision.reasons });
  const waiting = k.engine.wait(a.id, 10_000);
  setTimeout(() => void k.engine.reject(k.human('engineer'), a.id, 'no'), 20);
  assert.equal((await waiting).status, 'rejected');
});

test('the view tells a human whether they may approve, and why not', async () => {
  const k = await kit();
  const a = await k.engine.submit(k.agent, { action: { kind: 'sql', sql: 'DROP TABLE v' }, context: inProd });
  const r = (await k.engine.get(a.id))!;
  assert.deepEqual(k.engine.view(r, k.human('senior-a')).viewer, { canApprove: false, why: 'E_OPERATOR_APPROVAL' });
  assert.deepEqual(k.engine.view(r, k.human('engineer')).viewer, { canApprove: false, why: 'E_ROLE_REQUIRED' });
  assert.deepEqual(k.engine.view(r, k.human('senior-b')).viewer, { canApprove: true });
  assert.equal(k.engine.view(r).viewer, undefined);
});

test('execution: an approval runs once; the same action failing again and again pauses the agent', async () => {
  const k = await kit({ limits: '  rate_per_minute: 0\n  breaker: {repeats: 2, window_seconds: 600, pause_seconds: 60}\n  destructive_per_hour: 0' });
  const action = { kind: 'sql' as const, sql: 'DROP TABLE flaky' };
  const approved = async (): Promise<string> => {
    const a = await k.engine.submit(k.agent, { action, context: inProd });
    await k.engine.approve(k.human('senior-b'), a.id, 'ok');
    await k.engine.approve(k.human('senior-c'), a.id, 'ok');
    return a.id;
  };
  const first = await approved();
  await k.engine.startExecution(first);
  assert.equal(await codeOf(k.engine.startExecution(first)), 'E_NOT_PENDING');
  assert.equal((await k.engine.finishExecution(first, false, { exit: 1 })).status, 'failed');
  const second = await approved();
  await k.engine.startExecution(second);
  await k.engine.finishExecution(second, false, { exit: 1 });
  assert.equal(await codeOf(k.engine.submit(k.agent, { action: { kind: 'shell', command: 'ls' }, context: { cwd: STAGING } })), 'E_BREAKER_OPEN');
  const reasons = (await k.store.readAudit(1, 1000)).filter((e) => e.type === 'limit.tripped').map((e) => e.body['reason']);
  assert.deepEqual(reasons, ['the same action failed 2 times within 600 s']);
});

test('an approval is not used when the policy now denies the action', async () => {
  const k = await kit();
  const action = { kind: 'sql' as const, sql: 'DROP TABLE customers' };
  const a = await k.engine.submit(k.agent, { action, context: inProd });
  await k.engine.approve(k.human('senior-b'), a.id, 'ok');
  await k.engine.approve(k.human('senior-c'), a.id, 'ok');
  // The same database, a stricter policy: destructive production actions are now denied.
  const stricter = await kit({ store: k.store, edit: (y) => y.replace(/(- id: prod-destructive-two-seniors[\s\S]*?decide:)\s*\n\s*approve: \{[^}]*\}/, '$1 deny') });
  stricter.clock.t = k.clock.t;
  assert.notEqual(stricter.config.policy.digest, k.config.policy.digest);
  const b = await stricter.engine.submit(stricter.agent, { action, context: inProd });
  assert.deepEqual([b.status, b.id === a.id], ['denied', false]);
  assert.equal((await k.engine.get(a.id))!.status, 'approved');
});
