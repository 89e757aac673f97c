// The request state machine as a pure reducer: (request, event, ctx) -> next request + the audit
// entries that describe the step, or a coded refusal. No I/O, no clock: `ctx.now` is injected.
//
//   pending  -> approved (count reached, or break-glass) | rejected | expired | cancelled
//   approved -> used (identical action let through once) | executed | failed (via the broker)
//            -> expired (approval not used in time) | cancelled
//   allowed  -> executed | failed (run once by the broker, within ALLOWED_RUN_WINDOW_MS)
//
// TTL: a pending request expires at createdAt + ttl. When it becomes approved its use-by restarts:
// expiresAt = approvedAt + ttl, so the last approver's decision always leaves the full window.
import { CountersignError, type AuditAppend, type Principal, type RequestRecord } from '../core/index.js';
import { checkApprover, checkBreakGlass, checkOpen, checkReason, roleFor } from './eligibility.js';
import type { ApprovalEvent, ReduceCtx, ReduceResult } from './events.js';

function fail(error: CountersignError): ReduceResult {
  return { ok: false, error };
}

function next(req: RequestRecord, changes: Partial<RequestRecord>, audit: AuditAppend[]): ReduceResult {
  return { ok: true, req: { ...req, ...changes, version: req.version + 1 }, audit };
}

function approvedUntil(req: RequestRecord, now: number): number | undefined {
  const ttl = req.decision.approval?.ttlSeconds;
  return ttl !== undefined && ttl > 0 ? now + ttl * 1000 : req.expiresAt;
}

function actor(p: Principal | undefined): Record<string, unknown> {
  return p ? { by: p.id, byKind: p.kind } : {};
}

export function reduce(req: RequestRecord, event: ApprovalEvent, ctx: ReduceCtx): ReduceResult {
  const now = ctx.now;
  switch (event.type) {
    case 'approve': {
      const who = checkApprover(req, event.by, now);
      if (!who.ok) return fail(who.error);
      const noReason = checkReason(event.reason);
      if (noReason) return fail(noReason);
      const need = req.decision.approval!; // checkApprover refused a request without one
      const approvals = [...req.approvals, { by: event.by.id, role: who.role, at: now, reason: event.reason.trim(), kind: 'approve' as const }];
      const have = approvals.length;
      const done = have >= need.count;
      const changes: Partial<RequestRecord> = done ? { approvals, status: 'approved', decidedAt: now, expiresAt: approvedUntil(req, now) } : { approvals };
      return next(req, changes, [{
        type: 'request.approved',
        body: { request: req.id, agent: req.agentId, digest: req.digest, by: event.by.id, role: who.role, reason: event.reason.trim(), have, need: need.count, status: done ? 'approved' : 'pending' },
      }]);
    }
    case 'reject': {
      if (event.by.kind !== 'human') return fail(new CountersignError('E_AGENT_APPROVAL', `"${event.by.id}" is an agent; only a human can reject.`));
      const closed = checkOpen(req, now);
      if (closed) return fail(closed);
      const noReason = checkReason(event.reason);
      if (noReason) return fail(noReason);
      // Any human may reject: refusing is the safe direction, so no role or operator rule applies.
      const role = roleFor(event.by, req.decision.approval?.roles ?? []);
      const rejection = { by: event.by.id, role, at: now, reason: event.reason.trim() };
      return next(req, { status: 'rejected', rejection, decidedAt: now }, [{
        type: 'request.rejected',
        body: { request: req.id, agent: req.agentId, digest: req.digest, by: event.by.id, role, reason: rejection.reason },
      }]);
    }
    case 'break-glass':
      return breakGlass(req, event.by, event.reason, now);
    case 'expire': {
      const live = req.status === 'pending' || (req.status === 'approved' && !req.execution);
      if (!live) return fail(new CountersignError('E_NOT_PENDING', `Request ${req.id} is ${req.status}; only a pending request or an unused approval can expire.`));
      // A clock that jumps backwards must not expire early, nor revive anything: refuse, keep state.
      if (req.expiresAt === undefined || now < req.expiresAt) {
        return fail(new CountersignError('E_BAD_INPUT', `Request ${req.id} is not due to expire until ${req.expiresAt === undefined ? 'never' : new Date(req.expiresAt).toISOString()}.`));
      }
      return next(req, { status: 'expired' }, [{ type: 'request.expired', body: { request: req.id, agent: req.agentId, was: req.status, expiresAt: req.expiresAt } }]);
    }
    case 'cancel': {
      if (req.status !== 'pending' && !(req.status === 'approved' && !req.execution)) {
        return fail(new CountersignError('E_NOT_PENDING', `Request ${req.id} is ${req.status}; it can no longer be cancelled.`));
      }
      const by = event.by ?? ctx.principal;
      const reason = event.reason?.trim();
      return next(req, { status: 'cancelled', decidedAt: req.decidedAt ?? now }, [{
        type: 'request.cancelled',
        body: { request: req.id, agent: req.agentId, was: req.status, ...actor(by), ...(reason ? { reason } : {}) },
      }]);
    }
    case 'use': {
      const unusable = checkUsable(req, now);
      if (unusable) return fail(unusable);
      const context = event.context && Object.keys(event.context).length ? { context: event.context } : {};
      return next(req, { status: 'used', usedAt: now }, [{ type: 'request.used', body: { request: req.id, agent: req.agentId, digest: req.digest, ...actor(ctx.principal), ...context } }]);
    }
    case 'execute-start': {
      const unusable = req.status === 'allowed' ? checkRunnableAllowed(req, now) : checkUsable(req, now);
      if (unusable) return fail(unusable);
      return next(req, { execution: { ...req.execution, startedAt: now } }, [{ type: 'execution.started', body: { request: req.id, agent: req.agentId, digest: req.digest } }]);
    }
    case 'execute-finish': {
      if ((req.status !== 'approved' && req.status !== 'allowed') || req.execution?.startedAt === undefined) {
        return fail(new CountersignError('E_NOT_PENDING', `Request ${req.id} is ${req.status} and has no execution in progress; start the execution first.`));
      }
      const detail = event.detail ?? {};
      const status = event.ok ? 'executed' : 'failed';
      return next(req, { status, execution: { ...req.execution, ...detail, finishedAt: now, ok: event.ok } }, [{
        type: 'execution.finished',
        body: { request: req.id, agent: req.agentId, ok: event.ok, status, detail },
      }]);
    }
  }
  // Events arrive from JSON at runtime: an unknown one changes nothing.
  return fail(new CountersignError('E_BAD_INPUT', `Unknown approval event "${String((event as { type?: unknown }).type)}".`));
}

/** An approved request may be used (or executed) once, before its use-by, and not while running. */
function checkUsable(req: RequestRecord, now: number): CountersignError | null {
  if (req.status === 'expired') return new CountersignError('E_EXPIRED', `The approval of request ${req.id} expired; submit the action again.`);
  if (req.status !== 'approved') return new CountersignError('E_NOT_PENDING', `Request ${req.id} is ${req.status}, not approved; it cannot be used.`);
  // No use-by means no bound on how long the approval could be replayed: never usable.
  if (req.expiresAt === undefined) return new CountersignError('E_EXPIRED', `The approval of request ${req.id} has no use-by time, so it cannot be used; submit the action again.`);
  if (now >= req.expiresAt) return new CountersignError('E_EXPIRED', `The approval of request ${req.id} expired at ${new Date(req.expiresAt).toISOString()}; submit the action again.`);
  if (req.execution?.startedAt !== undefined) return new CountersignError('E_NOT_PENDING', `Request ${req.id} is already being executed.`);
  return null;
}

/** How long after its decision an allowed request may still be run by the broker: the broker asks
 * and runs at once, so a late run is a replay of an old decision (the policy may have changed). */
export const ALLOWED_RUN_WINDOW_MS = 5 * 60_000;

/** An allowed request (no approval needed) may be run by the broker once, soon after its decision. */
function checkRunnableAllowed(req: RequestRecord, now: number): CountersignError | null {
  if (req.execution?.startedAt !== undefined) return new CountersignError('E_NOT_PENDING', `Request ${req.id} has already been run; submit the action again.`);
  const at = req.decidedAt ?? req.createdAt;
  if (now - at > ALLOWED_RUN_WINDOW_MS) return new CountersignError('E_EXPIRED', `Request ${req.id} was allowed at ${new Date(at).toISOString()}, too long ago to run now; submit the action again.`);
  return null;
}

function breakGlass(req: RequestRecord, by: Principal, reason: string, now: number): ReduceResult {
  const who = checkBreakGlass(req, by, now);
  if (!who.ok) return fail(who.error);
  const noReason = checkReason(reason);
  if (noReason) return fail(noReason);
  const why = reason.trim();
  const approvals = [...req.approvals, { by: by.id, role: 'admin', at: now, reason: why, kind: 'break-glass' as const }];
  return next(req, { approvals, status: 'approved', decidedAt: now, expiresAt: approvedUntil(req, now) }, [{
    type: 'request.break-glass',
    body: {
      request: req.id, agent: req.agentId, digest: req.digest, by: by.id, role: 'admin', reason: why,
      have: req.approvals.length, need: req.decision.approval?.count ?? null, status: 'approved',
      warning: 'BREAK-GLASS: approval requirements were bypassed by an admin',
    },
  }]);
}
