// The engine's wiring, shared by its modules.
import { CountersignError } from '../core/index.js';
import type { AuditAppend, Clock, Ids, Principal, RequestRecord, Store } from '../core/index.js';
import { reduce, type ApprovalEvent } from '../approvals/index.js';
import type { Notifier } from './notifier.js';
import type { EngineParts } from './parts.js';
import type { Tally } from './tally.js';

export type EngineCtx = {
  parts: EngineParts;
  store: Store;
  clock: Clock;
  ids: Ids;
  notifier: Notifier;
  publicUrl: string;
  tally: Tally;
};

/** One step of the approvals state machine; a refusal is thrown with its code. */
export function step(r: RequestRecord, event: ApprovalEvent, now: number, principal?: Principal): { req: RequestRecord; audit: AuditAppend[] } {
  const out = reduce(r, event, principal ? { now, principal } : { now });
  if (!out.ok) throw out.error;
  if (out.req.version !== r.version + 1) throw new CountersignError('E_INTERNAL', 'The approvals reducer did not advance the version.');
  return { req: out.req, audit: out.audit };
}
