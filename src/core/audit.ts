// Audit entries: append-only, hash-chained. hash = sha256("countersign/audit/v1\n" + JCS(entry))
// where entry = {v, seq, prev, at, type, body}. Secrets are redacted from `body` before hashing.

export type AuditType =
  | 'action.proposed'
  | 'action.decided'
  | 'request.approved'
  | 'request.rejected'
  | 'request.expired'
  | 'request.cancelled'
  | 'request.used'
  | 'request.break-glass'
  | 'execution.started'
  | 'execution.finished'
  | 'recovery.taken'
  | 'recovery.restored'
  /** A recovery point could not be taken (the action ran only if the policy did not require one). */
  | 'recovery.failed'
  /** A rollback was refused (corrupt, missing, wrong target) and nothing was restored. */
  | 'recovery.refused'
  | 'freeze'
  | 'thaw'
  | 'config.loaded'
  | 'limit.tripped'
  | 'mcp.tools-changed'
  | 'checkpoint';

/** What a caller asks to append; the store assigns seq, prev, at and hash in one serialised step. */
export type AuditAppend = { type: AuditType | string; body: Record<string, unknown> };

export type AuditEntry = {
  v: 1;
  seq: number;
  /** hash of the previous entry; 64 zeros for seq 1. */
  prev: string;
  at: number;
  type: string;
  body: Record<string, unknown>;
  hash: string;
};

export const GENESIS_PREV = '0'.repeat(64);
