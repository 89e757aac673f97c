// Cross-instance change notifications over LISTEN/NOTIFY. Writers send pg_notify inside the
// transaction that made the change, so a notification exists only for a committed change. Each
// store listens on one dedicated connection and hands other instances' changes to its subscribers;
// when that connection drops it reconnects with backoff (changes in the gap are caught by the
// engine's periodic re-reads, not by this channel).
import pg from 'pg';
import type { RequestRecord, StoreChange } from '../../core/index.js';

/** What travels in a payload: r = request (with its record when small), s = state key, a = audit. */
export type WireChange = { k: 'r'; id: string; rec?: RequestRecord } | { k: 's'; key: string } | { k: 'a'; e: [number, string][] };

/** PostgreSQL refuses payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7800;
/** A record larger than this travels as its id only; listeners read it from the database. */
const MAX_RECORD = 3000;

/** A per-schema channel name (an identifier of at most 63 bytes). */
export function channelFor(schema: string): string {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(schema)) h = Math.imul(h ^ ch, 0x01000193) >>> 0;
  return `countersign_${h.toString(16).padStart(8, '0')}`;
}

/** Splits the changes into payloads of at most MAX_PAYLOAD bytes, each `{o: origin, c: [...]}`. */
export function packChanges(origin: string, changes: WireChange[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let size = 0;
  const frame = JSON.stringify({ o: origin, c: [] }).length;
  const flush = (): void => {
    if (cur.length) out.push(`{"o":${JSON.stringify(origin)},"c":[${cur.join(',')}]}`);
    cur = [];
    size = 0;
  };
  const add = (text: string): void => {
    const n = Buffer.byteLength(text) + 1;
    if (size + n + frame > MAX_PAYLOAD) flush();
    cur.push(text);
    size += n;
  };
  for (const c of changes) {
    if (c.k === 'r') {
      const full = JSON.stringify(c);
      add(Buffer.byteLength(full) <= MAX_RECORD ? full : JSON.stringify({ k: 'r', id: c.id }));
    } else if (c.k === 'a') {
      // Audit notices split into pieces that fit.
      for (let i = 0; i < c.e.length; i += 100) add(JSON.stringify({ k: 'a', e: c.e.slice(i, i + 100) }));
    } else add(JSON.stringify(c));
  }
  flush();
  return out;
}

export function unpack(payload: string, self: string): StoreChange[] {
  // One's own notifications come back too; skip them before paying for the parse.
  if (payload.startsWith(`{"o":${JSON.stringify(self)},`)) return [];
  let msg: { o?: unknown; c?: unknown };
  try {
    msg = JSON.parse(payload) as { o?: unknown; c?: unknown };
  } catch {
    return [];
  }
  if (msg.o === self || !Array.isArray(msg.c)) return [];
  const out: StoreChange[] = [];
  for (const c of msg.c as WireChange[]) {
    if (c?.k === 'r' && typeof c.id === 'string') out.push(c.rec ? { kind: 'request', requestId: c.id, record: c.rec } : { kind: 'request', requestId: c.id });
    else if (c?.k === 's' && typeof c.key === 'string') out.push({ kind: 'state', key: c.key });
    else if (c?.k === 'a' && Array.isArray(c.e)) out.push({ kind: 'audit', entries: c.e.map(([seq, type]) => ({ seq, type })) });
  }
  return out;
}

export class Listener {
  private client: pg.Client | null = null;
  private subs = new Set<(ev: StoreChange) => void>();
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private backoff = 100;

  constructor(private readonly config: pg.ClientConfig, private readonly channel: string, private readonly self: string) {}

  subscribe(cb: (ev: StoreChange) => void): () => void {
    this.subs.add(cb);
    if (!this.client && !this.retry) void this.connect();
    return () => this.subs.delete(cb);
  }

  /** Resolves once this listener is receiving (tests, and `serve` before it reports ready). */
  async ready(): Promise<void> {
    if (!this.client && !this.retry) await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client(this.config);
    this.client = client;
    // Without an error listener a dropped connection would crash the process.
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (n) => {
      if (n.channel !== this.channel || !n.payload) return;
      for (const ev of unpack(n.payload, this.self)) {
        for (const cb of [...this.subs]) {
          try {
            cb(ev);
          } catch {
            // one failing subscriber must not stop the others being told
          }
        }
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
      this.backoff = 100;
    } catch {
      this.lost(client);
    }
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, this.backoff);
    this.retry.unref();
    this.backoff = Math.min(this.backoff * 2, 2000);
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }
}
