import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Human, Principal, RequestRecord } from '../core/index.js';
import { reduce, type ApprovalEvent, type ReduceResult } from './index.js';
import { T0, ada, agent, eve, olga, pendingRequest, sam, sue } from './test-fixtures.js';

type Outcome = { ok: true; req: RequestRecord; audit: unknown[] } | { ok: false; code: string; message: string };
const view = (r: ReduceResult): Outcome => (r.ok ? r : { ok: false, code: r.error.code, message: r.error.message });
const refusal = (r: ReduceResult): string => (r.ok ? 'ok' : r.error.code);

const approve = (by: Principal, reason = 'checked the plan'): ApprovalEvent => ({ type: 'approve', by, reason });

test('the first of two required approvals records who, role, when and why and stays pending', () => {
  const req = pendingRequest();
  const frozen = structuredClone(req);
  assert.deepEqual(view(reduce(req, approve(sam, '  plan reviewed  '), { now: T0 + 1000 })), {
    ok: true,
    req: { ...req, approvals: [{ by: 'sam', role: 'senior', at: T0 + 1000, reason: 'plan reviewed', kind: 'approve' }], version: 2 },
    audit: [{ type: 'request.approved', body: { request: 'req_1', agent: 'kiro-1', digest: req.digest, by: 'sam', role: 'senior', reason: 'plan reviewed', have: 1, need: 2, status: 'pending' } }],
  });
  assert.deepEqual(req, frozen, 'the reducer does not change its input');
});

test('reaching the count approves, and the use-by restarts at approval', () => {
  const one = reduce(pendingRequest(), approve(sam), { now: T0 + 1000 });
  assert.ok(one.ok);
  const two = reduce(one.req, approve(sue, 'looks right'), { now: T0 + 5000 });
  assert.deepEqual(view(two), {
    ok: true,
    req: {
      ...pendingRequest(),
      status: 'approved',
      approvals: [
        { by: 'sam', role: 'senior', at: T0 + 1000, reason: 'checked the plan', kind: 'approve' },
        { by: 'sue', role: 'senior', at: T0 + 5000, reason: 'looks right', kind: 'approve' },
      ],
      decidedAt: T0 + 5000,
      expiresAt: T0 + 5000 + 600_000,
      version: 3,
    },
    audit: [{ type: 'request.approved', body: { request: 'req_1', agent: 'kiro-1', digest: 'd'.repeat(64), by: 'sue', role: 'senior', reason: 'looks right', have: 2, need: 2, status: 'approved' } }],
  });
});

test('every refusal has its own code, and the request is not changed', () => {
  const alreadyOnce = pendingRequest({ approvals: [{ by: 'sam', role: 'senior', at: T0, reason: 'ok', kind: 'approve' }] });
  const humanNamedLikeAgent: Human = { kind: 'human', id: 'kiro-1', roles: ['senior'] };
  const cases: [string, RequestRecord, ApprovalEvent, number, string][] = [
    ['agent', pendingRequest(), approve(agent), T0, 'E_AGENT_APPROVAL'],
    ['agent on a decided request', pendingRequest({ status: 'rejected' }), approve(agent), T0, 'E_AGENT_APPROVAL'],
    ['requester', pendingRequest(), approve(humanNamedLikeAgent), T0, 'E_SELF_APPROVAL'],
    ['operator of the agent', pendingRequest(), approve(olga), T0, 'E_OPERATOR_APPROVAL'],
    ['missing role', pendingRequest(), approve(eve), T0, 'E_ROLE_REQUIRED'],
    ['admin is not senior', pendingRequest(), approve(ada), T0, 'E_ROLE_REQUIRED'],
    ['twice by one person', alreadyOnce, approve(sam), T0, 'E_ALREADY_APPROVED'],
    ['empty reason', pendingRequest(), approve(sam, ''), T0, 'E_REASON_REQUIRED'],
    ['blank reason', pendingRequest(), approve(sam, ' \n\t'), T0, 'E_REASON_REQUIRED'],
    ['reason not a string', pendingRequest(), { type: 'approve', by: sam, reason: undefined as unknown as string }, T0, 'E_REASON_REQUIRED'],
    ['already rejected', pendingRequest({ status: 'rejected' }), approve(sam), T0, 'E_NOT_PENDING'],
    ['already approved', pendingRequest({ status: 'approved' }), approve(sam), T0, 'E_NOT_PENDING'],
    ['marked expired', pendingRequest({ status: 'expired' }), approve(sam), T0, 'E_EXPIRED'],
    ['past its deadline', pendingRequest(), approve(sam), T0 + 600_000, 'E_EXPIRED'],
    ['no requirement on record', pendingRequest({ decision: { ...pendingRequest().decision, approval: undefined } }), approve(sam), T0, 'E_INTERNAL'],
    ['unknown event', pendingRequest(), { type: 'bless' } as unknown as ApprovalEvent, T0, 'E_BAD_INPUT'],
  ];
  for (const [name, req, event, now, code] of cases) {
    const before = structuredClone(req);
    assert.equal(refusal(reduce(req, event, { now })), code, name);
    assert.deepEqual(req, before, name);
  }
});

test('refusal messages say what to do next', () => {
  assert.deepEqual(view(reduce(pendingRequest(), approve(olga), { now: T0 })), {
    ok: false,
    code: 'E_OPERATOR_APPROVAL',
    message: `The requesting agent's operator cannot approve the agent's request. "olga" operates agent "kiro-1"; ask another person with a required role.`,
  });
});

test('with no role constraint any human except requester and operator counts', () => {
  const req = pendingRequest({ decision: { ...pendingRequest().decision, approval: { count: 1, roles: [], ttlSeconds: 60 } } });
  const r = reduce(req, approve(eve), { now: T0 + 10 });
  assert.deepEqual(view(r), {
    ok: true,
    req: { ...req, status: 'approved', approvals: [{ by: 'eve', role: 'engineer', at: T0 + 10, reason: 'checked the plan', kind: 'approve' }], decidedAt: T0 + 10, expiresAt: T0 + 10 + 60_000, version: 2 },
    audit: [{ type: 'request.approved', body: { request: 'req_1', agent: 'kiro-1', digest: req.digest, by: 'eve', role: 'engineer', reason: 'checked the plan', have: 1, need: 1, status: 'approved' } }],
  });
  assert.equal(refusal(reduce(req, approve(olga), { now: T0 })), 'E_OPERATOR_APPROVAL');
});

test('reject: any human (even the operator) may refuse; agents may not', () => {
  const req = pendingRequest();
  assert.deepEqual(view(reduce(req, { type: 'reject', by: olga, reason: 'not today' }, { now: T0 + 7 })), {
    ok: true,
    req: { ...req, status: 'rejected', rejection: { by: 'olga', role: 'senior', at: T0 + 7, reason: 'not today' }, decidedAt: T0 + 7, version: 2 },
    audit: [{ type: 'request.rejected', body: { request: 'req_1', agent: 'kiro-1', digest: req.digest, by: 'olga', role: 'senior', reason: 'not today' } }],
  });
  const cases: [RequestRecord, ApprovalEvent, number, string][] = [
    [req, { type: 'reject', by: agent, reason: 'x' }, T0, 'E_AGENT_APPROVAL'],
    [req, { type: 'reject', by: sam, reason: '' }, T0, 'E_REASON_REQUIRED'],
    [pendingRequest({ status: 'approved' }), { type: 'reject', by: sam, reason: 'late' }, T0, 'E_NOT_PENDING'],
    [req, { type: 'reject', by: sam, reason: 'late' }, T0 + 600_000, 'E_EXPIRED'],
  ];
  assert.deepEqual(cases.map(([r, e, now]) => refusal(reduce(r, e, { now }))), cases.map((c) => c[3]));
});

test('break-glass: an admin with a reason approves at once, loudly', () => {
  const req = pendingRequest({ approvals: [{ by: 'sam', role: 'senior', at: T0, reason: 'ok', kind: 'approve' }] });
  assert.deepEqual(view(reduce(req, { type: 'break-glass', by: ada, reason: 'outage, restoring service' }, { now: T0 + 50 })), {
    ok: true,
    req: {
      ...req,
      status: 'approved',
      approvals: [...req.approvals, { by: 'ada', role: 'admin', at: T0 + 50, reason: 'outage, restoring service', kind: 'break-glass' }],
      decidedAt: T0 + 50,
      expiresAt: T0 + 50 + 600_000,
      version: 2,
    },
    audit: [{
      type: 'request.break-glass',
      body: { request: 'req_1', agent: 'kiro-1', digest: req.digest, by: 'ada', role: 'admin', reason: 'outage, restoring service', have: 1, need: 2, status: 'approved', warning: 'BREAK-GLASS: approval requirements were bypassed by an admin' },
    }],
  });
});

test('break-glass refusals', () => {
  const adminOperator: Human = { kind: 'human', id: 'olga', roles: ['admin', 'senior'] };
  const cases: [string, RequestRecord, Principal, string, number, string][] = [
    ['not an admin', pendingRequest(), sam, 'urgent', T0, 'E_FORBIDDEN'],
    ['an agent', pendingRequest(), agent, 'urgent', T0, 'E_AGENT_APPROVAL'],
    ['no reason', pendingRequest(), ada, '   ', T0, 'E_REASON_REQUIRED'],
    ['admin who operates the agent', pendingRequest(), adminOperator, 'urgent', T0, 'E_OPERATOR_APPROVAL'],
    ['decided', pendingRequest({ status: 'rejected' }), ada, 'urgent', T0, 'E_NOT_PENDING'],
    ['expired', pendingRequest(), ada, 'urgent', T0 + 600_001, 'E_EXPIRED'],
  ];
  for (const [name, req, by, reason, now, code] of cases) assert.equal(refusal(reduce(req, { type: 'break-glass', by, reason }, { now })), code, name);
});

test('expire: only when due; pending requests and unused approvals expire', () => {
  const req = pendingRequest();
  assert.deepEqual(view(reduce(req, { type: 'expire' }, { now: T0 + 600_000 })), {
    ok: true,
    req: { ...req, status: 'expired', version: 2 },
    audit: [{ type: 'request.expired', body: { request: 'req_1', agent: 'kiro-1', was: 'pending', expiresAt: T0 + 600_000 } }],
  });
  const approved = pendingRequest({ status: 'approved', expiresAt: T0 + 900_000 });
  assert.deepEqual(view(reduce(approved, { type: 'expire' }, { now: T0 + 900_001 })), {
    ok: true,
    req: { ...approved, status: 'expired', version: 2 },
    audit: [{ type: 'request.expired', body: { request: 'req_1', agent: 'kiro-1', was: 'approved', expiresAt: T0 + 900_000 } }],
  });
  const cases: [RequestRecord, number, string][] = [
    [req, T0 + 599_999, 'E_BAD_INPUT'], // a clock that jumped back does not expire early
    [pendingRequest({ expiresAt: undefined }), T0 + 10 ** 9, 'E_BAD_INPUT'],
    [pendingRequest({ status: 'used' }), T0 + 10 ** 9, 'E_NOT_PENDING'],
    [pendingRequest({ status: 'approved', execution: { startedAt: T0 } }), T0 + 10 ** 9, 'E_NOT_PENDING'],
  ];
  assert.deepEqual(cases.map(([r, now]) => refusal(reduce(r, { type: 'expire' }, { now }))), cases.map((c) => c[2]));
});

test('cancel: pending or unused approved requests; the actor is recorded', () => {
  const req = pendingRequest();
  assert.deepEqual(view(reduce(req, { type: 'cancel', reason: 'agent gave up' }, { now: T0 + 3, principal: agent })), {
    ok: true,
    req: { ...req, status: 'cancelled', decidedAt: T0 + 3, version: 2 },
    audit: [{ type: 'request.cancelled', body: { request: 'req_1', agent: 'kiro-1', was: 'pending', by: 'kiro-1', byKind: 'agent', reason: 'agent gave up' } }],
  });
  assert.equal(refusal(reduce(pendingRequest({ status: 'executed' }), { type: 'cancel' }, { now: T0 })), 'E_NOT_PENDING');
});

test('use: an approval is used once, before its use-by', () => {
  const approved = pendingRequest({ status: 'approved', decidedAt: T0 + 1, expiresAt: T0 + 1000 });
  const used = reduce(approved, { type: 'use' }, { now: T0 + 999, principal: agent });
  assert.deepEqual(view(used), {
    ok: true,
    req: { ...approved, status: 'used', usedAt: T0 + 999, version: 2 },
    audit: [{ type: 'request.used', body: { request: 'req_1', agent: 'kiro-1', digest: approved.digest, by: 'kiro-1', byKind: 'agent' } }],
  });
  assert.ok(used.ok);
  const cases: [RequestRecord, number, string][] = [
    [used.req, T0 + 999, 'E_NOT_PENDING'], // the second identical submission is a new request
    [approved, T0 + 1000, 'E_EXPIRED'],
    [pendingRequest({ status: 'expired' }), T0, 'E_EXPIRED'],
    [pendingRequest(), T0, 'E_NOT_PENDING'],
    [pendingRequest({ status: 'approved', expiresAt: T0 + 10, execution: { startedAt: T0 } }), T0 + 1, 'E_NOT_PENDING'],
    [pendingRequest({ status: 'approved', expiresAt: undefined }), T0, 'E_EXPIRED'], // no use-by: fail closed
  ];
  assert.deepEqual(cases.map(([r, now]) => refusal(reduce(r, { type: 'use' }, { now }))), cases.map((c) => c[2]));
});

test('execute-start then execute-finish: approved -> executed | failed', () => {
  const approved = pendingRequest({ status: 'approved', decidedAt: T0, expiresAt: T0 + 1000 });
  const started = reduce(approved, { type: 'execute-start' }, { now: T0 + 10 });
  assert.deepEqual(view(started), {
    ok: true,
    req: { ...approved, execution: { startedAt: T0 + 10 }, version: 2 },
    audit: [{ type: 'execution.started', body: { request: 'req_1', agent: 'kiro-1', digest: approved.digest } }],
  });
  assert.ok(started.ok);
  assert.equal(refusal(reduce(started.req, { type: 'execute-start' }, { now: T0 + 11 })), 'E_NOT_PENDING');
  assert.equal(refusal(reduce(started.req, { type: 'use' }, { now: T0 + 11 })), 'E_NOT_PENDING');
  assert.equal(refusal(reduce(approved, { type: 'execute-finish', ok: true }, { now: T0 + 11 })), 'E_NOT_PENDING');
  for (const ok of [true, false]) {
    const done = reduce(started.req, { type: 'execute-finish', ok, detail: { exitCode: ok ? 0 : 3 } }, { now: T0 + 2000 });
    assert.deepEqual(view(done), {
      ok: true,
      req: { ...approved, status: ok ? 'executed' : 'failed', execution: { startedAt: T0 + 10, exitCode: ok ? 0 : 3, finishedAt: T0 + 2000, ok }, version: 3 },
      audit: [{ type: 'execution.finished', body: { request: 'req_1', agent: 'kiro-1', ok, status: ok ? 'executed' : 'failed', detail: { exitCode: ok ? 0 : 3 } } }],
    });
  }
  // a finished execution (even one that outlived the use-by) is not expired afterwards
  assert.equal(refusal(reduce(approved, { type: 'execute-start' }, { now: T0 + 1000 })), 'E_EXPIRED');
});
