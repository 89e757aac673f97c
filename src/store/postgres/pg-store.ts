// The shared store: several `countersign serve` instances on one PostgreSQL database. Writes go
// through group commit (batch.ts), which serialises audit appends on the head row's lock and makes
// request updates compare-and-set on version; reads go straight to the pool. Any database failure
// is E_STORE, which the engine answers with "not allowed"; the pool opens fresh connections when
// the database is back, so no restart is needed.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { CountersignError, type AuditAppend, type AuditEntry, type Clock, type RequestFilter, type RequestRecord, type Store, type StoreChange } from '../../core/index.js';
import { toStoreError } from '../store-error.js';
import { PgBatcher } from './batch.js';
import { Listener, channelFor } from './notify.js';
import { migrate, PG_SCHEMA_VERSION } from './schema.js';
import { statements, toEntry, type Sql } from './sql.js';

export type PostgresStoreOptions = {
  /** postgres://user@host:port/db; `?schema=NAME` in the URL picks the schema too. */
  url: string;
  /** The schema holding Countersign's tables (default "countersign", or the URL's ?schema=). */
  schema?: string;
  clock?: Clock;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Most writes per group transaction. */
  maxBatch?: number;
  /** Run migrations on open (default true). `false` refuses a schema that is not current. */
  migrate?: boolean;
};

export type PostgresStore = Store & {
  readonly schema: string;
  onChange(cb: (ev: StoreChange) => void): () => void;
  /** Resolves once cross-instance notifications are being received. */
  listening(): Promise<void>;
};

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

/** Splits `?schema=` off the URL (the driver would send it to the server as a setting). */
export function parseDatabaseUrl(url: string, schema?: string): { connectionString: string; schema: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CountersignError('E_USAGE', 'The database URL is not a valid URL; use postgres://USER@HOST:PORT/DATABASE.');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new CountersignError('E_USAGE', `The database URL must start with postgres:// (got ${u.protocol}//).`);
  const fromUrl = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  const chosen = schema ?? fromUrl ?? 'countersign';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(chosen)) throw new CountersignError('E_USAGE', `Schema "${chosen}" is not a plain identifier (letters, digits, _; at most 63).`);
  return { connectionString: u.toString(), schema: chosen };
}

export function poolConfig(connectionString: string, max: number): pg.PoolConfig {
  return {
    connectionString,
    max,
    application_name: 'countersign',
    // A database that does not answer must not hold a decision open: the caller gets E_STORE.
    connectionTimeoutMillis: 3000,
    query_timeout: 15_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    // An instance that vanishes mid-transaction (network partition, frozen VM) must not hold the
    // audit head's lock for long; and a writer never waits on that lock for ever.
    options: '-c idle_in_transaction_session_timeout=10s -c lock_timeout=10s',
  };
}

export async function openPostgresStore(opts: PostgresStoreOptions): Promise<PostgresStore> {
  const { connectionString, schema } = parseDatabaseUrl(opts.url, opts.schema);
  const clock = opts.clock ?? { now: () => Date.now() };
  const pool = new pg.Pool(poolConfig(connectionString, opts.poolSize ?? 10));
  // Idle connections die when the database restarts; without a listener that would crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      if (opts.migrate === false) await checkVersion(client, schema);
      else await migrate(client, schema, clock.now());
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw toStoreError(e, `Opening the PostgreSQL store (schema "${schema}")`);
  }
  const origin = randomUUID();
  const channel = channelFor(schema);
  const sql = statements(schema);
  const batcher = new PgBatcher(pool, sql, clock, origin, channel, opts.maxBatch);
  const listener = new Listener({ connectionString, application_name: 'countersign-listen', keepAlive: true, connectionTimeoutMillis: 3000 }, channel, origin);
  // Listening before the store is handed out: a server that says it is ready hears other instances.
  await listener.ready();
  return storeOn(pool, sql, batcher, listener, schema);
}

async function checkVersion(client: pg.PoolClient, schema: string): Promise<void> {
  const s = client.escapeIdentifier(schema);
  const res = await client.query(`SELECT COALESCE(MAX(version), 0) AS v FROM ${s}.schema_version`).catch(() => ({ rows: [{ v: 0 }] }));
  const v = Number(res.rows[0].v);
  if (v !== PG_SCHEMA_VERSION) throw new CountersignError('E_STORE', `Schema "${schema}" has version ${v}; this build needs ${PG_SCHEMA_VERSION}. Run \`countersign migrate --database URL\`.`);
}

function storeOn(pool: pg.Pool, sql: Sql, batcher: PgBatcher, listener: Listener, schema: string): PostgresStore {
  let closed = false;
  const read = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    if (closed) throw new CountersignError('E_STORE', `${what} failed: the store is closed. Open it again.`);
    try {
      return await fn();
    } catch (e) {
      throw toStoreError(e, what);
    }
  };
  const records = (rows: { record: string }[]) => rows.map((r) => JSON.parse(r.record) as RequestRecord);

  return {
    schema,
    insertRequest: (r: RequestRecord, audit: AuditAppend[]) => batcher.submit({ kind: 'insert', r, audit }),
    updateRequest: (r: RequestRecord, expectedVersion: number, audit: AuditAppend[]) => batcher.submit({ kind: 'update', r, expectedVersion, audit }),
    appendAudit: (audit: AuditAppend[]) => batcher.submit({ kind: 'append', audit }),
    setState: (key: string, value: unknown, audit: AuditAppend[]) => batcher.submit({ kind: 'set-state', key, value, audit }),

    getRequest: (id) => read('Reading a request', async () => records((await pool.query({ ...sql.getRequest, values: [id] })).rows)[0] ?? null),
    findApproved: (agentId, digest, now) =>
      read('Looking up an approval', async () => records((await pool.query({ ...sql.findApproved, values: [agentId, digest, now] })).rows)[0] ?? null),
    listRequests: (f: RequestFilter) =>
      read('Listing requests', async () => {
        const where: string[] = [];
        const args: unknown[] = [];
        const arg = (v: unknown): string => (args.push(v), `$${args.length}`);
        if (f.status && f.status.length > 0) where.push(`status = ANY(${arg(f.status)}::text[])`);
        if (f.agentId !== undefined) where.push(`agent_id = ${arg(f.agentId)}`);
        if (f.targetId !== undefined) where.push(`target_id = ${arg(f.targetId)}`);
        if (f.since !== undefined) where.push(`created_at >= ${arg(f.since)}`);
        const limit = Math.min(MAX_LIMIT, Math.max(0, Math.floor(f.limit ?? DEFAULT_LIMIT)));
        const text = `SELECT record FROM ${sql.schema}.requests ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, ord DESC LIMIT ${arg(limit)}`;
        return records((await pool.query(text, args)).rows);
      }),

    readAudit: (fromSeq, limit) =>
      read('Reading the audit log', async () => {
        const rows = (await pool.query({ ...sql.readAudit, values: [Math.max(1, Math.floor(fromSeq)), Math.max(0, Math.floor(limit))] })).rows;
        return rows.map(toEntry) as AuditEntry[];
      }),
    auditHead: () =>
      read('Reading the audit head', async () => {
        const row = (await pool.query(sql.readHead)).rows[0] as { seq: string; hash: string } | undefined;
        return row && Number(row.seq) > 0 ? { seq: Number(row.seq), hash: row.hash } : null;
      }),

    getState: <T>(key: string) =>
      read('Reading state', async () => {
        const row = (await pool.query({ ...sql.getState, values: [key] })).rows[0] as { value: string } | undefined;
        return row ? (JSON.parse(row.value) as T) : null;
      }),
    bumpCounter: (key: string, window: number, delta: number) =>
      read(`Counting "${key}"`, async () => {
        if (!Number.isSafeInteger(window) || !Number.isSafeInteger(delta)) {
          throw new CountersignError('E_BAD_INPUT', `Counter "${key}" takes integer windows and deltas (got ${window}, ${delta}).`);
        }
        return Number((await pool.query({ ...sql.bump, values: [key, window, delta] })).rows[0].value);
      }),

    onChange: (cb) => listener.subscribe(cb),
    listening: () => listener.ready(),

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        await batcher.close();
        await listener.close();
      } finally {
        await pool.end().catch(() => undefined);
      }
    },
  };
}
