// What only a shared store must do: several store objects (as several server instances would hold)
// on one schema, migrating together, appending together, and telling each other about changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { StoreChange } from '../../core/index.js';
import { verifyChain } from '../../audit/index.js';
import { codeOf, record } from '../conformance-fixtures.js';
import { openPostgresStore, type PostgresStore } from './index.js';
import { PG_URL, dropSchema, freshSchemaName } from './test-db.js';

async function withSchema(fn: (schema: string) => Promise<void>): Promise<void> {
  const schema = freshSchemaName();
  try {
    await fn(schema);
  } finally {
    await dropSchema(schema);
  }
}

test('six instances opening a fresh schema at once migrate it exactly once', () =>
  withSchema(async (schema) => {
    const stores = await Promise.all(Array.from({ length: 6 }, () => openPostgresStore({ url: PG_URL, schema })));
    try {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      const rows = (await c.query(`SELECT version FROM ${c.escapeIdentifier(schema)}.schema_version`)).rows;
      await c.end();
      assert.deepEqual(rows, [{ version: 1 }]);
    } finally {
      for (const s of stores) await s.close();
    }
  }));

test('three instances appending and racing on one request leave one chain and one winner', () =>
  withSchema(async (schema) => {
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url: PG_URL, schema })));
    try {
      const r = record('shared');
      await stores[0]!.insertRequest(r, [{ type: 'action.proposed', body: { request: 'shared' } }]);
      const jobs: Promise<string>[] = [];
      for (let i = 0; i < 40; i++) {
        const s = stores[i % 3]!;
        jobs.push(codeOf(s.appendAudit([{ type: 'limit.tripped', body: { i, part: 1 } }, { type: 'limit.tripped', body: { i, part: 2 } }])));
        jobs.push(codeOf(s.insertRequest(record(`r${i}`), [{ type: 'action.proposed', body: { request: `r${i}` } }])));
        jobs.push(codeOf(s.updateRequest({ ...r, status: 'rejected', version: 2 }, 1, [{ type: 'request.rejected', body: { i } }])));
      }
      const codes = await Promise.all(jobs);
      assert.deepEqual([codes.filter((c) => c === 'ok').length, codes.filter((c) => c === 'E_CONFLICT').length], [81, 39]);
      const log = await stores[1]!.readAudit(1, 1000);
      assert.deepEqual([verifyChain(log).ok, log.length, log.filter((e) => e.type === 'request.rejected').length], [true, 1 + 80 + 40 + 1, 1]);
      const parts = log.filter((e) => e.body.part !== undefined);
      for (let k = 0; k < parts.length; k += 2) assert.deepEqual([parts[k]!.body.i, parts[k + 1]!.seq], [parts[k + 1]!.body.i, parts[k]!.seq + 1]);
      assert.deepEqual(await stores[2]!.auditHead(), { seq: log.length, hash: log.at(-1)!.hash });
    } finally {
      for (const s of stores) await s.close();
    }
  }));

test("another instance's changes arrive through onChange within 250 ms; one's own do not", () =>
  withSchema(async (schema) => {
    const [a, b] = await Promise.all([openPostgresStore({ url: PG_URL, schema }), openPostgresStore({ url: PG_URL, schema })]);
    try {
      const seenA: StoreChange[] = [];
      const seenB: { ev: StoreChange; at: number }[] = [];
      a.onChange((ev) => seenA.push(ev));
      b.onChange((ev) => seenB.push({ ev, at: Date.now() }));
      const big = record('big', { context: { cwd: '/x'.repeat(4000) } });
      const t0 = Date.now();
      await a.insertRequest(record('r1'), [{ type: 'action.proposed', body: { request: 'r1' } }]);
      await a.insertRequest(big, []);
      await a.setState('freeze', { frozen: true }, [{ type: 'freeze', body: {} }]);
      for (const t = Date.now(); seenB.length < 5 && Date.now() - t < 2000; ) await new Promise((r) => setTimeout(r, 5));
      assert.deepEqual(seenB.map((x) => x.ev), [
        { kind: 'request', requestId: 'r1', record: record('r1') },
        { kind: 'audit', entries: [{ seq: 1, type: 'action.proposed' }] },
        { kind: 'request', requestId: 'big' }, // too large to travel: read it from the store
        { kind: 'state', key: 'freeze' },
        { kind: 'audit', entries: [{ seq: 2, type: 'freeze' }] },
      ]);
      assert.ok(seenB[0]!.at - t0 < 250, `first change arrived after ${seenB[0]!.at - t0} ms`);
      assert.deepEqual(seenA, []);
    } finally {
      await a.close();
      await b.close();
    }
  }));

test('an unreachable database fails closed with E_STORE, at open and on every call', async () => {
  assert.equal(await codeOf(openPostgresStore({ url: 'postgres://postgres@127.0.0.1:1/test' })), 'E_STORE');
  await withSchema(async (schema) => {
    const s: PostgresStore = await openPostgresStore({ url: PG_URL, schema });
    await s.close();
    const codes = await Promise.all([
      codeOf(s.insertRequest(record('x'), [])),
      codeOf(s.getRequest('x')),
      codeOf(s.bumpCounter('k', 1, 1)),
      codeOf(s.auditHead()),
    ]);
    assert.deepEqual(codes, ['E_STORE', 'E_STORE', 'E_STORE', 'E_STORE']);
  });
});

test('a URL that is not postgres:// or a schema that is not an identifier is a usage error', async () => {
  assert.deepEqual(
    [await codeOf(openPostgresStore({ url: 'mysql://h/db' })), await codeOf(openPostgresStore({ url: PG_URL, schema: 'a;drop' })), await codeOf(openPostgresStore({ url: 'not a url' }))],
    ['E_USAGE', 'E_USAGE', 'E_USAGE'],
  );
});

test('a batch of distinct ids (one statement for its inserts, one for its updates) refuses each op on its own', () =>
  withSchema(async (schema) => {
    const s = await openPostgresStore({ url: PG_URL, schema });
    try {
      for (const id of ['r0', 'r1', 'r4']) await s.insertRequest(record(id), []);
      const codes = await Promise.all([
        codeOf(s.insertRequest(record('r0', { agentId: 'other' }), [{ type: 'action.proposed', body: { n: 0 } }])),
        codeOf(s.insertRequest(record('r2'), [{ type: 'action.proposed', body: { n: 2 } }])),
        codeOf(s.insertRequest(record('r3'), [{ type: 'action.proposed', body: { n: 3 } }])),
        codeOf(s.updateRequest({ ...record('r1'), status: 'rejected', version: 2 }, 1, [{ type: 'request.rejected', body: { n: 1 } }])),
        codeOf(s.updateRequest(record('ghost', { version: 2 }), 1, [{ type: 'request.rejected', body: { n: 9 } }])),
        codeOf(s.updateRequest(record('r4', { version: 6 }), 5, [{ type: 'request.rejected', body: { n: 4 } }])),
      ]);
      assert.deepEqual(codes, ['E_CONFLICT', 'ok', 'ok', 'ok', 'E_NOT_FOUND', 'E_CONFLICT']);
      const log = await s.readAudit(1, 100);
      assert.deepEqual([log.map((e) => e.body.n), verifyChain(log).ok], [[2, 3, 1], true]);
      assert.deepEqual([(await s.getRequest('r0'))?.agentId, (await s.getRequest('r1'))?.status, (await s.getRequest('r4'))?.version], ['agent-a', 'rejected', 1]);
      assert.deepEqual((await s.listRequests({})).map((r) => r.id), ['r3', 'r2', 'r4', 'r1', 'r0']);
    } finally {
      await s.close();
    }
  }));
