// What a recovery point adds before a destructive action: the time to take and verify it (and, for
// reference, to restore it) for a 100 MB directory of files and a 1,000,000-row PostgreSQL table.
//   npx tsc -p . && node dist/bench/recovery/run.js [--runs 3]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Action, RequestRecord } from '../../src/core/index.js';
import { classify, initClassifier } from '../../src/classify/index.js';
import { restoreRecoveryPoint, takeRecoveryPoint } from '../../src/broker/recovery/index.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3) || 3;
const env = process.env as Record<string, string>;
let n = 0;

function request(action: Action, cwd: string): RequestRecord {
  return { id: `req_bench_${process.pid}_${n++}`, agentId: 'a', operator: 'o', action, targetId: 'bench', environment: 'production', digest: 'x', report: classify(action, { cwd }), decision: { verdict: 'approve', matched: [], errors: [], policyDigest: '', reasons: [] }, status: 'approved', approvals: [], createdAt: 0, version: 1 };
}

const target = { id: 'bench', environment: 'production', recovery: { max_bytes: '10GB' } };
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function psql(db: string, sql: string): string {
  const r = spawnSync('psql', ['-X', '-h', '127.0.0.1', '-d', db, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

async function files(): Promise<void> {
  // Outside /tmp-looking paths is not needed here: the files kind applies to any delete.
  const base = mkdtempSync(join(tmpdir(), 'cs-bench-rec-'));
  const ws = join(base, 'ws');
  const tree = join(ws, 'data');
  for (let d = 0; d < 10; d++) {
    mkdirSync(join(tree, `d${d}`), { recursive: true });
    for (let f = 0; f < 100; f++) writeFileSync(join(tree, `d${d}`, `f${f}.bin`), randomBytes(100_000));
  }
  const take: number[] = [];
  const restore: number[] = [];
  const rm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const data = join(base, `points-${i}`);
    const r = request({ kind: 'shell', command: 'rm -rf data' }, ws);
    let t0 = process.hrtime.bigint();
    const m = await takeRecoveryPoint(r, { dataDir: data, target, cwd: ws, env });
    take.push(ms(t0));
    t0 = process.hrtime.bigint();
    rmSync(tree, { recursive: true });
    rm.push(ms(t0));
    t0 = process.hrtime.bigint();
    await restoreRecoveryPoint(r.id, { dataDir: data, env, auditedDigest: m!.digest });
    restore.push(ms(t0));
    rmSync(data, { recursive: true });
  }
  console.log(JSON.stringify({ bench: 'files 100 MB (1,000 x 100 kB)', runs, takeAndVerifyMs: median(take), rmMs: median(rm), verifyAndRestoreMs: median(restore), samples: { take, rm, restore } }));
  rmSync(base, { recursive: true, force: true });
}

async function postgres(): Promise<void> {
  const db = `cs_bench_rec_${process.pid}`;
  psql('test', `CREATE DATABASE ${db}`);
  try {
    psql(db, `CREATE TABLE orders (id bigint PRIMARY KEY, customer int NOT NULL, item text NOT NULL, qty int NOT NULL, at timestamptz NOT NULL DEFAULT now()); INSERT INTO orders (id, customer, item, qty) SELECT g, g % 9973, 'item-' || (g % 1000), 1 + g % 5 FROM generate_series(1, 1000000) g; ANALYZE orders;`);
    const size = psql(db, `SELECT pg_size_pretty(pg_total_relation_size('orders'))`);
    const take: number[] = [];
    const drop: number[] = [];
    const restore: number[] = [];
    for (let i = 0; i < runs; i++) {
      const data = mkdtempSync(join(tmpdir(), 'cs-bench-pg-'));
      const command = `psql -h 127.0.0.1 -d ${db} -qAtc 'DROP TABLE orders'`;
      const r = request({ kind: 'shell', command }, '/');
      let t0 = process.hrtime.bigint();
      const m = await takeRecoveryPoint(r, { dataDir: data, target, cwd: '/', env });
      take.push(ms(t0));
      t0 = process.hrtime.bigint();
      psql(db, 'DROP TABLE orders');
      drop.push(ms(t0));
      t0 = process.hrtime.bigint();
      await restoreRecoveryPoint(r.id, { dataDir: data, env, auditedDigest: m!.digest });
      restore.push(ms(t0));
      if (psql(db, 'SELECT count(*) FROM orders') !== '1000000') throw new Error('restore lost rows');
      if (i === 0) console.error(`dump: ${m!.bytes} bytes`);
      rmSync(data, { recursive: true });
    }
    console.log(JSON.stringify({ bench: `postgres 1,000,000-row table (${size} on the server)`, runs, takeAndVerifyMs: median(take), dropMs: median(drop), verifyAndRestoreMs: median(restore), samples: { take, drop, restore } }));
  } finally {
    psql('test', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }
}

await initClassifier();
await files();
await postgres();
