// Events the engine publishes after a change is durable. The server's SSE stream and the `wait`
// long-poll listen here; a multi-instance deployment passes a notifier that also fans out across
// processes (e.g. PostgreSQL LISTEN/NOTIFY), so every instance wakes its waiting agents.
import type { RequestRecord } from '../core/index.js';

export type FreezeState = { frozen: boolean; frozenBy?: string; frozenAt?: number; reason?: string };

export type EngineEvent =
  | { type: 'request'; request: RequestRecord }
  | { type: 'status'; status: FreezeState }
  | { type: 'audit'; entries: { seq: number; type: string }[] };

export interface Notifier {
  publish(e: EngineEvent): void;
  subscribe(fn: (e: EngineEvent) => void): () => void;
}

export function localNotifier(): Notifier {
  const subs = new Set<(e: EngineEvent) => void>();
  return {
    publish(e) {
      for (const fn of [...subs]) {
        try {
          fn(e);
        } catch {
          // A failing listener (a closed SSE socket) must not stop the others being told.
        }
      }
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}
