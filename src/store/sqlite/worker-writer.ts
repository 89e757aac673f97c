// Worker mode, main-thread side: writes go to a writer thread, so this thread keeps serving HTTP
// while SQLite and fsync work; reads use this thread's own read-only connection and see every
// write whose promise has resolved (the writer answers only after COMMIT).
import { Worker } from 'node:worker_threads';
import { CountersignError } from '../../core/index.js';
import type { StoreSettings } from './settings.js';
import { encodeOp, fromWire, type WireError } from './wire.js';
import type { WriteOp } from './write-ops.js';

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type OpReply = [number, 1, string] | [number, 0, WireError];
type Reply = ['done', OpReply[]] | ['ready', StoreSettings] | ['failed', WireError] | ['closed'];

export class WorkerWriter {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  // Writes submitted in one turn of this thread's event loop cross in one message (and come back
  // in one per commit): a message per write cost both threads a wake-up and a hand-off each.
  private outbox: [number, string][] = [];
  private posting = false;
  private dead: CountersignError | null = null;
  closing: Promise<void> | null = null;
  private onClosed: (() => void) | null = null;

  private constructor(private readonly worker: Worker, readonly settings: StoreSettings) {}

  static start(init: { path: string; busyTimeoutMs: number; maxBatch?: number; now: number }): Promise<WorkerWriter> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./writer-thread.js', import.meta.url), { workerData: init });
      let writer: WorkerWriter | null = null;
      worker.on('message', (m: Reply) => {
        if (m[0] === 'ready') {
          writer = new WorkerWriter(worker, m[1]);
          worker.unref(); // referenced again only while writes are in flight (see submit)
          resolve(writer);
        } else if (m[0] === 'failed') {
          reject(fromWire(m[1]));
        } else if (m[0] === 'done') {
          for (const r of m[1]) writer?.reply(r);
        } else writer?.closed();
      });
      const fail = (why: string) => {
        const e = writer?.closing
          ? new CountersignError('E_STORE', 'The store is closed. Open it again.')
          : new CountersignError('E_STORE', `The SQLite writer thread stopped (${why}); nothing more can be written. Restart the server.`);
        if (writer) writer.die(e);
        else reject(e);
      };
      worker.on('error', (e) => fail(e.message));
      worker.on('exit', (code) => fail(`exit code ${code}`));
    });
  }

  submit(op: WriteOp): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.closing) return Promise.reject(new CountersignError('E_STORE', 'The store is closed. Open it again.'));
    let text: string;
    try {
      text = encodeOp(op);
    } catch (e) {
      return Promise.reject(e);
    }
    const id = this.nextId++;
    // An in-flight write must keep the process alive until it is durable and answered.
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.outbox.push([id, text]);
      if (!this.posting) {
        this.posting = true;
        setImmediate(() => this.post());
      }
    });
  }

  private post(): void {
    this.posting = false;
    if (this.outbox.length === 0 || this.dead) return;
    const batch = this.outbox;
    this.outbox = [];
    this.worker.postMessage(['ops', batch]);
  }

  private closed(): void {
    this.onClosed?.();
  }

  private reply(m: OpReply): void {
    const p = this.pending.get(m[0]);
    if (!p) return;
    this.pending.delete(m[0]);
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
    if (m[1] === 1) p.resolve(JSON.parse(m[2]));
    else p.reject(fromWire(m[2]));
  }

  private die(e: CountersignError): void {
    if (this.dead) return;
    this.dead = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    this.onClosed?.();
  }

  /** Stops the writer thread abruptly, as a crash would (tests of the fail-closed path). */
  async kill(): Promise<void> {
    await this.worker.terminate();
  }

  /** Lets the writer commit everything already sent, then stops it. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.dead) return (this.closing = Promise.resolve());
    this.worker.ref();
    this.closing = new Promise<void>((resolve) => {
      this.onClosed = resolve;
      this.post(); // what was accepted before close() is committed before the thread stops
      this.worker.postMessage(['close']);
    });
    return this.closing;
  }
}
