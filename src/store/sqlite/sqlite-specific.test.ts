// What only the SQLite store promises: its pragmas and schema, tamper evidence down to the stored
// bytes, and E_STORE (never a silent success) when it cannot write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, SCHEMA_VERSION } from './index.js';
import { verifyStore } from '../verify-store.js';
import { codeOf, record } from '../conformance-fixtures.js';

async function withDb(fn: (path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cs-sqlite-'));
  try {
    await fn(join(dir, 'data', 'countersign.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('WAL, synchronous=FULL and the schema version are in place', async () => {
  await withDb(async (path) => {
    const store = await openSqliteStore({ path });
    const db = new Database(path, { readonly: true });
    try {
      assert.deepEqual(
        [store.settings(), db.prepare('SELECT version FROM schema_version ORDER BY version').all()],
        [{ journalMode: 'wal', synchronous: 'full', busyTimeoutMs: 5000, schemaVersion: SCHEMA_VERSION }, Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 }))],
      );
    } finally {
      db.close();
      await store.close();
    }
  });
});

test('a database from a newer build is refused with E_STORE', async () => {
  await withDb(async (path) => {
    await (await openSqliteStore({ path })).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, 0)').run(SCHEMA_VERSION + 1);
    db.close();
    assert.equal(await codeOf(openSqliteStore({ path })), 'E_STORE');
  });
});

test('the audit table refuses UPDATE and DELETE', async () => {
  await withDb(async (path) => {
    const store = await openSqliteStore({ path });
    await store.appendAudit([{ type: 'thaw', body: { by: 'ada' } }]);
    await store.close();
    const db = new Database(path);
    try {
      assert.throws(() => db.prepare("UPDATE audit SET type = 'freeze'").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM audit').run(), /append-only/);
    } finally {
      db.close();
    }
  });
});

test('changing one byte of any stored column of one entry is found, at that entry', async () => {
  await withDb(async (path) => {
    const store = await openSqliteStore({ path });
    await store.appendAudit(Array.from({ length: 5 }, (_, i) => ({ type: 'action.decided', body: { i, note: 'tab\u001fhere', verdict: 'deny' } })));
    await store.close();
    const edits: [string, string, { seq: number; reason: string }][] = [
      ['body value', "UPDATE audit SET body = replace(body, 'deny', 'allo') WHERE seq = 3", { seq: 3, reason: 'hash mismatch: the entry was changed after it was written' }],
      ['body escape case', "UPDATE audit SET body = replace(body, '\\u001f', '\\u001F') WHERE seq = 2", { seq: 2, reason: 'hash mismatch: the entry was changed after it was written' }],
      ['body made invalid', "UPDATE audit SET body = substr(body, 2) WHERE seq = 4", { seq: 4, reason: 'hash mismatch: the entry was changed after it was written' }],
      ['type', "UPDATE audit SET type = 'action.decidex' WHERE seq = 5", { seq: 5, reason: 'hash mismatch: the entry was changed after it was written' }],
      ['at', 'UPDATE audit SET at = at + 1 WHERE seq = 1', { seq: 1, reason: 'hash mismatch: the entry was changed after it was written' }],
      ['hash', "UPDATE audit SET hash = (CASE substr(hash, 1, 1) WHEN '0' THEN '1' ELSE '0' END) || substr(hash, 2) WHERE seq = 2", { seq: 2, reason: 'hash mismatch: the entry was changed after it was written' }],
      ['prev', "UPDATE audit SET prev = (CASE substr(prev, 1, 1) WHEN '0' THEN '1' ELSE '0' END) || substr(prev, 2) WHERE seq = 4", { seq: 4, reason: 'prev does not match the hash of entry 3' }],
    ];
    const db = new Database(path);
    const original = db.prepare('SELECT * FROM audit ORDER BY seq').all() as Record<string, unknown>[];
    const restore = db.prepare('INSERT OR REPLACE INTO audit (seq, v, prev, at, type, body, hash) VALUES (@seq, @v, @prev, @at, @type, @body, @hash)');
    const found: unknown[] = [];
    try {
      for (const [name, sql] of edits) {
        db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete');
        const changed = db.prepare(sql).run().changes;
        const s = await openSqliteStore({ path });
        const r = await verifyStore(s);
        await s.close();
        found.push({ name, changed, broken: r.broken, ok: r.ok });
        db.exec('DELETE FROM audit');
        for (const row of original) restore.run(row);
      }
    } finally {
      db.close();
    }
    assert.deepEqual(found, edits.map(([name, , broken]) => ({ name, changed: 1, broken, ok: false })));
    const s = await openSqliteStore({ path });
    assert.equal((await verifyStore(s)).ok, true, 'the restored copy verifies again');
    await s.close();
  });
});

test('a write that cannot get the lock fails with E_STORE and writes nothing', async () => {
  await withDb(async (path) => {
    const store = await openSqliteStore({ path, busyTimeoutMs: 50 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      assert.deepEqual(
        await Promise.all([codeOf(store.insertRequest(record('r1'), [{ type: 'action.proposed', body: {} }])), codeOf(store.appendAudit([{ type: 'thaw', body: {} }]))]),
        ['E_STORE', 'E_STORE'],
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    assert.deepEqual([await store.getRequest('r1'), await store.auditHead()], [null, null]);
    await store.insertRequest(record('r1'), []);
    assert.equal((await store.getRequest('r1'))?.id, 'r1', 'the store works again once the lock is free');
    await store.close();
  });
});

test('read-only: reads work beside a writer, writes are refused with E_STORE, a missing file is E_STORE', async () => {
  await withDb(async (path) => {
    assert.equal(await codeOf(openSqliteStore({ path, readonly: true })), 'E_STORE');
    const writer = await openSqliteStore({ path });
    await writer.insertRequest(record('r1'), [{ type: 'action.proposed', body: { request: 'r1' } }]);
    const reader = await openSqliteStore({ path, readonly: true });
    await writer.appendAudit([{ type: 'thaw', body: {} }]);
    assert.deepEqual(
      [(await reader.getRequest('r1'))?.id, (await verifyStore(reader)).entries, await codeOf(reader.appendAudit([{ type: 'x', body: {} }])), await codeOf(reader.insertRequest(record('r2'), []))],
      ['r1', 2, 'E_STORE', 'E_STORE'],
    );
    await reader.close();
    await writer.close();
  });
});

test('the hot queries use their indexes (no scan of an agent\'s history per submission)', async () => {
  await withDb(async (path) => {
    await (await openSqliteStore({ path })).close();
    const db = new Database(path, { readonly: true });
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
    try {
      assert.deepEqual(
        {
          findApproved: plan("SELECT record FROM requests INDEXED BY requests_approved WHERE agent_id = ? AND digest = ? AND status = 'approved' AND expires_at > ? ORDER BY created_at DESC, rowid DESC LIMIT 1", 'a', 'd', 1),
          byStatus: plan('SELECT record FROM requests WHERE status IN (?) ORDER BY created_at DESC, rowid DESC LIMIT ?', 'pending', 10),
          byAgent: plan('SELECT record FROM requests WHERE agent_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?', 'a', 10),
          auditHead: plan('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1'),
        },
        {
          findApproved: ['SEARCH requests USING INDEX requests_approved (agent_id=? AND digest=?)'],
          byStatus: ['SEARCH requests USING INDEX requests_status (status=?)'],
          byAgent: ['SEARCH requests USING INDEX requests_agent (agent_id=?)'],
          auditHead: ['SCAN audit'], // a reverse rowid walk that stops at the first row
        },
      );
    } finally {
      db.close();
    }
  });
});
