// PostgreSQL: before a destructive statement, `pg_dump -Fc` of exactly the objects it touches (the
// tables of DROP/TRUNCATE/DELETE/UPDATE/ALTER, the schema of DROP SCHEMA, the whole database of
// DROP DATABASE), with the same connection and credentials the statement will use; checked with
// `pg_restore --list`; restored with `pg_restore --clean` (drop and recreate, rows included).
import { join } from 'node:path';
import { CountersignError, type Action, type RiskReport } from '../../../core/index.js';
import { parseCommand } from '../command/parse.js';
import { mustRun } from '../proc.js';
import type { PartRecord, RecoveryKind, RestoreCtx, TakeCtx } from '../types.js';
import { initPg, touchedBy, type Conn } from './objects.js';

const EFFECTS = new Set(['drop-table', 'truncate-table', 'delete-rows', 'update-rows', 'drop-schema', 'drop-database', 'alter-table', 'drop-column']);
const TOOLS = new Set(['psql', 'db-drop', 'dropdb', 'sql', undefined]);

type Rel = { schema: string; name: string };
type Dump = { file: string; database: string | null; tables: Rel[]; schemas: string[]; create: boolean };
const show = (t: Rel): string => `${t.schema}.${t.name}`;

const DESCRIBE = {
  restorable: 'the dumped tables (definition, rows, indexes, constraints), schemas or databases as they were just before the statement',
  notRestorable: 'rows written to those objects after the point was taken (a restore replaces them), objects the statement reached through CASCADE or triggers that were not dumped, and roles or other databases',
};

export const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

function connArgs(c: Conn): string[] {
  return [...(c.host ? ['-h', c.host] : []), ...(c.port ? ['-p', c.port] : []), ...(c.user ? ['-U', c.user] : [])];
}

async function query(c: Conn, db: string | undefined, sql: string, env: Record<string, string>): Promise<string> {
  return (await mustRun('psql', ['-X', '-qAt', '-v', 'ON_ERROR_STOP=1', ...connArgs(c), ...(db ? ['-d', db] : []), '-c', sql], { env })).trim();
}

export const postgresKind: RecoveryKind = {
  name: 'postgres',
  applies(action: Action, report: RiskReport): boolean {
    if (action.kind !== 'shell' && action.kind !== 'sql') return false;
    return report.findings.some((f) => EFFECTS.has(f.effect) && TOOLS.has(f.tool));
  },
  async take(ctx: TakeCtx): Promise<PartRecord | null> {
    await initPg();
    const a = ctx.request.action;
    const t = touchedBy(a, a.kind === 'shell' ? parseCommand(a.command, ctx.cwd, ctx.env['HOME']) : null);
    // psql's own default: the database named like the user.
    const db = t.conn.dbname ?? ctx.env['PGDATABASE'] ?? t.conn.user ?? ctx.env['PGUSER'] ?? ctx.env['USER'];
    const env = ctx.env;
    // Schema-qualify every table as the server resolves it now (search_path), skipping absent ones.
    const tables: Rel[] = [];
    for (const tb of t.tables) {
      const q = tb.schema ? `${ident(tb.schema)}.${ident(tb.name)}` : ident(tb.name);
      // JSON, so a name holding "." or "|" still comes back whole.
      const row = await query(t.conn, db, `SELECT json_build_object('schema', n.nspname, 'name', c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(${literal(q)})`, env);
      const rel = row ? (JSON.parse(row) as Rel) : null;
      if (rel && !tables.some((x) => x.schema === rel.schema && x.name === rel.name)) tables.push(rel);
    }
    const schemas: string[] = [];
    for (const s of t.schemas) if ((await query(t.conn, db, `SELECT count(*) FROM pg_namespace WHERE nspname = ${literal(s)}`, env)) === '1') schemas.push(s);
    const databases: string[] = [];
    for (const d of t.databases) if ((await query(t.conn, 'postgres', `SELECT count(*) FROM pg_database WHERE datname = ${literal(d)}`, env)) === '1') databases.push(d);
    if (!tables.length && !schemas.length && !databases.length) {
      if (!t.unresolved.length) return null;
      throw new CountersignError('E_RECOVERY_FAILED', `Countersign could not tell which PostgreSQL objects this action touches (${t.unresolved.join('; ')}); put the SQL in -c "..." so it can dump exactly those.`);
    }
    const size = Number(
      await query(t.conn, db, `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p','m') AND (${[...tables.map((x) => `(n.nspname = ${literal(x.schema)} AND c.relname = ${literal(x.name)})`), `n.nspname = ANY (ARRAY[${schemas.map(literal).join(',') || "''"}])`].join(' OR ')})`, env),
    ) + (databases.length ? Number(await query(t.conn, 'postgres', `SELECT sum(pg_database_size(d)) FROM unnest(ARRAY[${databases.map(literal).join(',')}]) d`, env)) : 0);
    if (size > ctx.maxBytes) throw new CountersignError('E_RECOVERY_TOO_LARGE', `The objects this statement touches use about ${size} bytes on the server, more than the target's recovery.max_bytes (${ctx.maxBytes}); raise it or take a backup yourself.`);
    const dumps: Dump[] = [];
    if (tables.length || schemas.length) {
      const file = 'objects.pgdump';
      const sel = [...tables.map((x) => ['-t', `${ident(x.schema)}.${ident(x.name)}`]), ...schemas.map((s) => ['-n', ident(s)])].flat();
      await mustRun('pg_dump', ['-Fc', '-f', join(ctx.dir, file), ...connArgs(t.conn), ...(db ? ['-d', db] : []), ...sel], { env });
      dumps.push({ file, database: db ?? null, tables, schemas, create: false });
    }
    for (const [i, d] of databases.entries()) {
      const file = `database-${i}.pgdump`;
      await mustRun('pg_dump', ['-Fc', '--create', '-f', join(ctx.dir, file), ...connArgs(t.conn), '-d', d], { env });
      dumps.push({ file, database: d, tables: [], schemas: [], create: true });
    }
    return {
      kind: 'postgres',
      what: [...tables.map((x) => `table ${show(x)}`), ...schemas.map((x) => `schema ${x}`), ...databases.map((x) => `database ${x}`)].map((x) => `${x} (pg_dump -Fc${db && !x.startsWith('database') ? ` of ${db}` : ''})`),
      data: { conn: t.conn, dumps },
      ...DESCRIBE,
      ...(t.unresolved.length ? { incomplete: t.unresolved } : {}),
    };
  },
  async verify(part: PartRecord, dir: string, env: Record<string, string>): Promise<void> {
    for (const d of (part.data as { dumps: Dump[] }).dumps) {
      const list = await mustRun('pg_restore', ['--list', join(dir, d.file)], { env }).catch((err: Error) => {
        throw new CountersignError('E_RECOVERY_CORRUPT', `pg_restore cannot read ${d.file}: ${err.message}`);
      });
      for (const tb of d.tables) {
        if (!list.includes(`TABLE DATA ${tb.schema} ${tb.name} `)) throw new CountersignError('E_RECOVERY_CORRUPT', `The dump ${d.file} has no data for table ${show(tb)}.`);
      }
    }
  },
  async restore(ctx: RestoreCtx): Promise<void> {
    const { conn, dumps } = ctx.part.data as { conn: Conn; dumps: Dump[] };
    for (const d of dumps) {
      const file = join(ctx.dir, d.file);
      if (d.create) await mustRun('pg_restore', ['--create', '--clean', '--if-exists', '--exit-on-error', ...connArgs(conn), '-d', 'postgres', file], { env: ctx.env });
      else await mustRun('pg_restore', ['--clean', '--if-exists', '--single-transaction', '--exit-on-error', ...connArgs(conn), ...(d.database ? ['-d', d.database] : []), file], { env: ctx.env });
      ctx.say(`restored ${[...d.tables.map((x) => `table ${show(x)}`), ...d.schemas.map((x) => `schema ${x}`), ...(d.create ? [`database ${d.database}`] : [])].join(', ')}`);
    }
  },
  describe: () => DESCRIBE,
};
