// Which store a server (or an offline `audit verify`) uses: embedded SQLite in the data directory
// by default, or PostgreSQL for several instances sharing one database (`--database postgres://`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CountersignError } from '../core/index.js';
import type { Clock, Store } from '../core/index.js';
import { openSqliteStore } from '../store/sqlite/index.js';

export const SQLITE_FILE = 'countersign.db';

type PostgresModule = { openPostgresStore(opts: { url: string; clock?: Clock }): Promise<Store> };

/** `worker`: SQLite writes (and their fsync) run in a writer thread, so the serving thread keeps
 * answering while a group commit is on disk. `readonly`: offline readers beside a running server
 * (audit verify/export --dir) that must never write or migrate. */
export async function openStore(opts: { dataDir: string; database?: string; clock?: Clock; worker?: boolean; readonly?: boolean }): Promise<Store> {
  const db = opts.database;
  if (db && /^postgres(ql)?:\/\//.test(db)) {
    // Hook point for the HA store: src/store/postgres exports openPostgresStore({url, clock}).
    // If the store it returns carries a `notifier` (the engine's Notifier interface, e.g. over
    // LISTEN/NOTIFY), `serve` hands it to the engine so every instance wakes its waiting agents
    // and event streams. Specifier in a variable so this build works before that module exists.
    const specifier = '../store/postgres/index.js';
    let mod: PostgresModule;
    try {
      mod = (await import(specifier)) as PostgresModule;
    } catch {
      throw new CountersignError('E_USAGE', 'This build has no PostgreSQL store yet; run without --database to use the embedded SQLite store.');
    }
    return mod.openPostgresStore({ url: db, ...(opts.clock ? { clock: opts.clock } : {}) });
  }
  if (db) throw new CountersignError('E_USAGE', `--database must be a postgres:// URL (got "${db.replace(/:[^:@/]*@/, ':***@')}"); leave it out for SQLite in the data directory.`);
  const path = join(opts.dataDir, SQLITE_FILE);
  if (opts.readonly && !existsSync(path)) throw new CountersignError('E_STORE', `No database at ${path}: has \`countersign serve\` run with this config? Check --dir or --config.`);
  return openSqliteStore({ path, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.worker ? { worker: true } : {}), ...(opts.readonly ? { readonly: true } : {}) });
}
