// The requests table: the whole record as JSON, plus the columns that are filtered on.
import type BetterSqlite3 from 'better-sqlite3';
import { CountersignError, type RequestFilter, type RequestRecord } from '../../core/index.js';

const COLUMNS = 'id, agent_id, target_id, status, digest, created_at, expires_at, version, record';
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

function params(r: RequestRecord): unknown[] {
  return [r.id, r.agentId, r.targetId, r.status, r.digest, r.createdAt, r.expiresAt ?? null, r.version, JSON.stringify(r)];
}

export class RequestsTable {
  private readonly insertStmt: BetterSqlite3.Statement;
  private readonly updateStmt: BetterSqlite3.Statement;
  private readonly getStmt: BetterSqlite3.Statement;
  private readonly versionStmt: BetterSqlite3.Statement;
  private readonly approvedStmt: BetterSqlite3.Statement;
  // One statement per filter shape (a few dozen at most: which filters are set, how many statuses).
  private readonly listStmts = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly db: BetterSqlite3.Database) {
    this.insertStmt = db.prepare(`INSERT INTO requests (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.updateStmt = db.prepare(
      'UPDATE requests SET agent_id = ?, target_id = ?, status = ?, digest = ?, created_at = ?, expires_at = ?, version = ?, record = ? WHERE id = ? AND version = ?',
    );
    this.getStmt = db.prepare('SELECT record FROM requests WHERE id = ?');
    this.versionStmt = db.prepare('SELECT version FROM requests WHERE id = ?');
    // A NULL use-by never matches: an approval without a deadline is not usable (fail closed).
    this.approvedStmt = db.prepare(
      "SELECT record FROM requests INDEXED BY requests_approved WHERE agent_id = ? AND digest = ? AND status = 'approved' AND expires_at > ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
    );
  }

  insert(r: RequestRecord): void {
    try {
      this.insertStmt.run(...params(r));
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new CountersignError('E_CONFLICT', `A request with id ${r.id} already exists; use a fresh id.`);
      throw e;
    }
  }

  /** Compare-and-set on version. */
  update(r: RequestRecord, expectedVersion: number): void {
    if (r.version !== expectedVersion + 1) {
      throw new CountersignError('E_INTERNAL', `Request ${r.id} was updated to version ${r.version} from ${expectedVersion}; a change must bump the version by exactly 1.`);
    }
    const [id, ...rest] = params(r);
    const res = this.updateStmt.run(...rest, id, expectedVersion);
    if (res.changes === 1) return;
    const row = this.versionStmt.get(r.id) as { version: number } | undefined;
    if (!row) throw new CountersignError('E_NOT_FOUND', `Request ${r.id} does not exist.`);
    throw new CountersignError('E_CONFLICT', `Request ${r.id} is at version ${row.version}, not ${expectedVersion}: someone else changed it first. Read it again and retry.`);
  }

  get(id: string): RequestRecord | null {
    const row = this.getStmt.get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as RequestRecord) : null;
  }

  findApproved(agentId: string, digest: string, now: number): RequestRecord | null {
    const row = this.approvedStmt.get(agentId, digest, now) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as RequestRecord) : null;
  }

  list(f: RequestFilter): RequestRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.status && f.status.length > 0) {
      where.push(`status IN (${f.status.map(() => '?').join(', ')})`);
      args.push(...f.status);
    }
    if (f.agentId !== undefined) (where.push('agent_id = ?'), args.push(f.agentId));
    if (f.targetId !== undefined) (where.push('target_id = ?'), args.push(f.targetId));
    if (f.since !== undefined) (where.push('created_at >= ?'), args.push(f.since));
    const limit = Math.min(MAX_LIMIT, Math.max(0, Math.floor(f.limit ?? DEFAULT_LIMIT)));
    const sql = `SELECT record FROM requests ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    let stmt = this.listStmts.get(sql);
    if (!stmt) {
      if (this.listStmts.size >= 64) this.listStmts.clear(); // odd filters must not grow it forever
      this.listStmts.set(sql, (stmt = this.db.prepare(sql)));
    }
    return (stmt.all(...args, limit) as { record: string }[]).map((row) => JSON.parse(row.record) as RequestRecord);
  }
}
