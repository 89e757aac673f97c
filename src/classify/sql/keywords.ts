// Statements the parsers do not know, by their leading words (PRAGMA, VACUUM in SQLite; FLUSH,
// OPTIMIZE, KILL in MySQL; UNDROP in Snowflake...). Used only for a statement that neither parser
// reads. A statement whose leading words are not listed stays unknown.
import type { Finding, Risk } from '../../core/index.js';
import { sqlFinding } from './finding.js';

const TABLE: [RegExp, Risk, string, string][] = [
  [/^pragma\s+[\w.]+\s*(\(\s*[\w'"]*\s*\))?\s*$/i, 'readonly', 'read-setting', 'PRAGMA reads a setting or schema information'],
  [/^pragma\s+[\w.]*writable_schema\s*=/i, 'destructive', 'unsafe-setting', 'PRAGMA writable_schema lets the schema table itself be edited, which can corrupt the database'],
  [/^pragma\s+[\w.]+\s*=/i, 'mutating', 'change-setting', 'PRAGMA changes a database setting'],
  [/^vacuum(\s+[\w.]+)?\s*$/i, 'mutating', 'vacuum', 'VACUUM rebuilds the database file'],
  [/^vacuum\b.*\binto\b/i, 'mutating', 'write-file', 'VACUUM INTO writes a copy of the database to a file'],
  [/^(analyze|reindex|optimize\s+table|check\s+table|checksum\s+table)\b/i, 'mutating', 'maintenance', 'table maintenance that keeps the data'],
  [/^(detach|flush\s+(tables|privileges|logs|status|hosts))\b/i, 'readonly', 'session', 'changes nothing that is stored'],
  [/^(show|describe|desc|explain\s+(?!analyze))\b/i, 'readonly', 'read', 'shows information'],
  [/^kill\s+(query\s+)?\d+\s*$/i, 'mutating', 'kill-session', 'KILL ends one connection or query'],
  [/^undrop\s+/i, 'mutating', 'restore', 'UNDROP restores a dropped object'],
  [/^create\s+or\s+replace\s+table\b/i, 'destructive', 'replace-table', 'CREATE OR REPLACE TABLE drops the existing table and every row in it'],
  [/^drop\s+(user|role)\b/i, 'destructive', 'drop-role', 'DROP USER removes an account and what it was granted'],
  [/^(create|alter)\s+(user|role)\b/i, 'mutating', 'change-role', 'changes an account'],
  [/^grant\s+all(\s+privileges)?\s+on\s+\*\.\*/i, 'destructive', 'grant-everything', 'GRANT ALL ON *.* gives every privilege on every database: access control is off for that account'],
  [/^(grant|revoke)\b/i, 'mutating', 'change-privileges', 'changes privileges'],
  [/^(purge\s+(binary|master)\s+logs|reset\s+(master|binary\s+logs))\b/i, 'destructive', 'delete-logs', 'deletes binary logs that replicas and point-in-time recovery need'],
  [/^drop\s+(procedure|function|event)\b/i, 'mutating', 'drop-code', 'drops stored code; it can be recreated'],
  [/^(begin|commit|rollback|start\s+transaction|savepoint|release)\b/i, 'readonly', 'transaction', 'transaction control'],
  [/^set\s+(global|persist|persist_only)\b/i, 'mutating', 'change-setting', 'SET GLOBAL changes a server setting for every session'],
  [/^load\s+data\b/i, 'mutating', 'insert-rows', 'LOAD DATA loads rows from a file'],
  [/^shutdown\b/i, 'destructive', 'shutdown', 'SHUTDOWN stops the database server'],
  [/^restore\s+(database|log)\b/i, 'destructive', 'overwrite-database', 'RESTORE overwrites a database with a backup'],
  [/^backup\s+(database|log)\b/i, 'mutating', 'write-file', 'BACKUP writes a backup file'],
  [/^exec(ute)?\s+(master\.\.)?xp_cmdshell\b/i, 'unknown', 'run-shell', 'xp_cmdshell runs a shell command on the server'],
];

export function keywordFindings(stmt: string): Finding[] | null {
  const text = stmt.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, '');
  for (const [re, risk, effect, why] of TABLE) {
    if (re.test(text)) return [sqlFinding(`stmt-${effect}`, risk, effect, `${why}: ${text.slice(0, 60)}`)];
  }
  return null;
}
