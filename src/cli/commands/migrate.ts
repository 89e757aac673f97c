// `countersign migrate --database postgres://...`: brings a PostgreSQL schema up to this build's
// version. Safe to run while other instances start or serve: migrations run under an advisory lock
// and each step is one transaction. (`serve --database` migrates on start too; this verb lets a
// deploy pipeline do it first, with its own credentials.)
import pg from 'pg';
import { CountersignError } from '../../core/index.js';
import { migrate, parseDatabaseUrl } from '../../store/postgres/index.js';
import { toStoreError } from '../../store/index.js';
import { parseArgs, UsageError } from '../args.js';
import { report } from '../client.js';

const HELP = `Usage: countersign migrate --database postgres://USER@HOST:PORT/DB [--schema NAME] [--json]

Creates or upgrades Countersign's tables in PostgreSQL (schema "countersign" unless --schema or
?schema= in the URL says otherwise). COUNTERSIGN_DATABASE is used when --database is absent.
Running it again, or from several machines at once, is harmless.
`;

export async function run(argv: string[]): Promise<number> {
  try {
    const { flags, positionals } = parseArgs(argv, { boolean: ['json', 'help'], string: ['database', 'schema'] });
    if (flags['help']) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const url = typeof flags['database'] === 'string' ? flags['database'] : process.env['COUNTERSIGN_DATABASE'];
    if (!url) throw new CountersignError('E_USAGE', 'Name the database with --database postgres://USER@HOST:PORT/DB (or COUNTERSIGN_DATABASE).');
    const { connectionString, schema } = parseDatabaseUrl(url, typeof flags['schema'] === 'string' ? flags['schema'] : undefined);
    const client = new pg.Client({ connectionString, application_name: 'countersign-migrate', connectionTimeoutMillis: 5000 });
    let r: { from: number; to: number };
    try {
      client.on('error', () => undefined); // a dropped connection fails the statement in flight instead
      await client.connect();
      r = await migrate(client, schema, Date.now());
    } catch (e) {
      throw toStoreError(e, `Migrating schema "${schema}"`);
    } finally {
      await client.end().catch(() => undefined);
    }
    const out = { schema, from: r.from, to: r.to };
    process.stdout.write(flags['json'] ? JSON.stringify(out) + '\n' : r.from === r.to ? `schema "${schema}" is at version ${r.to}; nothing to do\n` : `schema "${schema}" migrated from version ${r.from} to ${r.to}\n`);
    return 0;
  } catch (err) {
    return report('migrate', err);
  }
}
