// The five kinds of write, as data, so the same code runs them in this thread (GroupCommit) or in a
// writer thread (worker mode). `at` is stamped by the caller's clock when the write is submitted.
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditAppend, AuditEntry, RequestRecord } from '../../core/index.js';
import { AuditTable } from './audit-table.js';
import { RequestsTable } from './requests-table.js';
import { StateTables } from './state-tables.js';

export type WriteOp =
  | { kind: 'insert'; r: RequestRecord; audit: AuditAppend[]; at: number }
  | { kind: 'update'; r: RequestRecord; expectedVersion: number; audit: AuditAppend[]; at: number }
  | { kind: 'append'; audit: AuditAppend[]; at: number }
  | { kind: 'set-state'; key: string; value: unknown; audit: AuditAppend[]; at: number }
  | { kind: 'bump'; key: string; window: number; delta: number };

export type Tables = { audit: AuditTable; requests: RequestsTable; state: StateTables };

export function openTables(db: BetterSqlite3.Database): Tables {
  return { audit: new AuditTable(db), requests: new RequestsTable(db), state: new StateTables(db) };
}

/** What the caller is told when the op fails ("<this> failed (...)"). */
export function describe(op: WriteOp): string {
  switch (op.kind) {
    case 'insert': return `Storing request ${op.r.id}`;
    case 'update': return `Updating request ${op.r.id}`;
    case 'append': return 'Appending to the audit log';
    case 'set-state': return `Setting state "${op.key}"`;
    case 'bump': return `Counting "${op.key}"`;
  }
}

/** Runs one op inside the current transaction. */
export function runWrite(t: Tables, op: WriteOp): AuditEntry[] | number {
  switch (op.kind) {
    case 'insert':
      t.requests.insert(op.r);
      return t.audit.append(op.audit, op.at);
    case 'update':
      t.requests.update(op.r, op.expectedVersion);
      return t.audit.append(op.audit, op.at);
    case 'append':
      return t.audit.append(op.audit, op.at);
    case 'set-state':
      t.state.set(op.key, op.value, op.at);
      return t.audit.append(op.audit, op.at);
    case 'bump':
      return t.state.bump(op.key, op.window, op.delta);
  }
}
