// Limit counters kept off the decision's critical path. Each decision would otherwise pay one more
// durable commit (an fsync) before it could be answered. Counts are tallied in memory and merged
// into the store's shared counters every `syncMs`; the merged total comes back, so several server
// instances on one database see each other's counts within one sync interval. The cost of that
// choice: across N instances an agent may overrun a limit by what it sends in one interval, and a
// crash forgets at most one interval of counts. Breaker trips themselves are written durably.
import type { Store } from '../core/index.js';

type Cell = { window: number; windowMs: number; base: number; pending: number };

export class Tally {
  private cells = new Map<string, Cell>();
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | null = null;

  constructor(private readonly store: Store) {}

  /** Adds `delta` to `key` in the current window of `windowMs` and returns the count as this
   * process knows it. */
  bump(key: string, windowMs: number, now: number, delta: number): number {
    const window = Math.floor(now / windowMs);
    let c = this.cells.get(key);
    if (!c || c.window !== window) {
      if (c && c.window > window) return c.base + c.pending; // a late caller for a past window
      c = { window, windowMs, base: 0, pending: 0 };
      this.cells.set(key, c);
    }
    c.pending += delta;
    return c.base + c.pending;
  }

  /** The count for `key` now, without changing it. */
  peek(key: string, now: number): number {
    const c = this.cells.get(key);
    return c && c.window === Math.floor(now / c.windowMs) ? c.base + c.pending : 0;
  }

  /** Merges local counts into the store and learns the shared totals; drops past windows. */
  sync(now: number): Promise<void> {
    this.syncing ??= this.doSync(now).finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async doSync(now: number): Promise<void> {
    const work: Promise<void>[] = [];
    for (const [key, c] of this.cells) {
      if (c.window < Math.floor(now / c.windowMs) && c.pending === 0) {
        this.cells.delete(key);
        continue;
      }
      const d = c.pending;
      c.pending -= d;
      c.base += d;
      work.push(
        this.store.bumpCounter(key, c.window, d).then(
          (total) => {
            if (this.cells.get(key) === c) c.base = Math.max(c.base, total);
          },
          () => {
            c.pending += d; // not merged: try again next time
            c.base -= d;
          },
        ),
      );
    }
    await Promise.all(work);
  }

  start(everyMs: number, clock: { now(): number }): void {
    if (this.timer || everyMs <= 0) return;
    this.timer = setInterval(() => void this.sync(clock.now()), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
