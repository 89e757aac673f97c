// The request view of docs/http-api.md: what the dashboard, the CLI and a waiting agent see.
import type { Human, RequestRecord, RequestStatus } from '../core/index.js';
import { canApprove } from '../approvals/index.js';
import type { EngineCtx } from './ctx.js';

export type RequestView = {
  id: string;
  status: RequestStatus;
  agent: string;
  operator: string;
  target: string | null;
  environment: string;
  risk: RequestRecord['report']['risk'];
  summary: string;
  action: RequestRecord['action'];
  report: RequestRecord['report'];
  decision: { verdict: string; matched: string[]; reasons: string[]; policyDigest: string };
  /** recoveryPoint: whether the policy requires a verified recovery point before the action runs
   * (the broker's execution record then says what was kept: execution.recovery). */
  approval?: { count: number; roles: string[]; have: number; expiresAt: number; recoveryPoint?: 'required' | 'optional' };
  approvals: RequestRecord['approvals'];
  rejection?: RequestRecord['rejection'];
  createdAt: number;
  decidedAt?: number;
  usedAt?: number;
  expiresAt?: number;
  execution?: Record<string, unknown>;
  viewer?: { canApprove: boolean; why?: string };
};

/** A pending request past its expiry shows as expired even before the sweeper has written it, so
 * nobody is invited to approve something that can no longer be used. */
export function effectiveStatus(r: RequestRecord, now: number): RequestStatus {
  return r.status === 'pending' && r.expiresAt !== undefined && r.expiresAt <= now ? 'expired' : r.status;
}

export function viewOf(ctx: EngineCtx, r: RequestRecord, viewer?: Human): RequestView {
  const now = ctx.clock.now();
  const status = effectiveStatus(r, now);
  const v: RequestView = {
    id: r.id,
    status,
    agent: r.agentId,
    operator: r.operator,
    target: r.targetId,
    environment: r.environment,
    risk: r.report.risk,
    summary: r.report.summary,
    action: r.action,
    report: r.report,
    decision: { verdict: r.decision.verdict, matched: r.decision.matched, reasons: r.decision.reasons, policyDigest: r.decision.policyDigest },
    approvals: r.approvals,
    createdAt: r.createdAt,
  };
  if (r.decision.approval) {
    v.approval = { count: r.decision.approval.count, roles: r.decision.approval.roles, have: r.approvals.length, expiresAt: r.expiresAt ?? r.createdAt };
    if (r.decision.approval.recoveryPoint) v.approval.recoveryPoint = r.decision.approval.recoveryPoint;
  }
  if (r.rejection) v.rejection = r.rejection;
  if (r.decidedAt !== undefined) v.decidedAt = r.decidedAt;
  if (r.usedAt !== undefined) v.usedAt = r.usedAt;
  if (r.expiresAt !== undefined) v.expiresAt = r.expiresAt;
  if (r.execution) v.execution = r.execution;
  if (viewer) {
    if (status !== 'pending') v.viewer = { canApprove: false, why: status === 'expired' ? 'E_EXPIRED' : 'E_NOT_PENDING' };
    else {
      const c = canApprove(r, viewer, now);
      v.viewer = c.ok ? { canApprove: true } : { canApprove: false, why: c.code };
    }
  }
  return v;
}
