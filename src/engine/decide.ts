// Human decisions on a pending request: approve, reject, break-glass, and expiry. Each goes through
// the pure approvals reducer and a compare-and-set write; a lost race re-reads and re-reduces, so
// two approvals at the same instant both count (or the second is refused) — never one silently lost.
import { CountersignError, isCountersignError } from '../core/index.js';
import type { Principal, RequestRecord } from '../core/index.js';
import { step, type EngineCtx } from './ctx.js';
import { requireAdmin } from './freeze.js';
import type { ExpiryIndex } from './expiry-index.js';
import { persistError, publishRequest } from './persist.js';

export type HumanAct = 'approve' | 'reject' | 'break-glass';

const MAX_ATTEMPTS = 20;

export async function act(ctx: EngineCtx, who: Principal, id: string, kind: HumanAct, reason: string): Promise<RequestRecord> {
  // Checked before anything is read: an agent token can never decide anything, anywhere.
  if (who.kind !== 'human') throw new CountersignError('E_AGENT_APPROVAL', `"${who.id}" is an agent; a human must decide.`);
  if (typeof reason !== 'string' || reason.trim() === '') throw new CountersignError('E_REASON_REQUIRED', 'Say why with a reason.');
  if (kind === 'break-glass') requireAdmin(who, 'break glass');
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const r = await ctx.store.getRequest(id);
    if (!r) throw new CountersignError('E_NOT_FOUND', `No request "${id}". List them with \`countersign requests\`.`);
    const now = ctx.clock.now();
    if (r.status === 'pending' && r.expiresAt !== undefined && r.expiresAt <= now) {
      await expireOne(ctx, r, now);
      throw new CountersignError('E_EXPIRED', `Request "${id}" expired at ${new Date(r.expiresAt).toISOString()}; the agent must ask again.`);
    }
    const { req: next, audit } = step(r, { type: kind, by: who, reason }, now);
    try {
      const entries = await ctx.store.updateRequest(next, r.version, audit);
      publishRequest(ctx, next, entries);
      return next;
    } catch (err) {
      const e = persistError(err);
      if (e.code !== 'E_CONFLICT') throw e;
    }
  }
  throw new CountersignError('E_CONFLICT', `Request "${id}" kept changing while deciding; retry.`);
}

/** pending (or approved but unused) -> expired, audited. A lost race is fine: whoever won already moved the request on. */
export async function expireOne(ctx: EngineCtx, r: RequestRecord, now: number): Promise<boolean> {
  let s: ReturnType<typeof step>;
  try {
    s = step(r, { type: 'expire' }, now);
  } catch (err) {
    if (isCountersignError(err)) return false;
    throw err;
  }
  const next = s.req;
  try {
    const entries = await ctx.store.updateRequest(next, r.version, s.audit);
    publishRequest(ctx, next, entries);
    return true;
  } catch (err) {
    const e = persistError(err);
    if (e.code === 'E_CONFLICT') return false;
    throw e;
  }
}

/** One sweep: every pending request, and every unused approval, past its expiry becomes expired.
 * `full` lists every open request (at start and now and then); otherwise only the index is read. */
export async function sweep(ctx: EngineCtx, index: ExpiryIndex, full: boolean): Promise<number> {
  const now = ctx.clock.now();
  if (full) for (const r of await ctx.store.listRequests({ status: ['pending', 'approved'], limit: 100_000 })) index.note(r);
  let n = 0;
  for (const id of index.dueBy(now)) {
    const r = await ctx.store.getRequest(id);
    if (!r) {
      index.forget(id);
      continue;
    }
    index.note(r);
    const open = r.status === 'pending' || (r.status === 'approved' && !r.execution);
    if (open && r.expiresAt !== undefined && r.expiresAt <= now && (await expireOne(ctx, r, now))) n++;
    else if (!open) index.forget(id);
  }
  return n;
}
