// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged write
// survives a crash or power loss. Writes go through GroupCommit; reads run directly (they only
// ever see committed data, because a group transaction runs start to finish within one tick).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditAppend, AuditEntry, Clock, RequestFilter, RequestRecord, Store } from '../../core/index.js';
import { readAsync, toStoreError } from '../store-error.js';
import { AuditTable } from './audit-table.js';
import { GroupCommit } from './group-commit.js';
import { RequestsTable } from './requests-table.js';
import { checkVersion, migrate } from './schema.js';
import { StateTables } from './state-tables.js';

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
};

export type SqliteStore = Store & {
  readonly path: string;
  /** Runs queued writes now instead of at the end of the tick (tests, shutdown). */
  flush(): void;
  /** The durability settings in force on this connection (for `doctor` and tests). */
  settings(): { journalMode: string; synchronous: string; busyTimeoutMs: number; schemaVersion: number };
};

const SYNCHRONOUS = ['off', 'normal', 'full', 'extra'];

export function openSqliteStore(opts: SqliteStoreOptions): Promise<SqliteStore> {
  try {
    return Promise.resolve(open(opts));
  } catch (e) {
    return Promise.reject(toStoreError(e, `Opening the SQLite store at ${opts.path}`));
  }
}

function open(opts: SqliteStoreOptions): SqliteStore {
  const clock = opts.clock ?? { now: () => Date.now() };
  const readonly = opts.readonly === true;
  if (opts.path !== ':memory:' && !readonly) mkdirSync(dirname(opts.path), { recursive: true });
  const db = new Database(opts.path, { timeout: opts.busyTimeoutMs ?? 5000, readonly, fileMustExist: readonly });
  try {
    if (readonly) {
      checkVersion(db);
    } else {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, clock.now());
    }
  } catch (e) {
    db.close();
    throw e;
  }
  const audit = new AuditTable(db);
  const requests = new RequestsTable(db);
  const state = new StateTables(db);
  const writes = new GroupCommit(db, opts.maxBatch);
  let closed = false;

  return {
    path: opts.path,
    flush: () => writes.flush(),
    settings: () => ({
      journalMode: String(db.pragma('journal_mode', { simple: true })),
      synchronous: SYNCHRONOUS[Number(db.pragma('synchronous', { simple: true }))] ?? 'unknown',
      busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
      schemaVersion: Number((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v),
    }),

    insertRequest(r: RequestRecord, items: AuditAppend[]): Promise<AuditEntry[]> {
      return writes.submit(`Storing request ${r.id}`, () => {
        requests.insert(r);
        return audit.append(items, clock.now());
      });
    },
    updateRequest(r: RequestRecord, expectedVersion: number, items: AuditAppend[]): Promise<AuditEntry[]> {
      return writes.submit(`Updating request ${r.id}`, () => {
        requests.update(r, expectedVersion);
        return audit.append(items, clock.now());
      });
    },
    getRequest: (id) => readAsync('Reading a request', () => requests.get(id)),
    listRequests: (filter: RequestFilter) => readAsync('Listing requests', () => requests.list(filter)),
    findApproved: (agentId, digest, now) => readAsync('Looking up an approval', () => requests.findApproved(agentId, digest, now)),

    appendAudit(items: AuditAppend[]): Promise<AuditEntry[]> {
      return writes.submit('Appending to the audit log', () => audit.append(items, clock.now()));
    },
    readAudit: (fromSeq, limit) => readAsync('Reading the audit log', () => audit.read(fromSeq, limit)),
    auditHead: () => readAsync('Reading the audit head', () => audit.readHead()),

    getState: <T>(key: string) => readAsync('Reading state', () => state.get<T>(key)),
    setState(key: string, value: unknown, items: AuditAppend[]): Promise<AuditEntry[]> {
      return writes.submit(`Setting state "${key}"`, () => {
        const at = clock.now();
        state.set(key, value, at);
        return audit.append(items, at);
      });
    },
    bumpCounter(key: string, window: number, delta: number): Promise<number> {
      return writes.submit(`Counting "${key}"`, () => state.bump(key, window, delta));
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        writes.close();
      } finally {
        db.close();
      }
    },
  };
}
