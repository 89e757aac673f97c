// Broker test harness: a PostgreSQL role and database of its own, a team whose `db` target holds
// the role's password (copied from Countersign's own environment), and an agent-side process
// environment that provably does not contain it.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, makeTeam, type TeamDir } from '../e2e/kit.js';

export const PASSWORD_VAR = 'CS_TEST_BROKER_DB_PASSWORD';

export type Db = { role: string; database: string; password: string; drop(): void };

function admin(sql: string, db = 'test'): string {
  const r = spawnSync('psql', ['-h', '127.0.0.1', '-d', db, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout;
}

/** A fresh role with a password and a database it owns, holding table t with one row. NOTE: the
 * local server trusts 127.0.0.1, so the password is not actually checked by PostgreSQL; what the
 * test proves is where the password travels (never to the agent), not that PostgreSQL needs it. */
export function makeDb(): Db {
  const tag = randomBytes(4).toString('hex');
  const role = `cs_broker_${tag}`;
  const database = `cs_broker_${tag}`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  admin(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  admin(`CREATE DATABASE ${database} OWNER ${role}`);
  const r = spawnSync('psql', ['-h', '127.0.0.1', '-U', role, '-d', database, '-qAtc', 'CREATE TABLE t (id int); INSERT INTO t VALUES (1);'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return {
    role,
    database,
    password,
    drop() {
      admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      admin(`DROP ROLE IF EXISTS ${role}`);
    },
  };
}

export function tableExists(db: Db, table: string): boolean {
  return admin(`SELECT count(*) FROM pg_tables WHERE tablename = '${table}'`, db.database).trim() === '1';
}

/** The starter team plus a production target `db` whose credentials only Countersign holds. */
export function brokerTeam(db: Db): TeamDir {
  return makeTeam((yaml) =>
    yaml.replace(
      /^targets:\n/m,
      `targets:
  - id: db
    environment: production
    description: the broker test database
    credentials:
      env: {PGHOST: 127.0.0.1, PGUSER: ${db.role}, PGDATABASE: ${db.database}}
      env_from: {PGPASSWORD: ${PASSWORD_VAR}}
`,
    ),
  );
}

/** The agent's environment: the test's own minus anything about the database. */
export function agentEnv(url: string, token: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('PG') && k !== PASSWORD_VAR) env[k] = v;
  return { ...env, COUNTERSIGN_URL: url, COUNTERSIGN_TOKEN: token, LANG: 'C.UTF-8' };
}

export type Ran = { code: number | null; stdout: string; stderr: string };

/** `countersign exec` as the agent would run it, from a directory no target claims. */
export function execAsAgent(env: Record<string, string>, args: string[], cwd = mkdtempSync(join(tmpdir(), 'cs-agent-'))): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'exec', ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
