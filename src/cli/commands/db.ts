// `countersign db copy --from DIR --to postgres://...`: the move from the embedded SQLite store to
// PostgreSQL. Copies requests, the audit chain (same bytes, same hashes), state and counters in one
// transaction; refuses a target that already holds data; verifies the copied chain before it
// commits. Stop the SQLite server first, so nothing is written after the copy is taken.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CountersignError } from '../../core/index.js';
import { loadConfig } from '../../config/index.js';
import { copySqliteToPostgres } from '../../store/postgres/index.js';
import { toStoreError } from '../../store/index.js';
import { parseArgs, UsageError } from '../args.js';
import { report } from '../client.js';

const HELP = `Usage: countersign db copy --from DIR --to postgres://USER@HOST:PORT/DB [--schema NAME] [--json]

Copies a SQLite data directory (DIR holding countersign.db, a config directory holding
countersign.yaml, or the .db file itself) into PostgreSQL: every request, the audit chain with
identical hashes, shared state and limit counters. The target schema must be empty. The copied
chain is verified before the copy commits; on any failure nothing is copied.
Then run \`countersign serve --database postgres://...\` on every instance.
`;

export async function run(argv: string[]): Promise<number> {
  try {
    const [sub, ...rest] = argv;
    const { flags, positionals } = parseArgs(rest, { boolean: ['json', 'help'], string: ['from', 'to', 'schema'] });
    if (!sub || sub === '--help' || sub === '-h' || flags['help']) {
      process.stdout.write(HELP);
      return sub ? 0 : 2;
    }
    if (sub !== 'copy') throw new UsageError(`unknown subcommand "${sub}"; use copy`);
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (typeof flags['from'] !== 'string') throw new UsageError('--from DIR is required (the SQLite data directory)');
    if (typeof flags['to'] !== 'string') throw new UsageError('--to postgres://... is required');
    const from = sqliteFile(flags['from']);
    let r;
    try {
      r = await copySqliteToPostgres({ from, url: flags['to'], ...(typeof flags['schema'] === 'string' ? { schema: flags['schema'] } : {}) });
    } catch (e) {
      throw toStoreError(e, 'Copying into PostgreSQL');
    }
    process.stdout.write(
      flags['json']
        ? JSON.stringify({ from, ...r }) + '\n'
        : `copied ${r.requests} requests, ${r.entries} audit entries, ${r.state} state keys and ${r.counters} counters into schema "${r.schema}"; the chain verifies (head ${r.head ? `#${r.head.seq} ${r.head.hash}` : 'empty'})\n`,
    );
    return 0;
  } catch (err) {
    return report('db', err);
  }
}

function sqliteFile(from: string): string {
  if (existsSync(from) && statSync(from).isFile()) return from;
  for (const candidate of [join(from, 'countersign.db'), join(from, 'data', 'countersign.db')]) if (existsSync(candidate)) return candidate;
  const yaml = join(from, 'countersign.yaml');
  if (existsSync(yaml)) {
    const file = join(loadConfig(yaml).dataDir, 'countersign.db');
    if (existsSync(file)) return file;
  }
  throw new CountersignError('E_USAGE', `No countersign.db under ${from}. Point --from at the data directory (the config's data_dir).`);
}
