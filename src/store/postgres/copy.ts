// `countersign db copy`: moves a SQLite data directory's database into PostgreSQL — every request,
// the audit chain byte for byte (so every hash, and every checkpoint signed over them, stays valid),
// shared state and limit counters. Everything goes in one transaction that first proves the target
// is empty and last re-verifies the copied chain against the source's head; any mismatch rolls the
// whole copy back.
import Database from 'better-sqlite3';
import pg from 'pg';
import { CountersignError } from '../../core/index.js';
import { ChainVerifier } from '../../audit/index.js';
import { checkVersion } from '../sqlite/schema.js';
import { migrate } from './schema.js';
import { parseDatabaseUrl } from './pg-store.js';
import { statements, toEntry } from './sql.js';

export type CopyReport = { requests: number; entries: number; state: number; counters: number; head: { seq: number; hash: string } | null; schema: string };

const CHUNK = 500;

export async function copySqliteToPostgres(opts: { from: string; url: string; schema?: string; now?: number }): Promise<CopyReport> {
  const { connectionString, schema } = parseDatabaseUrl(opts.url, opts.schema);
  let src: Database.Database;
  try {
    src = new Database(opts.from, { readonly: true, fileMustExist: true });
    checkVersion(src);
  } catch (e) {
    if (e instanceof CountersignError) throw e;
    throw new CountersignError('E_USAGE', `Cannot read the SQLite database ${opts.from} (${(e as Error).message}). Point --from at a data directory holding countersign.db.`);
  }
  const dst = new pg.Client({ connectionString, application_name: 'countersign-copy' });
  try {
    dst.on('error', () => undefined); // a dropped connection fails the statement in flight instead
    await dst.connect();
    await migrate(dst, schema, opts.now ?? Date.now());
    const sql = statements(schema);
    const s = sql.schema;
    await dst.query('BEGIN');
    try {
      await dst.query(sql.lockHead);
      const counts = (await dst.query(`SELECT (SELECT count(*) FROM ${s}.requests) + (SELECT count(*) FROM ${s}.audit) + (SELECT count(*) FROM ${s}.state) + (SELECT count(*) FROM ${s}.counters) AS n`)).rows[0];
      if (Number(counts.n) !== 0) {
        throw new CountersignError('E_NOT_EMPTY', `Schema "${schema}" already has requests, audit entries or state. Copy into a fresh database or another --schema.`);
      }
      const report: CopyReport = { requests: 0, entries: 0, state: 0, counters: 0, head: null, schema };
      report.requests = await chunked(src.prepare('SELECT id, agent_id, target_id, status, digest, created_at, expires_at, version, record FROM requests ORDER BY rowid').iterate(), async (rows) => {
        await dst.query(
          `INSERT INTO ${s}.requests (id, agent_id, target_id, status, digest, created_at, expires_at, version, record)
           SELECT a, b, c, d, e, f, g, h, i
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::int[], $9::text[]) WITH ORDINALITY AS t(a, b, c, d, e, f, g, h, i, n)
           ORDER BY n`, // in source order, so `ord` keeps the listing's tie-break
          columns(rows, ['id', 'agent_id', 'target_id', 'status', 'digest', 'created_at', 'expires_at', 'version', 'record']),
        );
      });
      let last: { seq: number; hash: string } | null = null;
      report.entries = await chunked(src.prepare('SELECT seq, v, prev, at, type, body, hash FROM audit ORDER BY seq').iterate(), async (rows) => {
        await dst.query(
          `INSERT INTO ${s}.audit (seq, v, prev, at, type, body, hash) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])`,
          columns(rows, ['seq', 'v', 'prev', 'at', 'type', 'body', 'hash']),
        );
        const end = rows[rows.length - 1] as { seq: number; hash: string };
        last = { seq: end.seq, hash: end.hash };
      });
      const head = last as { seq: number; hash: string } | null;
      if (head) await dst.query(`UPDATE ${s}.audit_head SET seq = $1, hash = $2 WHERE id = 1`, [head.seq, head.hash]);
      report.state = await chunked(src.prepare('SELECT key, value, updated_at FROM state').iterate(), async (rows) => {
        await dst.query(`INSERT INTO ${s}.state (key, value, updated_at) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])`, columns(rows, ['key', 'value', 'updated_at']));
      });
      report.counters = await chunked(src.prepare('SELECT key, win, value FROM counters').iterate(), async (rows) => {
        await dst.query(`INSERT INTO ${s}.counters (key, win, value) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])`, columns(rows, ['key', 'win', 'value']));
      });
      // Re-read what PostgreSQL now holds and verify it as `audit verify` would.
      const v = new ChainVerifier();
      for (let from = 1; ; ) {
        const page = (await dst.query({ ...sql.readAudit, values: [from, 2000] })).rows.map(toEntry);
        for (const e of page) if (!v.push(e)) break;
        if (page.length < 2000 || !v.result().ok) break;
        from = page[page.length - 1]!.seq + 1;
      }
      const r = v.result();
      if (!r.ok || r.entries !== report.entries || r.head?.hash !== head?.hash) {
        throw new CountersignError('E_CHAIN_BROKEN', `The copied chain does not verify (${r.broken ? `entry ${r.broken.seq}: ${r.broken.reason}` : `${r.entries} of ${report.entries} entries`}); nothing was copied. Run \`countersign audit verify --dir\` on the source.`);
      }
      report.head = head;
      await dst.query('COMMIT');
      return report;
    } catch (e) {
      await dst.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    src.close();
    await dst.end().catch(() => undefined);
  }
}

async function chunked(rows: IterableIterator<unknown>, write: (rows: Record<string, unknown>[]) => Promise<void>): Promise<number> {
  let n = 0;
  let buf: Record<string, unknown>[] = [];
  for (const row of rows) {
    buf.push(row as Record<string, unknown>);
    if (buf.length === CHUNK) {
      // better-sqlite3 iterators must not stay open across awaits on the same connection's writes;
      // this connection only reads, so awaiting here is safe.
      await write(buf);
      n += buf.length;
      buf = [];
    }
  }
  if (buf.length) await write(buf);
  return n + buf.length;
}

function columns(rows: Record<string, unknown>[], names: string[]): unknown[][] {
  return names.map((name) => rows.map((r) => r[name] ?? null));
}
