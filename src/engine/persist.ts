// Turning store failures into answers that never allow, and telling listeners about durable changes.
import { CountersignError, isCountersignError } from '../core/index.js';
import type { AuditEntry, RequestRecord } from '../core/index.js';
import type { EngineCtx } from './ctx.js';

/** A failed write is never "allowed": keep the store's own code, otherwise E_AUDIT_WRITE. */
export function persistError(err: unknown): CountersignError {
  if (isCountersignError(err)) {
    if (err.code === 'E_CONFLICT' || err.code === 'E_STORE' || err.code === 'E_AUDIT_WRITE') return err;
  }
  const message = err instanceof Error ? err.message : String(err);
  return new CountersignError('E_AUDIT_WRITE', `Store error: ${message}. Check the data directory or database, then retry.`);
}

/** Published only after the write committed, so a listener never sees a change that may vanish. */
export function publishRequest(ctx: EngineCtx, r: RequestRecord, entries: AuditEntry[]): void {
  ctx.notifier.publish({ type: 'request', request: r });
  publishAudit(ctx, entries);
}

export function publishAudit(ctx: EngineCtx, entries: AuditEntry[]): void {
  if (entries.length) ctx.notifier.publish({ type: 'audit', entries: entries.map((e) => ({ seq: e.seq, type: e.type })) });
}
