// The events that move a request through its life. Pure data: the engine builds them from HTTP
// calls, timers and the broker, and persists whatever the reducer returns.
import type { AuditAppend, CountersignError, Principal, RequestRecord } from '../core/index.js';

export type ApprovalEvent =
  | { type: 'approve'; by: Principal; reason: string }
  | { type: 'reject'; by: Principal; reason: string }
  /** An admin's forced approval; the reason is mandatory and the entry is loud. */
  | { type: 'break-glass'; by: Principal; reason: string }
  | { type: 'expire' }
  | { type: 'cancel'; by?: Principal; reason?: string }
  /** The identical action was let through once (approved -> used). `context` is where it was used
   * (working directory as resolved, session, host), recorded in the audit entry. */
  | { type: 'use'; context?: Record<string, unknown> }
  | { type: 'execute-start' }
  | { type: 'execute-finish'; ok: boolean; detail?: Record<string, unknown> };

export type ApprovalEventType = ApprovalEvent['type'];

export type ReduceCtx = {
  /** Milliseconds since the epoch, from the injected clock. */
  now: number;
  /** Who caused an event that carries no `by` (cancel, use): recorded in the audit entry. */
  principal?: Principal;
};

export type ReduceResult =
  | { ok: true; req: RequestRecord; audit: AuditAppend[] }
  | { ok: false; error: CountersignError };
