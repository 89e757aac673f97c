// Changes other server instances committed to a shared store (PostgreSQL LISTEN/NOTIFY), turned
// into this instance's notifier events: agents waiting here are released, event streams here
// update, the expiry sweeper learns of requests created elsewhere. This instance's own changes are
// published by the code that made them; the store reports only the others'.
import type { StoreChange } from '../core/index.js';
import type { EngineCtx } from './ctx.js';
import { readFreeze, FREEZE_KEY } from './freeze.js';

export function followStoreChanges(ctx: EngineCtx): () => void {
  if (!ctx.store.onChange) return () => undefined;
  return ctx.store.onChange((ev: StoreChange) => {
    if (ev.kind === 'request') {
      if (ev.record) return ctx.notifier.publish({ type: 'request', request: ev.record });
      // Too large to travel in the notification: read it (a failed read is caught by the
      // waiters' periodic re-read).
      ctx.store.getRequest(ev.requestId).then((r) => r && ctx.notifier.publish({ type: 'request', request: r }), () => undefined);
    } else if (ev.kind === 'audit') {
      ctx.notifier.publish({ type: 'audit', entries: ev.entries });
    } else if (ev.key === FREEZE_KEY) {
      readFreeze(ctx.store).then((status) => ctx.notifier.publish({ type: 'status', status }), () => undefined);
    }
  });
}
