// An approval binds to one exact action (its digest) and is used once. Two identical submissions
// racing for the same approval both find it, but the compare-and-set on the request's version lets
// exactly one of them mark it used; the loser looks again and, finding nothing, becomes a new request.
import { isCountersignError } from '../core/index.js';
import { uncovered, type Judgement } from '../approvals/index.js';
import type { Agent, SubmitAnswer } from '../core/index.js';
import { answerFor } from './answer.js';
import { step, type EngineCtx } from './ctx.js';
import type { FreezeState } from './notifier.js';
import { persistError, publishRequest } from './persist.js';

/** `consume: false` (the broker) only finds the approval: the broker's execution consumes it with
 * its own compare-and-set, so a retried `countersign exec` can still run the approved command once. */
/** `fresh` is how the action is judged now; an approval is used only when it covers that judgement
 * (no riskier, no larger or different approval requirement), and its use records `fresh.context`. */
export async function tryReuse(ctx: EngineCtx, agent: Agent, digest: string, now: number, freeze: FreezeState, fresh: Judgement & { context?: Record<string, unknown> }, consume = true): Promise<SubmitAnswer | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await ctx.store.findApproved(agent.id, digest, now);
    // Checked again here rather than trusted to the store: an approval for another agent, another
    // action, or one past its expiry must never let anything through.
    if (!r || r.status !== 'approved' || r.agentId !== agent.id || r.digest !== digest) return null;
    if (r.expiresAt !== undefined && r.expiresAt <= now) return null;
    // While frozen, only an approval given after the freeze began counts: a human looked at this
    // action knowing Countersign was frozen.
    if (freeze.frozen && (r.decidedAt ?? -Infinity) < (freeze.frozenAt ?? Infinity)) return null;
    // Same digest, judged stricter now (an approval for a mutating delete must not let the same
    // command through once it is destructive): the approvers never saw this, so it is a new request.
    if (uncovered(r, fresh) !== null) return null;
    if (!consume) {
      const by = r.approvals.map((a) => a.by).join(', ');
      return { ...answerFor(ctx, r, 'allowed'), reasons: [`Approved by ${by} for this exact action; the broker runs it once.`] };
    }
    let next;
    let entries;
    try {
      const s = step(r, { type: 'use', ...(fresh.context ? { context: fresh.context } : {}) }, now, agent);
      next = s.req;
      entries = await ctx.store.updateRequest(next, r.version, s.audit);
    } catch (err) {
      // Refused by the reducer (expired between read and use) or lost the race: look again.
      if (isCountersignError(err) && err.code !== 'E_STORE' && err.code !== 'E_AUDIT_WRITE') continue;
      const e = persistError(err);
      throw e;
    }
    publishRequest(ctx, next, entries);
    const by = r.approvals.map((a) => a.by).join(', ');
    return { ...answerFor(ctx, next, 'allowed'), reasons: [`Approved by ${by} for this exact action; this use consumes the approval.`] };
  }
  return null;
}
