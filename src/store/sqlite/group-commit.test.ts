import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroupCommit } from './group-commit.js';
import { codeOf } from '../conformance-fixtures.js';

async function withDbs(fn: (db: Database.Database, other: Database.Database) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cs-gc-'));
  const db = new Database(join(dir, 'x.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  const other = new Database(join(dir, 'x.db'));
  try {
    await fn(db, other);
  } finally {
    other.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('writes submitted in one tick share one transaction; each promise settles after COMMIT', async () => {
  await withDbs(async (db, other) => {
    const gc = new GroupCommit(db);
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const visibleElsewhere = () => (other.prepare('SELECT count(*) AS c FROM t').get() as { c: number }).c;
    const seen: number[] = [];
    const ops = [1, 2, 3].map((n) => gc.submit(`op ${n}`, () => {
      insert.run(n);
      seen.push(visibleElsewhere()); // another connection sees nothing until the group commits
      return n * 10;
    }));
    const after: number[] = [];
    const results = await Promise.all(ops.map((p) => p.then((v) => (after.push(visibleElsewhere()), v))));
    assert.deepEqual({ results, seen, after }, { results: [10, 20, 30], seen: [0, 0, 0], after: [3, 3, 3] });
  });
});

test('a failing op is rolled back alone; a write in the next tick joins the next group', async () => {
  await withDbs(async (db) => {
    const gc = new GroupCommit(db);
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const codes = await Promise.all([
      codeOf(gc.submit('good', () => insert.run(1))),
      codeOf(gc.submit('half-done', () => {
        insert.run(2);
        insert.run(1); // primary key clash: undo this op's row 2 as well
      })),
      codeOf(gc.submit('good too', () => insert.run(3))),
    ]);
    await gc.submit('later', () => insert.run(4));
    gc.close();
    assert.deepEqual([codes, db.prepare('SELECT n FROM t ORDER BY n').all(), await codeOf(gc.submit('closed', () => 1))], [
      ['ok', 'E_STORE', 'ok'],
      [{ n: 1 }, { n: 3 }, { n: 4 }],
      'E_STORE',
    ]);
  });
});

test('close() commits what was already accepted', async () => {
  await withDbs(async (db) => {
    const gc = new GroupCommit(db);
    const p = gc.submit('accepted', () => db.prepare('INSERT INTO t (n) VALUES (7)').run().changes);
    gc.close();
    assert.deepEqual([await p, db.prepare('SELECT n FROM t').all()], [1, [{ n: 7 }]]);
  });
});
