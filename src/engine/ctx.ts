// The engine's wiring, shared by its modules.
import type { Clock, ErrorCode, Human, Ids, RequestRecord, Store } from '../core/index.js';
import type { Notifier } from './notifier.js';
import type { ApprovalEvent, EngineParts } from './parts.js';

/** The approvals state machine as the engine uses it: pure, throws CountersignError on refusal. */
export interface ApprovalsPort {
  /** The next record (version not yet bumped) for an event; throws a CountersignError to refuse. */
  reduce(req: RequestRecord, event: ApprovalEvent): RequestRecord;
  /** Whether this human's approval would count now; `why` is the refusal code. */
  canApprove(req: RequestRecord, human: Human, now: number): { ok: true } | { ok: false; why: ErrorCode };
}

export type EngineCtx = {
  parts: EngineParts;
  approvals: ApprovalsPort;
  store: Store;
  clock: Clock;
  ids: Ids;
  notifier: Notifier;
  publicUrl: string;
};
