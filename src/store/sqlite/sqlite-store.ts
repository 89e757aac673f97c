// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged write
// survives a crash or power loss. Writes are grouped (GroupCommit) and run either in this thread or,
// with `worker: true`, in a writer thread so that SQLite and fsync never block the event loop.
// Reads run directly on this thread's connection and only ever see committed data.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditAppend, AuditEntry, Clock, RequestFilter, RequestRecord, Store } from '../../core/index.js';
import { readAsync, toStoreError } from '../store-error.js';
import { GroupCommit } from './group-commit.js';
import { checkVersion, migrate } from './schema.js';
import { readSettings, type StoreSettings } from './settings.js';
import { WorkerWriter } from './worker-writer.js';
import { describe, openTables, runWrite, type WriteOp } from './write-ops.js';

export type SqliteStoreOptions = {
  /** The database file (its directory is created); ":memory:" for a throw-away store. */
  path: string;
  /** Where `at` of audit entries comes from (default: the system clock). */
  clock?: Clock;
  /** How long a write waits for another process's lock before failing with E_STORE. */
  busyTimeoutMs?: number;
  /** Most operations per group transaction. */
  maxBatch?: number;
  /** Open an existing database for reading only (offline `audit verify|export` beside a running
   * server): no migrations, and every write fails with E_STORE. */
  readonly?: boolean;
  /** Run writes in a writer thread (not with ":memory:" or readonly). */
  worker?: boolean;
};

export type SqliteStore = Store & {
  readonly path: string;
  /** Runs queued writes now instead of at the end of the tick (in-thread mode; a no-op in worker
   * mode, where the writer commits on its own). */
  flush(): void;
  /** The durability settings in force on the writing connection (for `doctor` and tests). */
  settings(): StoreSettings;
};

type Writer = { submit(op: WriteOp): Promise<unknown>; flush(): void; close(): Promise<void>; settings: () => StoreSettings };

export async function openSqliteStore(opts: SqliteStoreOptions): Promise<SqliteStore> {
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  const clock = opts.clock ?? { now: () => Date.now() };
  const useWorker = opts.worker === true && opts.readonly !== true && opts.path !== ':memory:';
  let db: Database.Database | undefined;
  let w: WorkerWriter | undefined;
  let writer: Writer;
  try {
    if (useWorker) {
      w = await WorkerWriter.start({ path: opts.path, busyTimeoutMs, now: clock.now(), ...(opts.maxBatch ? { maxBatch: opts.maxBatch } : {}) });
      const ww = w;
      writer = { submit: (op) => ww.submit(op), flush: () => undefined, close: () => ww.close(), settings: () => ww.settings };
      db = new Database(opts.path, { timeout: busyTimeoutMs, readonly: true, fileMustExist: true });
    } else {
      const readonly = opts.readonly === true;
      if (opts.path !== ':memory:' && !readonly) mkdirSync(dirname(opts.path), { recursive: true });
      db = new Database(opts.path, { timeout: busyTimeoutMs, readonly, fileMustExist: readonly });
      if (readonly) checkVersion(db);
      else {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('foreign_keys = ON');
        migrate(db, clock.now());
      }
      writer = inThreadWriter(db, opts.maxBatch);
    }
  } catch (e) {
    db?.close();
    await w?.close();
    throw toStoreError(e, `Opening the SQLite store at ${opts.path}`);
  }
  return storeOn(db, writer, clock, opts.path);
}

function inThreadWriter(db: Database.Database, maxBatch?: number): Writer {
  const tables = openTables(db);
  const gc = new GroupCommit(db, maxBatch);
  return {
    submit: (op) => gc.submit(describe(op), () => runWrite(tables, op)),
    flush: () => gc.flush(),
    close: async () => gc.close(),
    settings: () => readSettings(db),
  };
}

function storeOn(db: Database.Database, writer: Writer, clock: Clock, path: string): SqliteStore {
  const { audit, requests, state } = openTables(db);
  const write = <T>(op: WriteOp) => writer.submit(op) as Promise<T>;
  let closed = false;
  return {
    path,
    flush: () => writer.flush(),
    settings: () => writer.settings(),

    insertRequest: (r: RequestRecord, items: AuditAppend[]) => write<AuditEntry[]>({ kind: 'insert', r, audit: items, at: clock.now() }),
    updateRequest: (r: RequestRecord, expectedVersion: number, items: AuditAppend[]) =>
      write<AuditEntry[]>({ kind: 'update', r, expectedVersion, audit: items, at: clock.now() }),
    getRequest: (id) => readAsync('Reading a request', () => requests.get(id)),
    listRequests: (filter: RequestFilter) => readAsync('Listing requests', () => requests.list(filter)),
    findApproved: (agentId, digest, now) => readAsync('Looking up an approval', () => requests.findApproved(agentId, digest, now)),

    appendAudit: (items: AuditAppend[]) => write<AuditEntry[]>({ kind: 'append', audit: items, at: clock.now() }),
    readAudit: (fromSeq, limit) => readAsync('Reading the audit log', () => audit.read(fromSeq, limit)),
    auditHead: () => readAsync('Reading the audit head', () => audit.readHead()),

    getState: <T>(key: string) => readAsync('Reading state', () => state.get<T>(key)),
    setState: (key: string, value: unknown, items: AuditAppend[]) => write<AuditEntry[]>({ kind: 'set-state', key, value, audit: items, at: clock.now() }),
    bumpCounter: (key: string, window: number, delta: number) => write<number>({ kind: 'bump', key, window, delta }),

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        await writer.close();
      } finally {
        db.close();
      }
    },
  };
}
