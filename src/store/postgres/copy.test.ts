import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../sqlite/index.js';
import { verifyStore } from '../verify-store.js';
import { codeOf, record, T0 } from '../conformance-fixtures.js';
import { copySqliteToPostgres, openPostgresStore } from './index.js';
import { PG_URL, dropSchema, freshSchemaName } from './test-db.js';

async function sqliteWithData(dir: string): Promise<string> {
  const path = join(dir, 'countersign.db');
  const s = await openSqliteStore({ path });
  // Same createdAt for two rows: the copy must keep their insertion order as the tie-break.
  // (submitted together: one group commit, in submission order)
  await Promise.all(Array.from({ length: 1200 }, (_, i) => s.insertRequest(record(`r${i}`, { createdAt: T0 + Math.floor(i / 2) }), [{ type: 'action.proposed', body: { request: `r${i}`, note: 'caf\u00e9 \u0000 \u2028' } }])));
  await s.updateRequest({ ...record('r7', { createdAt: T0 + 3 }), status: 'rejected', version: 2 }, 1, [{ type: 'request.rejected', body: { request: 'r7' } }]);
  await s.setState('freeze', { frozen: true, by: 'ada' }, [{ type: 'freeze', body: { by: 'ada' } }]);
  await s.bumpCounter('rate:agent-a', 5, 9);
  await s.close();
  return path;
}

test('db copy moves requests, the chain (same hashes), state and counters, and refuses a non-empty target', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-copy-'));
  const schema = freshSchemaName();
  try {
    const path = await sqliteWithData(dir);
    const report = await copySqliteToPostgres({ from: path, url: PG_URL, schema });
    const src = await openSqliteStore({ path, readonly: true });
    const dst = await openPostgresStore({ url: PG_URL, schema });
    try {
      const srcLog = await src.readAudit(1, 10_000);
      assert.deepEqual(report, { requests: 1200, entries: 1202, state: 1, counters: 1, head: { seq: 1202, hash: srcLog.at(-1)!.hash }, schema });
      assert.deepEqual(await dst.readAudit(1, 10_000), srcLog);
      assert.deepEqual(await dst.listRequests({ limit: 10_000 }), await src.listRequests({ limit: 10_000 }));
      assert.deepEqual([await dst.getState('freeze'), await dst.bumpCounter('rate:agent-a', 5, 0), (await verifyStore(dst)).ok], [{ frozen: true, by: 'ada' }, 9, true]);
      // the chain continues where SQLite left off
      const [next] = await dst.appendAudit([{ type: 'thaw', body: {} }]);
      assert.deepEqual([next?.seq, next?.prev], [1203, srcLog.at(-1)!.hash]);
      assert.equal(await codeOf(copySqliteToPostgres({ from: path, url: PG_URL, schema })), 'E_NOT_EMPTY');
    } finally {
      await src.close();
      await dst.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(schema);
  }
});

test('db copy of a tampered chain fails and copies nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-copy-'));
  const schema = freshSchemaName();
  try {
    const path = await sqliteWithData(dir);
    const db = new Database(path);
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare('UPDATE audit SET body = ? WHERE seq = 5').run('{"request":"forged"}');
    db.close();
    assert.equal(await codeOf(copySqliteToPostgres({ from: path, url: PG_URL, schema })), 'E_CHAIN_BROKEN');
    const dst = await openPostgresStore({ url: PG_URL, schema });
    try {
      assert.deepEqual([await dst.auditHead(), await dst.listRequests({}), await dst.getState('freeze')], [null, [], null]);
    } finally {
      await dst.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(schema);
  }
});
