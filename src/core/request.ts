// A request: one proposed action, its classification, the policy decision and its approval state.
import type { Action } from './action.js';
import type { Decision } from './decision.js';
import type { RiskReport } from './risk.js';

/** `allowed` and `denied` are immediate, terminal outcomes; the rest is the approval state machine:
 * pending -> approved | rejected | expired | cancelled; approved -> executed | failed;
 * approved -> used (the identical action was let through once). */
export type RequestStatus =
  | 'allowed'
  | 'denied'
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'cancelled'
  | 'used'
  | 'executed'
  | 'failed';

export type Approval = {
  by: string;
  role: string;
  at: number;
  reason: string;
  /** 'break-glass' = an admin's forced approval with a mandatory reason. */
  kind: 'approve' | 'break-glass';
};

export type Rejection = { by: string; role: string; at: number; reason: string };

export type RequestRecord = {
  id: string;
  agentId: string;
  operator: string;
  action: Action;
  targetId: string | null;
  environment: string;
  /** sha256 of the canonical JSON of {action, target, environment}: what an approval binds to. */
  digest: string;
  report: RiskReport;
  decision: Decision;
  status: RequestStatus;
  approvals: Approval[];
  rejection?: Rejection;
  context?: { cwd?: string; session?: string; host?: string };
  createdAt: number;
  /** When a pending request (or an unused approval) expires. */
  expiresAt?: number;
  decidedAt?: number;
  usedAt?: number;
  /** Increases on every stored change; updates are compare-and-set on it. */
  version: number;
  /** Free-form execution outcome (exit code, recovery point digest...). */
  execution?: Record<string, unknown>;
};
