import type BetterSqlite3 from 'better-sqlite3';

export type StoreSettings = { journalMode: string; synchronous: string; busyTimeoutMs: number; schemaVersion: number };

const SYNCHRONOUS = ['off', 'normal', 'full', 'extra'];

/** The durability settings in force on a connection. */
export function readSettings(db: BetterSqlite3.Database): StoreSettings {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: SYNCHRONOUS[Number(db.pragma('synchronous', { simple: true }))] ?? 'unknown',
    busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
    schemaVersion: Number((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v),
  };
}
