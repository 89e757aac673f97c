// Group commit: every write that arrives while the event loop is busy joins one transaction, so one
// fsync acknowledges many decisions. Each operation runs inside its own SAVEPOINT: one that fails is
// rolled back alone and its caller is refused, the others still commit. Every caller's promise
// settles only after COMMIT returned, i.e. after the write is durable (synchronous=FULL).
import type BetterSqlite3 from 'better-sqlite3';
import { CountersignError } from '../../core/index.js';
import { toStoreError } from '../store-error.js';

type Op = { name: string; run: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };

export class GroupCommit {
  private queue: Op[] = [];
  private scheduled = false;
  private closed = false;
  private readonly stmt: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackTo', BetterSqlite3.Statement>;

  constructor(private readonly db: BetterSqlite3.Database, private readonly maxBatch = 2000) {
    this.stmt = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT op'),
      release: db.prepare('RELEASE op'),
      rollbackTo: db.prepare('ROLLBACK TO op'),
    };
  }

  /** Queues `run` (synchronous, using the db) to execute inside the next group transaction. */
  submit<T>(name: string, run: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new CountersignError('E_STORE', `${name} failed: the store is closed. Open it again.`));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ name, run, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Runs everything queued now (close() calls it so no accepted write is dropped). */
  flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) this.runBatch(this.queue.splice(0, this.maxBatch));
  }

  close(): void {
    this.flush();
    this.closed = true;
  }

  private runBatch(batch: Op[]): void {
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.stmt.begin.run();
    } catch (e) {
      for (const op of batch) op.reject(toStoreError(e, op.name));
      return;
    }
    try {
      for (const op of batch) {
        this.stmt.savepoint.run();
        try {
          const value = op.run();
          this.stmt.release.run();
          results.push({ ok: true, value });
        } catch (error) {
          // Undo this op only; if even that fails the outer catch abandons the whole batch.
          this.stmt.rollbackTo.run();
          this.stmt.release.run();
          results.push({ ok: false, error });
        }
      }
      this.stmt.commit.run();
    } catch (e) {
      try {
        if (this.db.inTransaction) this.stmt.rollback.run();
      } catch {
        // the connection is unusable; every caller below is refused anyway
      }
      for (const op of batch) op.reject(toStoreError(e, op.name));
      return;
    }
    batch.forEach((op, i) => {
      const r = results[i]!;
      if (r.ok) op.resolve(r.value);
      else op.reject(toStoreError(r.error, op.name));
    });
  }
}
