// The statements the PostgreSQL store runs, built once per schema. Named statements are prepared
// once per connection by the driver and reused.
import pg from 'pg';
import { canonicalize, type AuditEntry, type RequestRecord } from '../../core/index.js';

export type Sql = ReturnType<typeof statements>;

export function statements(schema: string) {
  const s = pg.escapeIdentifier(schema);
  const tag = (name: string) => `cs_${name}`;
  return {
    schema: s,
    insertRequest: {
      name: tag('insert'),
      text: `INSERT INTO ${s}.requests (id, agent_id, target_id, status, digest, created_at, expires_at, version, record)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING 1`,
    },
    updateRequest: {
      name: tag('update'),
      text: `UPDATE ${s}.requests SET agent_id = $2, target_id = $3, status = $4, digest = $5, created_at = $6, expires_at = $7, version = $8, record = $9
             WHERE id = $1 AND version = $10 RETURNING 1`,
    },
    // Many ops of one batch in one statement each (distinct ids only; see batch.ts).
    insertMany: {
      name: tag('insert_many'),
      text: `INSERT INTO ${s}.requests (id, agent_id, target_id, status, digest, created_at, expires_at, version, record)
             SELECT a, b, c, d, e, f, g, h, i
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::int[], $9::text[]) WITH ORDINALITY AS t(a, b, c, d, e, f, g, h, i, n)
             ORDER BY n
             ON CONFLICT (id) DO NOTHING RETURNING id`,
    },
    updateMany: {
      name: tag('update_many'),
      text: `UPDATE ${s}.requests AS r SET agent_id = u.b, target_id = u.c, status = u.d, digest = u.e, created_at = u.f, expires_at = u.g, version = u.h, record = u.i
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::int[], $9::text[], $10::int[]) AS u(a, b, c, d, e, f, g, h, i, x)
             WHERE r.id = u.a AND r.version = u.x RETURNING r.id`,
    },
    versionsOf: { name: tag('versions'), text: `SELECT id, version FROM ${s}.requests WHERE id = ANY($1::text[])` },
    versionOf: { name: tag('version'), text: `SELECT version FROM ${s}.requests WHERE id = $1` },
    getRequest: { name: tag('get'), text: `SELECT record FROM ${s}.requests WHERE id = $1` },
    // A NULL use-by never matches: an approval without a deadline is not usable (fail closed).
    findApproved: {
      name: tag('approved'),
      text: `SELECT record FROM ${s}.requests WHERE agent_id = $1 AND digest = $2 AND status = 'approved' AND expires_at > $3
             ORDER BY created_at DESC, ord DESC LIMIT 1`,
    },
    setState: {
      name: tag('set_state'),
      text: `INSERT INTO ${s}.state (key, value, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    },
    getState: { name: tag('get_state'), text: `SELECT value FROM ${s}.state WHERE key = $1` },
    // Windows older than 16 behind the one being bumped are dropped as we go.
    bump: {
      name: tag('bump'),
      text: `WITH old AS (DELETE FROM ${s}.counters WHERE key = $1 AND win < $2::bigint - 16)
             INSERT INTO ${s}.counters (key, win, value) VALUES ($1, $2, $3)
             ON CONFLICT (key, win) DO UPDATE SET value = ${s}.counters.value + excluded.value RETURNING value`,
    },
    lockHead: { name: tag('lock_head'), text: `SELECT seq, hash FROM ${s}.audit_head WHERE id = 1 FOR UPDATE` },
    readHead: { name: tag('head'), text: `SELECT seq, hash FROM ${s}.audit_head WHERE id = 1` },
    // The entries, the new head and the cross-instance notifications in one round trip; the
    // notifications are delivered only if the transaction commits.
    appendAudit: {
      name: tag('append'),
      text: `WITH ins AS (
               INSERT INTO ${s}.audit (seq, v, prev, at, type, body, hash)
               SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])),
             hd AS (UPDATE ${s}.audit_head SET seq = $8, hash = $9 WHERE id = 1)
             SELECT pg_notify($10, p) FROM unnest($11::text[]) AS p`,
    },
    notify: { name: tag('notify'), text: `SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p` },
    readAudit: { name: tag('read_audit'), text: `SELECT seq, v, prev, at, type, body, hash FROM ${s}.audit WHERE seq >= $1 ORDER BY seq LIMIT $2` },
  };
}

/** The request's row parameters, in the order of insertRequest/updateRequest. */
export function requestParams(r: RequestRecord): unknown[] {
  return [r.id, r.agentId, r.targetId, r.status, r.digest, r.createdAt, r.expiresAt ?? null, r.version, JSON.stringify(r)];
}

type AuditRow = { seq: string | number; v: number; prev: string; at: string | number; type: string; body: string; hash: string };

// Verification must see the stored bytes, not a re-serialisation that might hide an edit: text that
// is not exactly canonical is handed on wrapped, so its hash no longer matches and verify names it.
export function toEntry(row: AuditRow): AuditEntry {
  let body: Record<string, unknown>;
  try {
    const parsed = JSON.parse(row.body) as unknown;
    const ok = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && canonicalize(parsed) === row.body;
    body = ok ? (parsed as Record<string, unknown>) : { $unreadable: row.body };
  } catch {
    body = { $unreadable: row.body };
  }
  return { v: row.v as 1, seq: Number(row.seq), prev: row.prev, at: Number(row.at), type: row.type, body, hash: row.hash };
}
