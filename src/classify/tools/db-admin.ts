// Database administration binaries: dropping databases and users, dumps (read), restores that
// clean first (destructive), server shutdown.
import { defineLocalTable } from './table.js';
import type { ToolTable } from './types.js';

const operands = (args: readonly string[]) => args.filter((a) => !a.startsWith('-')).join(' ');

export const DB_DROP_TABLE: ToolTable = defineLocalTable({
  name: 'db-drop',
  commands: ['dropdb', 'dropuser', 'createdb', 'createuser'],
  rules: [
    {
      id: 'db-drop.drop', risk: 'destructive', effect: 'drop-database',
      explain: 'drops a database or role with everything in it',
      test: (inv) => (inv.name.startsWith('drop') ? { target: operands(inv.args) || '(default)', effect: inv.name === 'dropuser' ? 'drop-role' : 'drop-database' } : null),
      examples: { match: ['dropdb production', 'dropdb -h db.internal --if-exists app', 'dropuser reporting'], no_match: ['createdb scratch'] },
    },
  ],
  fallback: 'mutating',
});

export const DB_DUMP_TABLE: ToolTable = defineLocalTable({
  name: 'db-dump',
  commands: ['pg_dump', 'pg_dumpall', 'mysqldump', 'mariadb-dump', 'mongodump', 'mongoexport', 'pg_basebackup', 'redis-dump', 'pg_isready', 'pg_controldata', 'pg_config'],
  rules: [],
  // Reading a database out changes nothing in it; the output file is the caller's.
  fallback: 'readonly',
});

export const DB_RESTORE_TABLE: ToolTable = defineLocalTable({
  name: 'db-restore',
  commands: ['pg_restore', 'mongorestore', 'mongoimport'],
  rules: [
    {
      id: 'db-restore.clean', risk: 'destructive', effect: 'drop-objects',
      explain: 'the restore drops existing objects (or the collection) before recreating them',
      test: (inv) => {
        const clean = inv.args.some((a) => a === '--clean' || a === '--drop' || a === '--mode=delete' || (inv.name === 'pg_restore' && /^-[a-zA-Z]*c/.test(a) && !a.startsWith('--')));
        return clean ? { target: operands(inv.args) || 'database' } : null;
      },
      examples: { match: ['pg_restore --clean -d app dump.bin', 'pg_restore -c -d app dump.bin', 'mongorestore --drop dump/'], no_match: ['pg_restore -d scratch dump.bin', 'pg_restore -l dump.bin'] },
    },
  ],
  fallback: (inv) => (inv.name === 'pg_restore' && inv.args.some((a) => a === '-l' || a === '--list') || (inv.name === 'pg_restore' && !inv.args.some((a) => a === '-d' || a.startsWith('--dbname') || /^-d./.test(a))) ? 'readonly' : 'mutating'),
});

export const MYSQLADMIN_TABLE: ToolTable = defineLocalTable({
  name: 'mysqladmin',
  commands: ['mysqladmin', 'mariadb-admin', 'pg_ctl', 'pg_ctlcluster'],
  rules: [
    {
      id: 'mysqladmin.drop-or-stop', risk: 'destructive', effect: 'drop-database',
      explain: 'drops a database or shuts the database server down',
      test: (inv) => {
        const words = inv.args.filter((a) => !a.startsWith('-'));
        if (inv.name.startsWith('pg_ctl')) {
          return words.some((w) => w === 'stop' || w === 'kill') ? { target: 'postgres server', effect: 'stop-service', explanation: `${inv.name} stops the PostgreSQL server` } : null;
        }
        const i = words.findIndex((w) => w === 'drop' || w === 'shutdown');
        if (i < 0) return null;
        return words[i] === 'drop' ? { target: words[i + 1] ?? '' } : { target: 'mysql server', effect: 'stop-service', explanation: 'mysqladmin shutdown stops the database server' };
      },
      examples: { match: ['mysqladmin -u root drop shop', 'mysqladmin --force drop legacy', 'mysqladmin shutdown', 'pg_ctl stop -D /var/lib/pg'], no_match: ['mysqladmin status', 'mysqladmin -u root create shop', 'pg_ctl status'] },
    },
  ],
  fallback: (inv) => (inv.args.some((a) => /^(status|extended-status|processlist|variables|version|ping)$/.test(a)) ? 'readonly' : 'mutating'),
});
