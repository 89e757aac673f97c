// The Store port. Implementations: src/store/sqlite (embedded, default) and src/store/postgres (HA).
// One conformance suite (src/store/conformance.ts) runs against both on real databases.
//
// Invariants every implementation keeps:
// - A request change and the audit entries that describe it commit together or not at all.
// - Audit appends are serialised: seq is gapless, prev links to the previous hash, one total order
//   even with several server processes on one database.
// - updateRequest is compare-and-set on `version`; a lost race throws CountersignError('E_CONFLICT').
import type { AuditAppend, AuditEntry } from './audit.js';
import type { RequestRecord, RequestStatus } from './request.js';

export type RequestFilter = {
  status?: RequestStatus[];
  agentId?: string;
  targetId?: string;
  since?: number;
  limit?: number;
};

/** A change committed through another Store object on the same database (another server
 * instance). `record` is included when it was small enough to travel with the notification. */
export type StoreChange =
  | { kind: 'request'; requestId: string; record?: RequestRecord }
  | { kind: 'audit'; entries: { seq: number; type: string }[] }
  | { kind: 'state'; key: string };

export interface Store {
  /** Insert a new request and append its audit entries atomically. Returns the appended entries. */
  insertRequest(r: RequestRecord, audit: AuditAppend[]): Promise<AuditEntry[]>;
  /** Replace a request if its stored version equals `expectedVersion` (the new record carries
   * version expectedVersion + 1), appending the audit entries in the same transaction. */
  updateRequest(r: RequestRecord, expectedVersion: number, audit: AuditAppend[]): Promise<AuditEntry[]>;
  getRequest(id: string): Promise<RequestRecord | null>;
  listRequests(filter: RequestFilter): Promise<RequestRecord[]>;
  /** The newest approved, unused, unexpired request of this agent with this digest. */
  findApproved(agentId: string, digest: string, now: number): Promise<RequestRecord | null>;
  /** Append audit entries not tied to a request change (freeze, config, limits...). */
  appendAudit(entries: AuditAppend[]): Promise<AuditEntry[]>;
  /** Entries with seq >= fromSeq, ascending, at most `limit`. */
  readAudit(fromSeq: number, limit: number): Promise<AuditEntry[]>;
  auditHead(): Promise<{ seq: number; hash: string } | null>;
  /** Small shared key/value state (freeze flag, limit counters) that must hold across instances. */
  getState<T = unknown>(key: string): Promise<T | null>;
  setState(key: string, value: unknown, audit: AuditAppend[]): Promise<AuditEntry[]>;
  /** Atomically add `delta` to a counter in window `window` and return the new value. */
  bumpCounter(key: string, window: number, delta: number): Promise<number>;
  close(): Promise<void>;
  /** Shared stores only (PostgreSQL): calls `cb` for every change other instances commit, so this
   * instance can wake its waiting agents and event streams. Returns the unsubscribe function. */
  onChange?(cb: (ev: StoreChange) => void): () => void;
}
