// Long-poll: resolve when a request leaves `pending` or when the time is up. Woken by the notifier
// (which a multi-instance deployment fans out across processes) and, as a safety net for a missed
// notification, by a slow re-read of the store.
import { CountersignError } from '../core/index.js';
import type { RequestOutcome, RequestRecord } from '../core/index.js';
import type { EngineCtx } from './ctx.js';
import { effectiveStatus } from './view.js';

export const MAX_WAIT_MS = 300_000;
const REREAD_MS = 1000;

// Waits still open per engine, so stop() can answer them: an open wait's re-read timer would
// otherwise keep a stopped server's process alive for up to MAX_WAIT_MS.
const OPEN = new WeakMap<EngineCtx, Set<() => void>>();

/** Answers every open wait with the request as last seen (still pending); used by engine.stop(). */
export function settleWaits(ctx: EngineCtx): void {
  const open = OPEN.get(ctx);
  if (!open) return;
  for (const settle of [...open]) settle();
}

export async function waitFor(ctx: EngineCtx, id: string, ms: number): Promise<RequestRecord> {
  const first = await ctx.store.getRequest(id);
  if (!first) throw new CountersignError('E_NOT_FOUND', `No request "${id}".`);
  const settled = (r: RequestRecord): boolean => effectiveStatus(r, ctx.clock.now()) !== 'pending';
  if (settled(first) || ms <= 0) return first;
  const budget = Math.min(ms, MAX_WAIT_MS);
  return new Promise<RequestRecord>((resolve) => {
    let latest = first;
    let done = false;
    let open = OPEN.get(ctx);
    if (!open) OPEN.set(ctx, (open = new Set()));
    const settleNow = (): void => finish(latest);
    open.add(settleNow);
    const finish = (r: RequestRecord): void => {
      if (done) return;
      done = true;
      open.delete(settleNow);
      unsubscribe();
      clearTimeout(timer);
      clearInterval(reread);
      resolve(r);
    };
    const unsubscribe = ctx.notifier.subscribe((e) => {
      if (e.type === 'request' && e.request.id === id && e.request.version >= latest.version) {
        latest = e.request;
        if (settled(latest)) finish(latest);
      }
    });
    const timer = setTimeout(() => finish(latest), budget);
    const reread = setInterval(() => {
      ctx.store.getRequest(id).then(
        (r) => {
          if (r && r.version >= latest.version) latest = r;
          if (settled(latest)) finish(latest);
        },
        () => undefined,
      );
    }, REREAD_MS);
    timer.unref?.();
  });
}

export function outcomeOf(r: RequestRecord, now: number): RequestOutcome {
  return { id: r.id, status: effectiveStatus(r, now), reasons: r.decision.reasons };
}
