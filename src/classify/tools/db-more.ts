// More database shells and key-value stores: sqlcmd, cockroach sql, duckdb, snowsql, pgcli and
// friends (their SQL goes to the SQL classifier), and etcd/consul key deletion.
import type { SqlDialect } from '../../core/index.js';
import { parseArgs, vals } from './argv.js';
import { sqlHit, stdinHit, worstHit } from './db-sql.js';
import { defineLocalTable } from './table.js';
import type { Invocation, RuleHit, ToolContext, ToolTable } from './types.js';

/** Per shell: the dialect, which options carry SQL or a script file, which take other values. */
type Shell = { dialect: SqlDialect; sql: string[]; files: string[]; valued: string[]; positionalSql?: boolean };

const SHELLS: Record<string, Shell> = {
  sqlcmd: { dialect: 'transactsql', sql: ['-Q', '-q'], files: ['-i'], valued: ['-S', '-U', '-P', '-d', '-o', '-s', '-W', '-h', '-w', '-v', '-l', '-t'] },
  cockroach: { dialect: 'postgresql', sql: ['-e', '--execute'], files: ['-f', '--file'], valued: ['--url', '--host', '--user', '-u', '--database', '-d', '--certs-dir', '--format'] },
  duckdb: { dialect: 'postgresql', sql: ['-c', '-cmd', '-s'], files: ['-f', '-init'], valued: [], positionalSql: true },
  snowsql: { dialect: 'snowflake', sql: ['-q', '--query'], files: ['-f', '--filename'], valued: ['-a', '--accountname', '-u', '--username', '-d', '--dbname', '-s', '--schemaname', '-r', '--rolename', '-w', '--warehouse', '-c', '--connection', '-o', '--option'] },
  pgcli: { dialect: 'postgresql', sql: ['-e', '--execute'], files: [], valued: ['-h', '--host', '-p', '--port', '-U', '--username', '-d', '--dbname'] },
  mycli: { dialect: 'mysql', sql: ['-e', '--execute'], files: [], valued: ['-h', '--host', '-P', '--port', '-u', '--user', '-D', '--database', '-S', '--socket'] },
  litecli: { dialect: 'sqlite', sql: ['-e', '--execute'], files: [], valued: [] },
};

function shellHit(inv: Invocation, ctx: ToolContext): RuleHit | null {
  const spec = SHELLS[inv.name];
  if (!spec) return null;
  const args = inv.name === 'cockroach' ? inv.args.slice(inv.args[0] === 'sql' ? 1 : 0) : inv.args;
  if (inv.name === 'cockroach' && inv.args[0] !== 'sql') return null;
  const p = parseArgs(args, { valued: [...spec.valued, ...spec.sql, ...spec.files], noClusters: inv.name === 'duckdb' || inv.name === 'sqlcmd' });
  const hits: RuleHit[] = vals(p, ...spec.sql).map((s) => sqlHit(ctx, s, spec.dialect, `${inv.name}`));
  if (spec.positionalSql) for (const s of p.pos.slice(1)) hits.push(sqlHit(ctx, s, spec.dialect, inv.name));
  for (const f of vals(p, ...spec.files)) hits.push({ risk: 'unknown', effect: 'run-script', explanation: `${inv.name} runs the script ${f}, which the classifier cannot see` });
  if (hits.length === 0) hits.push(stdinHit(inv, ctx, spec.dialect, inv.name) ?? { risk: 'unknown', effect: 'run-script', explanation: `${inv.name} runs statements from a terminal or pipe the classifier cannot see` });
  return worstHit(hits);
}

export const SQL_SHELLS_TABLE: ToolTable = defineLocalTable({
  name: 'sql-shells',
  commands: Object.keys(SHELLS),
  noShortHelp: true,
  rules: [
    {
      id: 'sql-shells.sql', risk: 'unknown', effect: 'sql',
      explain: 'the SQL shell runs SQL; its effect is the effect of that SQL',
      test: shellHit,
      examples: {
        match: ['sqlcmd -S db -Q "DROP TABLE dbo.Orders"', 'cockroach sql -e "SELECT 1"', "duckdb local.db 'DELETE FROM t'", 'snowsql -q "TRUNCATE TABLE events"'],
        no_match: ['cockroach version', 'duckdb --help'],
      },
    },
  ],
  fallback: (inv) => (inv.name === 'cockroach' && inv.args[0] !== 'sql' ? (/^(version|node|debug|gen|cert)$/.test(inv.args[0] ?? '') && inv.args[1] !== 'decommission' ? 'readonly' : 'mutating') : 'readonly'),
});

export const KV_TABLE: ToolTable = defineLocalTable({
  name: 'kv',
  commands: ['etcdctl', 'consul'],
  rules: [
    {
      id: 'kv.delete', risk: 'destructive', effect: 'delete-keys',
      explain: 'deletes keys (or a whole prefix) from a configuration store other services read',
      test: (inv) => {
        const w = inv.args.filter((a) => !a.startsWith('-'));
        if (inv.name === 'etcdctl') {
          if (w[0] === 'del' || w[0] === 'rm' || w[0] === 'rmdir') return { target: w.slice(1).join(' ') || (inv.args.includes('--prefix') ? 'prefix' : '') };
          if (w[0] === 'member' && w[1] === 'remove') return { target: w[2] ?? '', effect: 'remove-member', explanation: 'removes a member from the etcd cluster' };
          return null;
        }
        if (w[0] === 'kv' && w[1] === 'delete') return { target: w[2] ?? (inv.args.some((a) => a.startsWith('-recurse')) ? 'all keys' : '') };
        if (w[0] === 'snapshot' && w[1] === 'restore') return { target: w[2] ?? '', effect: 'overwrite-store', explanation: 'restoring a snapshot replaces the current state' };
        return null;
      },
      examples: { match: ['etcdctl del --prefix /config/', 'consul kv delete -recurse app/', 'etcdctl member remove 8e9e05c52164694d'], no_match: ['etcdctl get /config/db', 'consul kv get app/db', 'consul members'] },
    },
  ],
  fallback: (inv) => {
    const w = inv.args.filter((a) => !a.startsWith('-'));
    return /^(get|list|ls|members|watch|version|info|endpoint|check|status|monitor|catalog)$/.test(w[0] ?? '') || (w[0] === 'kv' && /^(get|export)$/.test(w[1] ?? '')) || w.length === 0 ? 'readonly' : 'mutating';
  },
});

// Cassandra's nodetool and the InfluxDB CLI: node removal and bucket/data deletion lose data or
// capacity; status and listings read; maintenance (repair, compact, flush) changes things.
export const DB_OPS_TABLE: ToolTable = defineLocalTable({
  name: 'db-ops',
  commands: ['nodetool', 'influx'],
  rules: [
    {
      id: 'db-ops.remove', risk: 'destructive', effect: 'delete-data',
      explain: 'removes a node from the cluster, stops it, or deletes buckets or data points',
      test: (inv) => {
        const w = inv.args.filter((a) => !a.startsWith('-'));
        if (inv.name === 'nodetool') {
          const verb = w.find((x) => /^(decommission|removenode|assassinate|drain|stopdaemon|clearsnapshot|truncatehints|disablebinary|disablegossip|resetlocalschema)$/.test(x));
          return verb ? { target: verb } : null;
        }
        if (w[0] === 'delete') return { target: 'data points', explanation: 'influx delete removes data points' };
        return w[1] === 'delete' || (w[0] === 'v1' && w[2] === 'delete') ? { target: `${w[0] ?? ''} ${w.slice(2).join(' ')}`.trim() } : null;
      },
      examples: { match: ['nodetool decommission', 'nodetool -h db3 removenode 1234-abcd', 'influx bucket delete --name metrics', "influx delete --bucket m --start 1970-01-01T00:00:00Z --stop 2030-01-01T00:00:00Z"], no_match: ['nodetool status', 'influx bucket list'] },
    },
  ],
  fallback: (inv) => {
    const w = inv.args.filter((a) => !a.startsWith('-'));
    return w.some((x) => /^(status|info|ring|tablestats|cfstats|tpstats|describecluster|version|list|find|ls|ping|gossipinfo|compactionstats|netstats)$/.test(x)) || w.length === 0 ? 'readonly' : 'mutating';
  },
});
