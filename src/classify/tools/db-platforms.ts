// Managed-database platforms: Supabase, Neon, PlanetScale, Turso, BigQuery's bq. Deleting a
// project, branch or dataset, or resetting a database, loses its rows.
import { pathWords, rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

export const SUPABASE: ToolTable = verbTable({
  name: 'supabase',
  commands: ['supabase'],
  valued: ['--project-ref', '--db-url', '-p', '--password', '--workdir', '--schema', '-s', '--file', '-f', '--org-id', '--name'],
  // `db reset` drops the database and rebuilds it from migrations; seeds are not production data.
  destroy: [...DELETE_WORDS, 'reset', 'unset'],
  read: [...READ_WORDS, 'dump', 'lint', 'gen', 'inspect', 'status', 'test'],
  change: ['start', 'init', 'link', 'unlink', 'login', 'push', 'pull', 'deploy', 'new', 'serve', 'set', 'up', 'repair', 'squash', 'fetch', 'bootstrap', 'create'],
  extra: [
    rule('supabase.stop-no-backup', 'destructive', 'delete-data', 'supabase stop --no-backup deletes the local database volumes', (inv) => inv.args[0] === 'stop' && inv.args.includes('--no-backup'),
      { match: ['supabase stop --no-backup'], no_match: ['supabase stop'] }),
  ],
  examples: {
    destroy: { match: ['supabase db reset --linked', 'supabase projects delete abcd1234', 'supabase branches delete feature-x', 'supabase secrets unset STRIPE_KEY'], no_match: ['supabase db push', 'supabase status'] },
    read: { match: ['supabase status', 'supabase db dump --data-only -f dump.sql', 'supabase projects list'], no_match: ['supabase functions delete resize', 'supabase db push'] },
  },
});

export const NEONCTL: ToolTable = verbTable({
  name: 'neonctl',
  commands: ['neonctl', 'neon'],
  valued: ['--project-id', '--branch', '--org-id', '--api-key', '--output', '-o', '--name', '--parent', '--database-name', '--role-name', '--source'],
  // `branches reset` and `branches restore` overwrite a branch's data with its parent or a point in time.
  destroy: [...DELETE_WORDS, 'reset', 'restore'],
  read: [...READ_WORDS, 'connection-string', 'cs', 'me', 'schema-diff'],
  change: ['create', 'rename', 'set-default', 'set-expiration', 'add-compute', 'update', 'auth', 'set-context', 'init'],
  examples: {
    destroy: { match: ['neonctl branches delete preview-17 --project-id p1', 'neonctl projects delete p1', 'neonctl branches reset dev --parent'], no_match: ['neonctl branches create --name preview-18', 'neonctl branches list'] },
    read: { match: ['neonctl branches list --project-id p1', 'neonctl connection-string main'], no_match: ['neonctl databases delete shop --branch main', 'neonctl branches rename dev dev2'] },
  },
});

export const PSCALE: ToolTable = verbTable({
  name: 'pscale',
  commands: ['pscale'],
  valued: ['--org', '--service-token', '--service-token-id', '--format', '-f', '--region', '--from'],
  destroy: [...DELETE_WORDS, 'demote'],
  read: [...READ_WORDS, 'diff', 'schema', 'ping', 'audit-log', 'org'],
  change: ['create', 'deploy', 'promote', 'connect', 'shell', 'switch', 'auth', 'restore', 'close', 'revert', 'update', 'apply', 'edit', 'skip-revert'],
  examples: {
    destroy: { match: ['pscale database delete shop --force', 'pscale branch delete shop feature-x', 'pscale password delete shop main pw-1'], no_match: ['pscale deploy-request deploy shop 12', 'pscale branch list shop'] },
    read: { match: ['pscale branch list shop', 'pscale branch diff shop feature-x'], no_match: ['pscale backup delete shop main b-1', 'pscale branch create shop feature-y'] },
  },
});

export const TURSO: ToolTable = verbTable({
  name: 'turso',
  commands: ['turso'],
  valued: ['--group', '--location', '-l', '--from-db', '--from-file', '--timestamp', '--org'],
  destroy: [...DELETE_WORDS, 'remove'],
  read: [...READ_WORDS, 'show', 'inspect', 'tokens', 'locations', 'whoami'],
  change: ['create', 'shell', 'replicate', 'update', 'login', 'logout', 'switch', 'add', 'invite', 'transfer', 'import', 'config', 'unarchive'],
  extra: [
    rule('turso.shell-sql', 'unknown', 'run-sql', 'turso db shell DB "SQL" runs the SQL it carries', (inv, ctx) => {
      const w = pathWords(inv, { valued: ['--location', '-l'] });
      if (w[0] !== 'db' || w[1] !== 'shell' || w.length < 4) return null;
      const r = ctx.sql(w[3] ?? '', 'sqlite');
      return { risk: r.risk, explanation: `turso db shell: ${r.summary}` };
    }, { match: ['turso db shell shop "DELETE FROM carts"'], no_match: ['turso db shell shop'] }),
  ],
  examples: {
    destroy: { match: ['turso db destroy shop --yes', 'turso group destroy eu'], no_match: ['turso db create shop-2', 'turso db list'] },
    read: { match: ['turso db list', 'turso db show shop --url'], no_match: ['turso org destroy acme', 'turso db create shop-3'] },
  },
});

const BQ_VALUED = ['--project_id', '--dataset_id', '--location', '--format', '--max_rows', '-n', '--parameter', '--destination_table', '--source_format', '--schema', '--job_id', '--api'];
const bqWords = (inv: Invocation) => pathWords(inv, { valued: BQ_VALUED });

export const BQ: ToolTable = verbTable({
  name: 'bq',
  commands: ['bq'],
  valued: BQ_VALUED,
  depth: 1,
  destroy: ['rm'],
  read: ['ls', 'show', 'head', 'help', 'version', 'wait', 'get-iam-policy'],
  change: ['mk', 'load', 'update', 'cp', 'extract', 'insert', 'query', 'set-iam-policy', 'cancel', 'init', 'shell'],
  extra: [
    rule('bq.query', 'unknown', 'run-sql', 'bq query runs the SQL it carries (BigQuery dialect)', (inv, ctx) => {
      const w = bqWords(inv);
      if (w[0] !== 'query') return null;
      if (inv.args.includes('--dry_run')) return { risk: 'readonly', explanation: 'bq query --dry_run only validates' };
      const sql = w.slice(1).join(' ') || inv.stdin;
      if (sql === undefined || sql === '') return { explanation: 'bq query: the SQL is not visible' };
      const r = ctx.sql(sql, 'bigquery');
      return { risk: r.risk, explanation: `bq query: ${r.summary}` };
    }, { match: ['bq query --use_legacy_sql=false "DELETE FROM shop.carts WHERE true"', 'bq query --nouse_legacy_sql "SELECT 1"'], no_match: ['bq ls shop'] }),
    rule('bq.overwrite', 'destructive', 'overwrite-table', 'bq load --replace / cp -f overwrite the destination table', (inv) => {
      const w = bqWords(inv);
      return (w[0] === 'load' && inv.args.some((a) => a === '--replace' || a === '--replace=true')) || (w[0] === 'cp' && inv.args.some((a) => a === '-f' || a === '--force'));
    }, { match: ['bq load --replace --source_format=CSV shop.orders gs://in/orders.csv', 'bq cp -f shop.orders_tmp shop.orders'], no_match: ['bq load --source_format=CSV shop.orders gs://in/orders.csv'] }),
  ],
  examples: {
    destroy: { match: ['bq rm -f -t shop.orders', 'bq rm -r -f -d shop'], no_match: ['bq show shop.orders', 'bq mk -d shop2'] },
    read: { match: ['bq ls shop', 'bq show --format=prettyjson shop.orders', 'bq head -n 10 shop.orders'], no_match: ['bq rm -t shop.orders', 'bq load shop.orders ./o.csv'] },
  },
});

export const DB_PLATFORM_TABLES: ToolTable[] = [SUPABASE, NEONCTL, PSCALE, TURSO, BQ];
