// Migrations, applied in order and recorded in schema_version. Append new steps; never edit one
// that has shipped (a database that already ran it would not run it again).
import type BetterSqlite3 from 'better-sqlite3';
import { CountersignError } from '../../core/index.js';

const MIGRATIONS: string[] = [
  // 1: requests, the audit chain, shared state and limit counters
  `
  CREATE TABLE requests (
    id         TEXT PRIMARY KEY,
    agent_id   TEXT NOT NULL,
    target_id  TEXT,
    status     TEXT NOT NULL,
    digest     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    version    INTEGER NOT NULL,
    record     TEXT NOT NULL            -- the whole RequestRecord as JSON
  );
  CREATE INDEX requests_status  ON requests (status, created_at);
  CREATE INDEX requests_agent   ON requests (agent_id, created_at);
  CREATE INDEX requests_digest  ON requests (agent_id, digest, status);
  CREATE INDEX requests_created ON requests (created_at);

  CREATE TABLE audit (
    seq  INTEGER PRIMARY KEY,           -- gapless, assigned inside the writing transaction
    v    INTEGER NOT NULL,
    prev TEXT NOT NULL,
    at   INTEGER NOT NULL,
    type TEXT NOT NULL,
    body TEXT NOT NULL,                 -- the canonical (JCS) text that was hashed, byte for byte
    hash TEXT NOT NULL
  );
  -- Append-only. This stops accidents, not an attacker with the file: the hash chain and signed
  -- checkpoints are what detect a rewrite.
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

  CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);
  CREATE TABLE counters (key TEXT NOT NULL, win INTEGER NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (key, win));
  `,
  // 2: findApproved runs on every submission. With only (agent_id, digest, status) the planner
  // preferred (agent_id, created_at) for the ORDER BY and scanned the agent's whole history. A
  // partial index holds just the approved requests, in the order the lookup wants.
  `
  DROP INDEX requests_digest;
  CREATE INDEX requests_approved ON requests (agent_id, digest, created_at) WHERE status = 'approved';
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** For a read-only open: the schema must be exactly the one this build knows. */
export function checkVersion(db: BetterSqlite3.Database): void {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  if (row.v !== MIGRATIONS.length) {
    throw new CountersignError('E_STORE', `The database has schema version ${row.v ?? 0}; this build reads version ${MIGRATIONS.length}. Open it once with a matching countersign (not read-only) to migrate it.`);
  }
}

export function migrate(db: BetterSqlite3.Database, now: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at INTEGER NOT NULL)');
  // IMMEDIATE: two processes opening a fresh database at once must not both run step 1.
  db.exec('BEGIN IMMEDIATE');
  try {
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
    const have = row.v ?? 0;
    if (have > MIGRATIONS.length) {
      throw new CountersignError('E_STORE', `The database has schema version ${have}, newer than this build knows (${MIGRATIONS.length}). Upgrade countersign.`);
    }
    const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
    for (let v = have + 1; v <= MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v - 1]!);
      record.run(v, now);
    }
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}
