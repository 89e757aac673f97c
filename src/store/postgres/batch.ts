// Group commit on PostgreSQL: the writes that arrive while a transaction is in flight join the next
// one, so one commit (one WAL flush, one turn on the audit head's lock) acknowledges many changes.
// Inside a batch each op's request write runs first (compare-and-set through `WHERE version = $n`,
// duplicates through ON CONFLICT DO NOTHING — neither aborts the transaction), then the audit head
// row is locked, the entries of the ops that succeeded are hashed from the stored head, and the
// entries, the new head and the NOTIFY payloads go in one statement. Every caller's promise settles
// only after COMMIT returned.
import type pg from 'pg';
import { CountersignError, canonicalize, type AuditAppend, type AuditEntry, type Clock, type RequestRecord } from '../../core/index.js';
import { canonicalBody, nextEntry, type Head } from '../../audit/index.js';
import { toStoreError } from '../store-error.js';
import { packChanges, type WireChange } from './notify.js';
import { requestParams, type Sql } from './sql.js';

export type WriteOp =
  | { kind: 'insert'; r: RequestRecord; audit: AuditAppend[] }
  | { kind: 'update'; r: RequestRecord; expectedVersion: number; audit: AuditAppend[] }
  | { kind: 'append'; audit: AuditAppend[] }
  | { kind: 'set-state'; key: string; value: unknown; audit: AuditAppend[] };

type Pending = { op: WriteOp; name: string; resolve: (v: AuditEntry[]) => void; reject: (e: unknown) => void; state?: string };
type Outcome = { ok: true; entries: AuditEntry[] } | { ok: false; error: unknown };

/** Deadlocks and serialisation failures: the whole batch rolled back and can simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_TRIES = 8;

export class PgBatcher {
  private queue: Pending[] = [];
  private running = false;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly origin: string,
    private readonly channel: string,
    private readonly maxBatch = 500,
  ) {}

  submit(op: WriteOp): Promise<AuditEntry[]> {
    const name = describe(op);
    if (this.closed) return Promise.reject(new CountersignError('E_STORE', `${name} failed: the store is closed. Open it again.`));
    return new Promise<AuditEntry[]>((resolve, reject) => {
      const p: Pending = { op, name, resolve, reject };
      // Refused before it reaches the database: a body that is not plain JSON, a version that does
      // not move by one, state that is not JSON. Nothing of such an op is written.
      try {
        for (const item of op.audit) canonicalBody(item);
        if (op.kind === 'update' && op.r.version !== op.expectedVersion + 1) {
          throw new CountersignError('E_INTERNAL', `Request ${op.r.id} was updated to version ${op.r.version} from ${op.expectedVersion}; a change must bump the version by exactly 1.`);
        }
        if (op.kind === 'set-state') p.state = stateText(op.key, op.value);
      } catch (e) {
        return reject(toStoreError(e, name));
      }
      this.queue.push(p);
      if (!this.running) void this.drain();
    });
  }

  /** Waits for everything accepted so far to commit (or fail), then refuses new writes. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.running || this.queue.length) await new Promise<void>((ok) => this.idle.push(ok));
  }

  private async drain(): Promise<void> {
    this.running = true;
    // Let the writes of this tick gather before the first round trip.
    await new Promise((ok) => setImmediate(ok));
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      await this.runIsolating(batch);
    }
    this.running = false;
    for (const ok of this.idle.splice(0)) ok();
  }

  /** Runs a batch; if the database refuses it for a reason of one op (not a lost connection), each
   * op runs alone so one bad op does not sink the others. */
  private async runIsolating(batch: Pending[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.runWithRetry(batch);
    } catch (e) {
      if (batch.length > 1 && !isConnectionError(e)) {
        for (const p of batch) await this.runIsolating([p]);
        return;
      }
      for (const p of batch) p.reject(toStoreError(e, p.name));
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.entries);
      else p.reject(toStoreError(o.error, p.name));
    });
  }

  private async runWithRetry(batch: Pending[]): Promise<Outcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(batch);
      } catch (e) {
        if (attempt >= MAX_TRIES || !RETRYABLE.has((e as { code?: string }).code ?? '')) throw e;
        await new Promise((ok) => setTimeout(ok, Math.random() * 5 * attempt));
      }
    }
  }

  private async runOnce(batch: Pending[]): Promise<Outcome[]> {
    const client = await this.pool.connect();
    let broken: unknown = undefined;
    // The connection may die between two statements (database restart); unheard, that 'error'
    // event would crash the process. The statement in flight fails anyway and refuses the batch.
    const onError = (e: unknown): void => void (broken = e);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      try {
        const outcomes = await this.writeAll(client, batch);
        await client.query('COMMIT');
        return outcomes;
      } catch (e) {
        await client.query('ROLLBACK').catch((err: unknown) => (broken = err));
        throw e;
      }
    } catch (e) {
      if (isConnectionError(e)) broken = e;
      throw e;
    } finally {
      // A connection that failed mid-transaction is thrown away, never handed to the next caller.
      client.off('error', onError);
      client.release(broken instanceof Error ? broken : broken === undefined ? undefined : true);
    }
  }

  private async writeAll(client: pg.PoolClient, batch: Pending[]): Promise<Outcome[]> {
    const sql = this.sql;
    const failed = await this.writeRows(client, batch);
    const items: { i: number; item: AuditAppend }[] = [];
    batch.forEach((p, i) => {
      if (failed[i] === null) for (const item of p.op.audit) items.push({ i, item });
    });
    const entries: AuditEntry[][] = batch.map(() => []);
    const changes: WireChange[] = [];
    batch.forEach((p, i) => {
      if (failed[i] !== null) return;
      if (p.op.kind === 'insert' || p.op.kind === 'update') changes.push({ k: 'r', id: p.op.r.id, rec: p.op.r });
      if (p.op.kind === 'set-state') changes.push({ k: 's', key: p.op.key });
    });
    if (items.length) {
      const row = (await client.query(sql.lockHead)).rows[0] as { seq: string; hash: string } | undefined;
      if (!row) throw new CountersignError('E_STORE', 'The audit head row is missing; run `countersign migrate` against this database.');
      let head: Head = Number(row.seq) === 0 ? null : { seq: Number(row.seq), hash: row.hash };
      // Stamped under the lock, so `at` follows the chain's order on this instance's clock.
      const at = this.clock.now();
      const cols: unknown[][] = [[], [], [], [], [], [], []];
      for (const { i, item } of items) {
        const { entry, bodyText } = nextEntry(head, item, at);
        [entry.seq, entry.v, entry.prev, entry.at, entry.type, bodyText, entry.hash].forEach((v, c) => cols[c]!.push(v));
        entries[i]!.push(entry);
        head = { seq: entry.seq, hash: entry.hash };
      }
      changes.push({ k: 'a', e: items.map((_, n) => [Number(cols[0]![n]), String(cols[4]![n])]) });
      await client.query({ ...sql.appendAudit, values: [...cols, head!.seq, head!.hash, this.channel, packChanges(this.origin, changes)] });
    } else if (changes.length) {
      await client.query({ ...sql.notify, values: [this.channel, packChanges(this.origin, changes)] });
    }
    return batch.map((_, i) => (failed[i] === null ? { ok: true, entries: entries[i]! } : { ok: false, error: failed[i] }));
  }

  /** Every op's row change: null where it applied, else the op's own (coded) refusal. Inserts go
   * in one statement and updates in another, so a batch costs a fixed number of round trips;
   * a batch that touches one id twice runs op by op, in order, so the first one wins. */
  private async writeRows(client: pg.PoolClient, batch: Pending[]): Promise<(unknown | null)[]> {
    const ids: string[] = [];
    for (const p of batch) if (p.op.kind === 'insert' || p.op.kind === 'update') ids.push(p.op.r.id);
    const failed: (unknown | null)[] = batch.map(() => null);
    if (batch.length < 3 || new Set(ids).size !== ids.length) {
      for (let i = 0; i < batch.length; i++) failed[i] = await this.writeRow(client, batch[i]!);
      return failed;
    }
    const columns = (rows: unknown[][]): unknown[][] => (rows[0] ?? []).map((_, c) => rows.map((r) => r[c]));
    const ins = batch.flatMap((p, i) => (p.op.kind === 'insert' ? [{ i, r: p.op.r }] : []));
    if (ins.length) {
      const res = await client.query({ ...this.sql.insertMany, values: columns(ins.map((x) => requestParams(x.r))) });
      const done = new Set((res.rows as { id: string }[]).map((r) => r.id));
      for (const x of ins) if (!done.has(x.r.id)) failed[x.i] = new CountersignError('E_CONFLICT', `A request with id ${x.r.id} already exists; use a fresh id.`);
    }
    const upd = batch.flatMap((p, i) => (p.op.kind === 'update' ? [{ i, r: p.op.r, expected: p.op.expectedVersion }] : []));
    if (upd.length) {
      const res = await client.query({ ...this.sql.updateMany, values: columns(upd.map((x) => [...requestParams(x.r), x.expected])) });
      const done = new Set((res.rows as { id: string }[]).map((r) => r.id));
      const lost = upd.filter((x) => !done.has(x.r.id));
      if (lost.length) {
        const rows = (await client.query({ ...this.sql.versionsOf, values: [lost.map((x) => x.r.id)] })).rows as { id: string; version: number }[];
        const have = new Map(rows.map((r) => [r.id, r.version]));
        for (const x of lost) {
          const v = have.get(x.r.id);
          failed[x.i] =
            v === undefined
              ? new CountersignError('E_NOT_FOUND', `Request ${x.r.id} does not exist.`)
              : new CountersignError('E_CONFLICT', `Request ${x.r.id} is at version ${v}, not ${x.expected}: someone else changed it first. Read it again and retry.`);
        }
      }
    }
    for (let i = 0; i < batch.length; i++) if (batch[i]!.op.kind === 'set-state') failed[i] = await this.writeRow(client, batch[i]!);
    return failed;
  }

  /** One op's row change; returns null when it applied, or the op's own (coded) refusal. */
  private async writeRow(client: pg.PoolClient, p: Pending): Promise<unknown | null> {
    const sql = this.sql;
    const op = p.op;
    switch (op.kind) {
      case 'insert': {
        const res = await client.query({ ...sql.insertRequest, values: requestParams(op.r) });
        return res.rowCount === 1 ? null : new CountersignError('E_CONFLICT', `A request with id ${op.r.id} already exists; use a fresh id.`);
      }
      case 'update': {
        const res = await client.query({ ...sql.updateRequest, values: [...requestParams(op.r), op.expectedVersion] });
        if (res.rowCount === 1) return null;
        const row = (await client.query({ ...sql.versionOf, values: [op.r.id] })).rows[0] as { version: number } | undefined;
        if (!row) return new CountersignError('E_NOT_FOUND', `Request ${op.r.id} does not exist.`);
        return new CountersignError('E_CONFLICT', `Request ${op.r.id} is at version ${row.version}, not ${op.expectedVersion}: someone else changed it first. Read it again and retry.`);
      }
      case 'set-state':
        await client.query({ ...sql.setState, values: [op.key, p.state, this.clock.now()] });
        return null;
      case 'append':
        return null;
    }
  }
}

function describe(op: WriteOp): string {
  switch (op.kind) {
    case 'insert': return `Storing request ${op.r.id}`;
    case 'update': return `Updating request ${op.r.id}`;
    case 'append': return 'Appending to the audit log';
    case 'set-state': return `Setting state "${op.key}"`;
  }
}

export function stateText(key: string, value: unknown): string {
  try {
    return canonicalize(value === undefined ? null : value);
  } catch (e) {
    throw new CountersignError('E_BAD_INPUT', `State "${key}" must be plain JSON: ${(e as Error).message}`);
  }
}

/** Errors after which the connection (or the server) is gone, as opposed to a refused statement. */
export function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  if (typeof code !== 'string') return !(e instanceof CountersignError);
  // 08: connection exception; 57P: operator intervention (shutdown); 53: insufficient resources
  return /^(08|57P|53)/.test(code) || /^E[A-Z]+$/.test(code);
}
