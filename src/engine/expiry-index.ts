// Which requests may expire soon, so the sweeper reads only those instead of listing every open
// request each second. Fed by the engine's own events (and, through a cross-instance notifier, by
// other instances'); a full listing now and then catches anything an event did not carry.
import type { RequestRecord } from '../core/index.js';

export class ExpiryIndex {
  private due = new Map<string, number>();

  note(r: RequestRecord): void {
    const open = r.status === 'pending' || (r.status === 'approved' && !r.execution);
    if (open && r.expiresAt !== undefined) this.due.set(r.id, r.expiresAt);
    else this.due.delete(r.id);
  }

  /** Ids whose expiry is at or before `now`. */
  dueBy(now: number): string[] {
    const out: string[] = [];
    for (const [id, at] of this.due) if (at <= now) out.push(id);
    return out;
  }

  forget(id: string): void {
    this.due.delete(id);
  }

  get size(): number {
    return this.due.size;
  }
}
