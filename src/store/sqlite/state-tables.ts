// Shared key/value state (freeze flag, ...) and windowed counters (rate limits, budgets).
import type BetterSqlite3 from 'better-sqlite3';
import { CountersignError, canonicalize } from '../../core/index.js';

/** Windows older than this many windows behind the newest one of a key are dropped on bump. */
const KEEP_WINDOWS = 16;

export class StateTables {
  private readonly getStmt: BetterSqlite3.Statement;
  private readonly setStmt: BetterSqlite3.Statement;
  private readonly bumpStmt: BetterSqlite3.Statement;
  private readonly pruneStmt: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.getStmt = db.prepare('SELECT value FROM state WHERE key = ?');
    this.setStmt = db.prepare(
      'INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    this.bumpStmt = db.prepare(
      'INSERT INTO counters (key, win, value) VALUES (?, ?, ?) ON CONFLICT (key, win) DO UPDATE SET value = value + excluded.value RETURNING value',
    );
    this.pruneStmt = db.prepare('DELETE FROM counters WHERE key = ? AND win < ?');
  }

  get<T>(key: string): T | null {
    const row = this.getStmt.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }

  set(key: string, value: unknown, at: number): void {
    let text: string;
    try {
      text = canonicalize(value === undefined ? null : value);
    } catch (e) {
      throw new CountersignError('E_BAD_INPUT', `State "${key}" must be plain JSON: ${(e as Error).message}`);
    }
    this.setStmt.run(key, text, at);
  }

  bump(key: string, window: number, delta: number): number {
    if (!Number.isSafeInteger(window) || !Number.isSafeInteger(delta)) {
      throw new CountersignError('E_BAD_INPUT', `Counter "${key}" takes integer windows and deltas (got ${window}, ${delta}).`);
    }
    const row = this.bumpStmt.get(key, window, delta) as { value: number };
    this.pruneStmt.run(key, window - KEEP_WINDOWS);
    return row.value;
  }
}
