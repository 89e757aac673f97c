// Migrations for the PostgreSQL store, applied in order and recorded in schema_version. Append new
// steps; never edit one that has shipped. Several instances starting together all call migrate():
// a transaction-scoped advisory lock makes exactly one of them apply the steps while the others
// wait, then find nothing left to do (DDL is transactional in PostgreSQL, so a failed step leaves
// no half-made schema behind).
import type pg from 'pg';
import { CountersignError } from '../../core/index.js';

/** `s` is the quoted schema name. */
const MIGRATIONS: ((s: string) => string)[] = [
  // 1: requests, the audit chain with its single-row head, shared state and limit counters
  (s) => `
  CREATE TABLE ${s}.requests (
    id         TEXT PRIMARY KEY,
    ord        BIGSERIAL NOT NULL,        -- insertion order: the tie-break for equal created_at
    agent_id   TEXT NOT NULL,
    target_id  TEXT,
    status     TEXT NOT NULL,
    digest     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    version    INTEGER NOT NULL,
    record     TEXT NOT NULL              -- the whole RequestRecord as JSON text (jsonb refuses \\u0000)
  );
  CREATE INDEX requests_status   ON ${s}.requests (status, created_at);
  CREATE INDEX requests_agent    ON ${s}.requests (agent_id, created_at);
  CREATE INDEX requests_created  ON ${s}.requests (created_at, ord);
  CREATE INDEX requests_approved ON ${s}.requests (agent_id, digest, created_at) WHERE status = 'approved';

  CREATE TABLE ${s}.audit (
    seq  BIGINT PRIMARY KEY,             -- gapless: assigned while holding the head row's lock
    v    INTEGER NOT NULL,
    prev TEXT NOT NULL,
    at   BIGINT NOT NULL,
    type TEXT NOT NULL,
    body TEXT NOT NULL,                  -- the canonical (JCS) text that was hashed, byte for byte
    hash TEXT NOT NULL
  );
  -- Every append locks this one row (SELECT ... FOR UPDATE), so appends from every instance form one
  -- total order, and a rolled-back transaction leaves no gap.
  CREATE TABLE ${s}.audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
  );
  INSERT INTO ${s}.audit_head (id, seq, hash) VALUES (1, 0, '');
  -- Append-only. This stops accidents, not a database superuser: the hash chain and signed
  -- checkpoints are what detect a rewrite.
  CREATE FUNCTION ${s}.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
  CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON ${s}.audit
    FOR EACH ROW EXECUTE FUNCTION ${s}.audit_append_only();
  CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON ${s}.audit
    FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_append_only();

  CREATE TABLE ${s}.state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at BIGINT NOT NULL);
  CREATE TABLE ${s}.counters (key TEXT NOT NULL, win BIGINT NOT NULL, value BIGINT NOT NULL, PRIMARY KEY (key, win));
  `,
];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** A stable 64-bit advisory lock key per schema, so two deployments in one database do not wait
 * on each other's migrations. */
function lockKey(schema: string): string {
  let h = 0xcbf29ce484222325n;
  for (const ch of Buffer.from(`countersign/migrate/${schema}`)) h = BigInt.asUintN(64, (h ^ BigInt(ch)) * 0x100000001b3n);
  return BigInt.asIntN(64, h).toString();
}

/** Brings the schema up to PG_SCHEMA_VERSION; returns the version found and the version now. */
export async function migrate(client: pg.ClientBase, schema: string, now: number): Promise<{ from: number; to: number }> {
  const s = client.escapeIdentifier(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(schema)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`);
    const have = Number((await client.query(`SELECT COALESCE(MAX(version), 0) AS v FROM ${s}.schema_version`)).rows[0].v);
    if (have > MIGRATIONS.length) {
      throw new CountersignError('E_STORE', `The database schema "${schema}" has version ${have}, newer than this build knows (${MIGRATIONS.length}). Upgrade countersign.`);
    }
    for (let v = have + 1; v <= MIGRATIONS.length; v++) {
      await client.query(MIGRATIONS[v - 1]!(s));
      await client.query(`INSERT INTO ${s}.schema_version (version, applied_at) VALUES ($1, $2)`, [v, now]);
    }
    await client.query('COMMIT');
    return { from: have, to: MIGRATIONS.length };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
