// The postgres kind against the local server: a schema dropped with CASCADE, a table truncated and
// a table whose rows were deleted and updated (restored by drop-and-recreate, rows back), and a
// whole database dropped with `dropdb` (recreated from its dump). Its own database per run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Action, RequestRecord } from '../../src/core/index.js';
import { classify, initClassifier } from '../../src/classify/index.js';
import { restoreRecoveryPoint, takeRecoveryPoint } from '../../src/broker/recovery/index.js';

const tag = randomBytes(4).toString('hex');
const db = `cs_rec_pg_${tag}`;
const env = { ...(process.env as Record<string, string>), PGHOST: '127.0.0.1', PGDATABASE: db };
let n = 0;

function psql(sql: string, database = db): string {
  const r = spawnSync('psql', ['-X', '-h', '127.0.0.1', '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

function request(command: string): RequestRecord {
  const action: Action = { kind: 'shell', command };
  return { id: `req_pg_${tag}_${n++}`, agentId: 'a', operator: 'o', action, targetId: 'db', environment: 'production', digest: 'x', report: classify(action, { cwd: '/' }), decision: { verdict: 'approve', matched: [], errors: [], policyDigest: '', reasons: [] }, status: 'approved', approvals: [], createdAt: 0, version: 1 };
}

async function roundTrip(command: string, check: () => string): Promise<string[]> {
  const data = mkdtempSync(join(tmpdir(), 'cs-rec-pg-'));
  const r = request(command);
  const before = check();
  const m = await takeRecoveryPoint(r, { dataDir: data, target: null, cwd: '/', env });
  assert.ok(m, `no point for ${command}`);
  const ran = spawnSync('bash', ['-c', command], { env, encoding: 'utf8' });
  assert.equal(ran.status, 0, ran.stderr);
  assert.notEqual(check(), before, 'the command changed nothing');
  await restoreRecoveryPoint(r.id, { dataDir: data, env, auditedDigest: m.digest });
  assert.equal(check(), before);
  return m.parts.flatMap((p) => p.what);
}

before(async () => {
  await initClassifier();
  psql(`CREATE DATABASE ${db}`, 'test');
  psql(`CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int PRIMARY KEY, total numeric); INSERT INTO billing.invoices SELECT g, g * 1.5 FROM generate_series(1, 300) g;
        CREATE TABLE customers (id int PRIMARY KEY, name text); INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 200) g;
        CREATE TABLE "Audit Log" (id int, note text); INSERT INTO "Audit Log" VALUES (1, 'a'), (2, 'b');`);
});

after(() => {
  psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`, 'test');
  psql(`DROP DATABASE IF EXISTS ${db}_copy WITH (FORCE)`, 'test');
});

test('DROP SCHEMA ... CASCADE: the schema comes back with its tables and rows', async () => {
  const fp = (): string => (psql(`SELECT to_regnamespace('billing') IS NOT NULL`) === 't' ? psql(`SELECT count(*) || ':' || sum(total) FROM billing.invoices`) : 'no schema');
  const what = await roundTrip(`psql -qAtc 'DROP SCHEMA billing CASCADE'`, fp);
  assert.deepEqual(what, [`schema billing (pg_dump -Fc of ${db})`]);
});

test('TRUNCATE, DELETE and UPDATE of existing tables: the rows come back (quoted names too)', async () => {
  const fp = (): string => psql(`SELECT (SELECT count(*) || ':' || md5(string_agg(name, ',' ORDER BY id)) FROM customers) || '/' || (SELECT count(*) FROM "Audit Log")`);
  const what = await roundTrip(`psql -qAtc 'TRUNCATE customers; DELETE FROM "Audit Log" WHERE id = 1'`, fp);
  assert.deepEqual(what, [`table public.customers (pg_dump -Fc of ${db})`, `table public.Audit Log (pg_dump -Fc of ${db})`]);
  await roundTrip(`psql -c "UPDATE customers SET name = 'x'"`, fp);
});

test('dropdb: the whole database is recreated from its dump', async () => {
  psql(`CREATE DATABASE ${db}_copy`, 'test');
  psql(`CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 50)`, `${db}_copy`);
  const what = await roundTrip(`dropdb -h 127.0.0.1 ${db}_copy`, () => psql(`SELECT count(*) FROM pg_database WHERE datname = '${db}_copy'`, 'test') === '1' ? psql('SELECT count(*) FROM t', `${db}_copy`) : 'no database');
  assert.deepEqual(what, [`database ${db}_copy (pg_dump -Fc)`]);
});

test('a table whose name holds a dot is dumped and restored as one table', async () => {
  psql(`CREATE TABLE "odd.name" (v int); INSERT INTO "odd.name" SELECT generate_series(1, 10)`);
  const what = await roundTrip(`psql -c 'DELETE FROM "odd.name"'`, () => psql(`SELECT count(*) FROM "odd.name"`));
  assert.deepEqual(what, [`table public.odd.name (pg_dump -Fc of ${db})`]);
});
