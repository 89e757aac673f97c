// The audit table: appends inside the caller's transaction (so seq/prev come from the stored head
// and a rolled-back op leaves no gap) and reads that hand verification exactly what is stored.
import type BetterSqlite3 from 'better-sqlite3';
import { canonicalize, type AuditAppend, type AuditEntry } from '../../core/index.js';
import { nextEntry } from '../../audit/index.js';

type Row = { seq: number; v: number; prev: string; at: number; type: string; body: string; hash: string };

export class AuditTable {
  private readonly head: BetterSqlite3.Statement;
  private readonly insert: BetterSqlite3.Statement;
  private readonly range: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.head = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare('INSERT INTO audit (seq, v, prev, at, type, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.range = db.prepare('SELECT seq, v, prev, at, type, body, hash FROM audit WHERE seq >= ? ORDER BY seq LIMIT ?');
  }

  /** Must run inside a write transaction. */
  append(items: AuditAppend[], at: number): AuditEntry[] {
    let head = this.readHead();
    const out: AuditEntry[] = [];
    for (const item of items) {
      const { entry, bodyText } = nextEntry(head, item, at);
      this.insert.run(entry.seq, entry.v, entry.prev, entry.at, entry.type, bodyText, entry.hash);
      out.push(entry);
      head = { seq: entry.seq, hash: entry.hash };
    }
    return out;
  }

  readHead(): { seq: number; hash: string } | null {
    return (this.head.get() as { seq: number; hash: string } | undefined) ?? null;
  }

  read(fromSeq: number, limit: number): AuditEntry[] {
    return (this.range.all(Math.max(1, Math.floor(fromSeq)), Math.max(0, Math.floor(limit))) as Row[]).map(toEntry);
  }
}

// Verification must see the stored bytes, not a re-serialisation that might hide an edit (for
// example "\u001F" for "\u001f", or reordered keys). Text that is not exactly canonical is handed
// on wrapped, so its hash no longer matches and verify names this entry.
function toEntry(row: Row): AuditEntry {
  let body: Record<string, unknown>;
  try {
    const parsed = JSON.parse(row.body) as unknown;
    const ok = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && canonicalize(parsed) === row.body;
    body = ok ? (parsed as Record<string, unknown>) : { $unreadable: row.body };
  } catch {
    body = { $unreadable: row.body };
  }
  return { v: row.v as 1, seq: row.seq, prev: row.prev, at: row.at, type: row.type, body, hash: row.hash };
}
