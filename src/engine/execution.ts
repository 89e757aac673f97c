// Execution of an approved request (by the broker): approved -> running -> executed | failed, each
// step audited. A failed execution counts towards the breaker for that action, so an agent that
// keeps retrying the same failing action is paused like one repeating itself.
import { CountersignError, isCountersignError } from '../core/index.js';
import type { RequestRecord } from '../core/index.js';
import type { ApprovalEvent } from '../approvals/index.js';
import { step, type EngineCtx } from './ctx.js';
import { tripBreaker } from './limits.js';
import { persistError, publishRequest } from './persist.js';

async function advance(ctx: EngineCtx, id: string, event: ApprovalEvent): Promise<RequestRecord> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const r = await ctx.store.getRequest(id);
    if (!r) throw new CountersignError('E_NOT_FOUND', `No request "${id}".`);
    const { req: next, audit } = step(r, event, ctx.clock.now());
    try {
      const entries = await ctx.store.updateRequest(next, r.version, audit);
      publishRequest(ctx, next, entries);
      return next;
    } catch (err) {
      const e = persistError(err);
      if (e.code !== 'E_CONFLICT') throw e;
    }
  }
  throw new CountersignError('E_CONFLICT', `Request "${id}" kept changing; retry.`);
}

/** Marks an approved request as running. Refused (E_NOT_PENDING, E_EXPIRED) unless it is approved,
 * unexpired and not already running: an approval is used once. */
export function startExecution(ctx: EngineCtx, id: string): Promise<RequestRecord> {
  return advance(ctx, id, { type: 'execute-start' });
}

export async function finishExecution(ctx: EngineCtx, id: string, ok: boolean, detail?: Record<string, unknown>): Promise<RequestRecord> {
  const r = await advance(ctx, id, { type: 'execute-finish', ok, ...(detail ? { detail } : {}) });
  if (!ok) {
    const limits = ctx.parts.limits;
    const now = ctx.clock.now();
    const n = limits.breaker.repeats > 0 ? ctx.tally.bump(`fail:${r.agentId}:${r.digest}`, Math.max(1, limits.breaker.windowSeconds) * 1000, now, 1) : 0;
    if (limits.breaker.repeats > 0 && n >= limits.breaker.repeats) {
      const agent = ctx.parts.principal(r.agentId);
      try {
        await tripBreaker(ctx.store, { id: r.agentId, operator: agent && agent.kind === 'agent' ? agent.operator : r.operator }, r.digest, limits, now, `the same action failed ${n} times within ${limits.breaker.windowSeconds} s`);
      } catch (err) {
        if (!isCountersignError(err)) throw err;
      }
    }
  }
  return r;
}
