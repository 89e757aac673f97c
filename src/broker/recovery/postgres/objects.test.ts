import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { initParser } from '../../../classify/shell/parser.js';
import { parseCommand } from '../command/parse.js';
import { initPg, touchedBy } from './objects.js';

before(async () => {
  await Promise.all([initParser(), initPg()]);
});

const of = (command: string, cwd = '/') => touchedBy({ kind: 'shell', command }, parseCommand(command, cwd, '/root'));

test('tables of DROP, TRUNCATE, DELETE, UPDATE and ALTER, schema-qualified when written so', () => {
  assert.deepEqual(of(`psql -qAtc 'DROP TABLE IF EXISTS a.b, "Mixed"; TRUNCATE x, y.z; DELETE FROM q WHERE id = 1; UPDATE r SET v = 1; ALTER TABLE s DROP COLUMN c'`), {
    conn: {},
    tables: [{ schema: 'a', name: 'b' }, { name: 'Mixed' }, { name: 'x' }, { schema: 'y', name: 'z' }, { name: 'q' }, { name: 'r' }, { name: 's' }],
    schemas: [],
    databases: [],
    unresolved: [],
  });
});

test('connection options, URIs, schemas, databases and dropdb', () => {
  assert.deepEqual(of("psql -h db.internal -p 5433 -U app -d shop -c 'DROP SCHEMA billing CASCADE'"), { conn: { host: 'db.internal', port: '5433', user: 'app', dbname: 'shop' }, tables: [], schemas: ['billing'], databases: [], unresolved: [] });
  assert.deepEqual(of("psql postgresql://app@db:6432/shop --command='DROP DATABASE old'"), { conn: { host: 'db', port: '6432', user: 'app', dbname: 'shop' }, tables: [], schemas: [], databases: ['old'], unresolved: [] });
  assert.deepEqual(of('dropdb -h db -U admin staging_copy'), { conn: { host: 'db', user: 'admin' }, tables: [], schemas: [], databases: ['staging_copy'], unresolved: [] });
});

test('SQL from a heredoc or a file; SQL psql cannot show us is reported', () => {
  assert.deepEqual(of('psql shop <<EOF\nDELETE FROM carts;\nEOF').tables, [{ name: 'carts' }]);
  const dir = mkdtempSync(join(tmpdir(), 'cs-sql-'));
  writeFileSync(join(dir, 'cleanup.sql'), 'TRUNCATE sessions;');
  assert.deepEqual(of('psql -f cleanup.sql', dir).tables, [{ name: 'sessions' }]);
  assert.deepEqual(of('psql shop < script.sql').unresolved, ['psql reads SQL that is not on its command line']);
  assert.deepEqual(of('psql -c "$SQL"').unresolved, ['-c $SQL']);
});

test('a sql action is read directly', () => {
  assert.deepEqual(touchedBy({ kind: 'sql', sql: 'DROP TABLE public.orders' }, null).tables, [{ schema: 'public', name: 'orders' }]);
});
