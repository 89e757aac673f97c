// What a destructive PostgreSQL action touches, exactly: the tables of DROP/TRUNCATE/DELETE/UPDATE
// (and ALTER TABLE), the schemas of DROP SCHEMA, the databases of DROP DATABASE or `dropdb`. The
// SQL is read with libpg-query (the real PostgreSQL parser), never with patterns.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Action } from '../../../core/index.js';
import type { Invocation, Parsed } from '../command/parse.js';

export type Table = { schema?: string; name: string };
export type Conn = { host?: string; port?: string; user?: string; dbname?: string };
export type Touched = { conn: Conn; tables: Table[]; schemas: string[]; databases: string[]; unresolved: string[] };

type PgParse = (sql: string) => { stmts: { stmt: Record<string, any> }[] };
let pgParse: PgParse | null = null;

export async function initPg(): Promise<void> {
  if (pgParse) return;
  const mod = createRequire(import.meta.url)('libpg-query') as { loadModule(): Promise<void>; parseSync: PgParse };
  await mod.loadModule();
  pgParse = mod.parseSync;
}

const rangeVar = (rv: any): Table => ({ ...(rv.schemaname ? { schema: rv.schemaname } : {}), name: rv.relname });

export function sqlObjects(sql: string, into: Touched): void {
  if (!pgParse) throw new Error('libpg-query is not loaded; call initPg() first');
  let parsed;
  try {
    parsed = pgParse(sql);
  } catch (err) {
    into.unresolved.push(`SQL the parser could not read (${String(err).slice(0, 120)})`);
    return;
  }
  for (const { stmt } of parsed.stmts) {
    const [type, s] = Object.entries(stmt)[0] as [string, any];
    if (type === 'DropStmt' && s.removeType === 'OBJECT_TABLE') {
      for (const o of s.objects ?? []) {
        const parts = (o.List?.items ?? []).map((i: any) => i.String?.sval as string);
        into.tables.push(parts.length === 2 ? { schema: parts[0], name: parts[1] } : { name: parts[parts.length - 1] });
      }
    } else if (type === 'DropStmt' && s.removeType === 'OBJECT_SCHEMA') {
      for (const o of s.objects ?? []) into.schemas.push(o.String?.sval);
    } else if (type === 'DropdbStmt') into.databases.push(s.dbname);
    else if (type === 'TruncateStmt') for (const r of s.relations ?? []) into.tables.push(rangeVar(r.RangeVar));
    else if ((type === 'DeleteStmt' || type === 'UpdateStmt' || type === 'AlterTableStmt') && s.relation) into.tables.push(rangeVar(s.relation));
  }
}

const PSQL_VALUED: Record<string, keyof Conn | 'command' | 'file' | null> = {
  '-c': 'command', '--command': 'command', '-f': 'file', '--file': 'file', '-d': 'dbname', '--dbname': 'dbname',
  '-h': 'host', '--host': 'host', '-p': 'port', '--port': 'port', '-U': 'user', '--username': 'user',
  '-v': null, '--set': null, '--variable': null, '-o': null, '-L': null, '-P': null, '-F': null, '-R': null, '-T': null,
};

/** psql and dropdb invocations: their connection options and the SQL they run. */
export function touchedBy(action: Action, parsed: Parsed | null): Touched {
  const t: Touched = { conn: {}, tables: [], schemas: [], databases: [], unresolved: [] };
  if (action.kind === 'sql') {
    sqlObjects(action.sql, t);
    return t;
  }
  for (const inv of parsed?.invocations ?? []) {
    if (inv.name === 'psql') psql(inv, t);
    else if (inv.name === 'dropdb') {
      const ops = options(inv, t, { '-h': 'host', '--host': 'host', '-p': 'port', '--port': 'port', '-U': 'user', '--username': 'user', '--maintenance-db': null });
      if (ops[0]) t.databases.push(ops[0]);
    }
  }
  return t;
}

function options(inv: Invocation, t: Touched, valued: Record<string, string | null>, onValue?: (k: string, v: string, dynamic: boolean) => void): string[] {
  const positional: string[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const w = inv.args[i]!;
    let [flag, value] = w.value.startsWith('--') && w.value.includes('=') ? [w.value.slice(0, w.value.indexOf('=')), w.value.slice(w.value.indexOf('=') + 1)] : [w.value, undefined];
    // A short-option cluster (-qAtc SQL, -dshop): the first letter that takes a value takes the
    // rest of the cluster, or the next word when the cluster ends there.
    if (!(flag! in valued) && /^-[a-zA-Z]{2,}/.test(w.value)) {
      for (let j = 1; j < w.value.length; j++) {
        if (`-${w.value[j]}` in valued) {
          flag = `-${w.value[j]}`;
          value = j + 1 < w.value.length ? w.value.slice(j + 1) : undefined;
          break;
        }
      }
    }
    if (flag! in valued) {
      const v = value ?? inv.args[++i]?.value;
      const dyn = value === undefined ? inv.args[i]?.dynamic : w.dynamic;
      if (dyn) t.unresolved.push(`${flag} ${v}`);
      const key = valued[flag!];
      if (v !== undefined && key) {
        if (['host', 'port', 'user', 'dbname'].includes(key)) (t.conn as Record<string, string>)[key] = v;
        onValue?.(key, v, dyn === true);
      }
    } else if (!w.value.startsWith('-')) {
      if (w.dynamic) t.unresolved.push(w.value);
      positional.push(w.value);
    }
  }
  return positional;
}

function psql(inv: Invocation, t: Touched): void {
  let sawSql = false;
  const pos = options(inv, t, PSQL_VALUED as Record<string, string | null>, (k, v, dynamic) => {
    if (dynamic && (k === 'command' || k === 'file')) sawSql = true;
    else if (k === 'command') {
      sawSql = true;
      sqlObjects(v, t);
    } else if (k === 'file') {
      sawSql = true;
      try {
        sqlObjects(readFileSync(resolve(inv.cwd, v), 'utf8'), t);
      } catch {
        t.unresolved.push(`SQL file ${v} could not be read`);
      }
    }
  });
  // psql [dbname [username]]; a URI or key=value string carries the database too.
  if (pos[0] !== undefined) {
    if (/^postgres(ql)?:\/\//.test(pos[0])) {
      try {
        const u = new URL(pos[0]);
        if (u.hostname) t.conn.host = u.hostname;
        if (u.port) t.conn.port = u.port;
        if (u.username) t.conn.user = decodeURIComponent(u.username);
        if (u.pathname.length > 1) t.conn.dbname = decodeURIComponent(u.pathname.slice(1));
      } catch {
        t.unresolved.push('a connection URI that does not parse');
      }
    } else if (pos[0].includes('=')) t.unresolved.push('a key=value connection string (give -h/-d/-U instead)');
    else t.conn.dbname = pos[0];
  }
  if (pos[1] !== undefined) t.conn.user = pos[1];
  if (!sawSql && inv.stdin !== undefined) sqlObjects(inv.stdin, t);
  else if (!sawSql) t.unresolved.push('psql reads SQL that is not on its command line');
}
