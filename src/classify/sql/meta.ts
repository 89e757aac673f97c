// Client meta-commands carried with SQL: psql's backslash commands, sqlite3's dot-commands and
// the mysql client's own commands. They are not SQL, so the parsers reject them; they are taken
// out line by line here and classified from this table. A meta-command not listed is unknown.
import type { Finding, Risk, SqlDialect } from '../../core/index.js';
import { sqlFinding } from './finding.js';

type Entry = [Risk, string, string];

const PSQL: Record<string, Entry> = {
  i: ['unknown', 'run-file', 'runs the SQL in a file that is not visible here'],
  ir: ['unknown', 'run-file', 'runs the SQL in a file that is not visible here'],
  include: ['unknown', 'run-file', 'runs the SQL in a file that is not visible here'],
  include_relative: ['unknown', 'run-file', 'runs the SQL in a file that is not visible here'],
  '!': ['unknown', 'run-shell', 'runs a shell command'],
  gexec: ['unknown', 'dynamic-sql', 'runs each result of the query as SQL'],
  e: ['unknown', 'edit', 'opens an editor on the query'],
  edit: ['unknown', 'edit', 'opens an editor on the query'],
  o: ['mutating', 'write-file', 'writes query output to a file'],
  out: ['mutating', 'write-file', 'writes query output to a file'],
  w: ['mutating', 'write-file', 'writes the query buffer to a file'],
  write: ['mutating', 'write-file', 'writes the query buffer to a file'],
  copy: ['mutating', 'copy', 'copies rows between a table and a client file'],
  lo_import: ['mutating', 'import-large-object', 'imports a file as a large object'],
  lo_export: ['mutating', 'write-file', 'writes a large object to a client file'],
  lo_unlink: ['destructive', 'delete-large-object', 'deletes a large object'],
};
// Everything else psql knows only shows, connects or sets client options.
const PSQL_READONLY = /^(d[a-zA-Z]*\+?|l\+?|list|c|connect|conninfo|x|timing|pset|echo|qecho|warn|q|quit|\?|h|help|encoding|set|unset|a|t|H|f|C|T|z|sf\+?|sv\+?|errverbose|prompt|setenv|cd|copyright|g|gx|gset|gdesc|watch|if|elif|else|endif|p|print|r|reset|s|bind|parse|close|getenv)$/;

const SQLITE: Record<string, Entry> = {
  read: ['unknown', 'run-file', 'runs the SQL in a file that is not visible here'],
  shell: ['unknown', 'run-shell', 'runs a shell command'],
  system: ['unknown', 'run-shell', 'runs a shell command'],
  load: ['unknown', 'load-extension', 'loads native code into the database'],
  output: ['mutating', 'write-file', 'writes output to a file'],
  once: ['mutating', 'write-file', 'writes output to a file'],
  import: ['mutating', 'insert-rows', 'imports rows from a file'],
  backup: ['mutating', 'write-file', 'writes a copy of the database to a file'],
  save: ['mutating', 'write-file', 'writes a copy of the database to a file'],
  clone: ['mutating', 'write-file', 'writes a copy of the database to a file'],
  archive: ['mutating', 'archive', 'changes an SQLite archive'],
  ar: ['mutating', 'archive', 'changes an SQLite archive'],
  restore: ['destructive', 'overwrite-database', 'replaces the database with a backup file'],
};
const SQLITE_READONLY = /^(tables|schema|indexes|indices|headers|header|mode|quit|exit|help|show|databases|dbinfo|width|timer|print|nullvalue|separator|eqp|explain|fullschema|lint|stats|changes|bail|echo|prompt|dump|open|cd|recover|dbconfig|limit|log|parameter|progress|scanstats|sha3sum|timeout|vfsinfo|vfslist|vfsname|trace)$/;

const MYSQL: Record<string, Entry> = {
  source: ['unknown', 'run-file', 'runs the SQL in a file that is not visible here'],
  '\\.': ['unknown', 'run-file', 'runs the SQL in a file that is not visible here'],
  system: ['unknown', 'run-shell', 'runs a shell command'],
  '\\!': ['unknown', 'run-shell', 'runs a shell command'],
  delimiter: ['unknown', 'delimiter', 'changes the statement delimiter, so the text after it is not split the usual way'],
  tee: ['mutating', 'write-file', 'writes output to a file'],
};

export type MetaSplit = { sql: string; findings: Finding[] };

function meta(name: string, entry: Entry | undefined, readonly: boolean, line: string): Finding {
  if (entry) return sqlFinding(`meta-${entry[1]}`, entry[0], entry[1], `${line.trim().slice(0, 80)}: ${entry[2]}`);
  if (readonly) return sqlFinding('meta-client', 'readonly', 'client', `${line.trim().slice(0, 80)}: a client command that changes nothing stored`);
  return sqlFinding('meta-unknown', 'unknown', 'client', `${line.trim().slice(0, 80)}: a client command the classifier does not know (${name})`);
}

export function splitMeta(sql: string, dialect: SqlDialect): MetaSplit {
  if (!/\\|(^|\n)\s*\.|^\s*(source|system|delimiter|tee|go)\b/im.test(sql)) return { sql, findings: [] };
  const findings: Finding[] = [];
  const kept: string[] = [];
  for (const raw of sql.split('\n')) {
    const line = raw.trim();
    if (dialect === 'postgresql' && line.startsWith('\\')) {
      const name = /^\\([a-zA-Z_?!]+\+?|!)/.exec(line)?.[1] ?? line.slice(1, 2);
      findings.push(meta(name, PSQL[name.replace(/\+$/, '')], PSQL_READONLY.test(name), line));
    } else if (dialect === 'sqlite' && line.startsWith('.')) {
      const name = /^\.([a-zA-Z_]+)/.exec(line)?.[1] ?? '';
      findings.push(meta(name, SQLITE[name], SQLITE_READONLY.test(name), line));
    } else if (dialect === 'transactsql' && /^go(\s+\d+)?\s*;?$/i.test(line)) {
      // sqlcmd's batch separator: it ends a batch like `;` ends a statement.
      kept.push(';');
    } else if ((dialect === 'mysql' || dialect === 'mariadb') && /^(source|system|delimiter|tee|\\\.|\\!)(\s|$)/i.test(line)) {
      const name = line.split(/\s/)[0]!.toLowerCase();
      findings.push(meta(name, MYSQL[name], false, line));
    } else {
          if (dialect === 'postgresql' && /\\gexec\s*$/.test(raw)) findings.push(meta('gexec', PSQL.gexec, false, line));
      kept.push(dialect === 'postgresql' || dialect === 'mysql' || dialect === 'mariadb' ? raw.replace(/\\(g|G|gx|gset|gexec|gdesc|watch)(\s+[^\\]*)?\s*$/, ';') : raw);
    }
  }
  return { sql: kept.join('\n'), findings };
}
