// SQL shells: psql, mysql/mariadb, sqlite3. The SQL they carry (-c, -e, arguments, stdin) is
// classified by the SQL classifier; a script file, or a session whose input we cannot see, is
// unknown because the CLI will run whatever it holds.
import type { SqlDialect } from '../../core/index.js';
import { parseArgs, vals } from './argv.js';
import { psqlMeta, sqlHit, stdinHit, worstHit } from './db-sql.js';
import { defineLocalTable } from './table.js';
import type { Invocation, RuleHit, ToolContext, ToolTable } from './types.js';

const PSQL_VALUED = ['-c', '--command', '-f', '--file', '-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username', '-v', '--set', '--variable', '-o', '--output', '-L', '--log-file', '-P', '--pset', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr'];

function psqlCarried(inv: Invocation, ctx: ToolContext): RuleHit | null {
  const p = parseArgs(inv.args, { valued: PSQL_VALUED });
  if (p.opts.has('-l') || p.opts.has('--list')) return { risk: 'readonly', effect: 'read', explanation: 'psql -l lists databases' };
  const hits: RuleHit[] = [];
  for (const c of vals(p, '-c', '--command')) hits.push(psqlMeta(c, ctx) ?? sqlHit(ctx, c, 'postgresql', 'psql -c'));
  for (const f of vals(p, '-f', '--file')) {
    if (f === '-') hits.push(stdinHit(inv, ctx, 'postgresql', 'psql') ?? hidden('psql -f -', 'SQL from stdin'));
    else hits.push(hidden('psql -f', `the script ${f}`));
  }
  if (hits.length === 0) hits.push(stdinHit(inv, ctx, 'postgresql', 'psql') ?? hidden('psql', 'SQL from a terminal or pipe'));
  return worstHit(hits);
}

function hidden(via: string, what: string): RuleHit {
  return { risk: 'unknown', effect: 'run-script', explanation: `${via} runs ${what}, which the classifier cannot see` };
}

export const PSQL_TABLE: ToolTable = defineLocalTable({
  name: 'psql',
  commands: ['psql'],
  rules: [
    {
      id: 'psql.sql', risk: 'unknown', effect: 'sql',
      explain: 'psql runs SQL; its effect is the effect of that SQL',
      test: psqlCarried,
      examples: {
        match: ['psql -c "DROP TABLE orders"', "psql -d app --command='DELETE FROM sessions'", 'psql -h db -c "SELECT 1"', 'psql -f migrate.sql', 'psql -c "\\dt"'],
        no_match: ['psql --version', 'psql --help'],
      },
    },
  ],
  fallback: 'readonly',
});

// mysql's -p takes its password attached (`-psecret`); a bare `-p` prompts. Either way the word
// is not a cluster of flags, so it must not be split into -s -e -c ...
function mysqlArgs(inv: Invocation): string[] {
  return inv.args.filter((a) => !/^-p/.test(a) && !/^--password/.test(a));
}

const MYSQL_VALUED = ['-e', '--execute', '-u', '--user', '-h', '--host', '-P', '--port', '-D', '--database', '-S', '--socket', '--defaults-file', '--defaults-extra-file', '--login-path', '--default-character-set', '--init-command', '--ssl-mode', '--ssl-ca', '--protocol'];

export const MYSQL_TABLE: ToolTable = defineLocalTable({
  name: 'mysql',
  commands: ['mysql', 'mariadb'],
  noShortHelp: true,
  rules: [
    {
      id: 'mysql.sql', risk: 'unknown', effect: 'sql',
      explain: 'mysql runs SQL; its effect is the effect of that SQL',
      test: (inv, ctx) => {
        const dialect: SqlDialect = inv.name === 'mariadb' ? 'mariadb' : 'mysql';
        const p = parseArgs(mysqlArgs(inv), { valued: MYSQL_VALUED });
        const hits = vals(p, '-e', '--execute', '--init-command').map((s) => sqlHit(ctx, s, dialect, `${inv.name} -e`));
        if (hits.length === 0) hits.push(stdinHit(inv, ctx, dialect, inv.name) ?? hidden(inv.name, 'SQL from a terminal or pipe'));
        return worstHit(hits);
      },
      examples: {
        match: ['mysql -uroot -psecret -e "DROP DATABASE shop"', 'mysql -h db shop --execute="SELECT * FROM t"', 'mariadb -e "TRUNCATE logs"'],
        no_match: ['mysql --version'],
      },
    },
  ],
  fallback: 'readonly',
});

// sqlite3 DB [SQL...]; dot-commands are the shell's own.
function sqliteDot(cmd: string, ctx: ToolContext): RuleHit {
  const m = /^\.(\S+)\s*(.*)$/s.exec(cmd.trim());
  const verb = m?.[1] ?? '';
  const arg = m?.[2] ?? '';
  if (verb === 'shell' || verb === 'system') {
    const r = ctx.shell(arg);
    return { risk: r.risk, effect: 'run-command', explanation: `sqlite3 .${verb}: ${r.summary}` };
  }
  if (verb === 'restore') return { risk: 'destructive', effect: 'overwrite-database', explanation: 'sqlite3 .restore overwrites the database with a backup' };
  if (/^(output|once|save|backup|import|clone|excel|archive|ar|recover)$/.test(verb)) return { risk: 'mutating', effect: 'write-file', explanation: `sqlite3 .${verb} writes` };
  if (/^(read|load)$/.test(verb)) return hidden(`sqlite3 .${verb}`, arg || 'a script');
  return { risk: 'readonly', effect: 'read', explanation: `sqlite3 .${verb} reads` };
}

function sqliteText(text: string, ctx: ToolContext, via: string): RuleHit {
  const lines = text.split('\n');
  const hits = lines.filter((l) => l.trim().startsWith('.')).map((l) => sqliteDot(l, ctx));
  const sql = lines.filter((l) => !l.trim().startsWith('.')).join('\n');
  if (sql.trim() !== '') hits.push(sqlHit(ctx, sql, 'sqlite', via));
  return worstHit(hits) ?? { risk: 'readonly', effect: 'read', explanation: `${via}: nothing to run` };
}

export const SQLITE_TABLE: ToolTable = defineLocalTable({
  name: 'sqlite3',
  commands: ['sqlite3', 'sqlite'],
  rules: [
    {
      id: 'sqlite3.sql', risk: 'unknown', effect: 'sql',
      explain: 'sqlite3 runs SQL; its effect is the effect of that SQL',
      test: (inv, ctx) => {
        const p = parseArgs(inv.args, { valued: ['-cmd', '-separator', '-newline', '-nullvalue', '-init', '-vfs', '-mmap', '-maxsize', '-pagecache', '-lookaside', '-escape'], noClusters: true });
        const hits: RuleHit[] = vals(p, '-cmd').map((c) => sqliteText(c, ctx, 'sqlite3 -cmd'));
        for (const f of vals(p, '-init')) hits.push(hidden('sqlite3 -init', `the script ${f}`));
        const sql = p.pos.slice(1);
        if (sql.length > 0) hits.push(sqliteText(sql.join(';\n'), ctx, 'sqlite3'));
        else if (inv.stdin !== undefined) hits.push(sqliteText(inv.stdin, ctx, 'sqlite3 (stdin)'));
        else if (hits.length === 0) hits.push(hidden('sqlite3', 'SQL from a terminal or pipe'));
        return worstHit(hits);
      },
      examples: {
        match: ['sqlite3 app.db "DROP TABLE users"', "sqlite3 app.db 'SELECT count(*) FROM users'", 'sqlite3 app.db .tables', 'sqlite3 app.db'],
        no_match: ['sqlite3 --version'],
      },
    },
  ],
  fallback: 'readonly',
});
