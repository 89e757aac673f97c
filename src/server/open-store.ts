// Which store a server (or an offline `audit verify`) uses: embedded SQLite in the data directory
// by default, or PostgreSQL for several instances sharing one database (`--database postgres://`).
import { join } from 'node:path';
import { CountersignError } from '../core/index.js';
import type { Clock, Store } from '../core/index.js';
import { openSqliteStore } from '../store/sqlite/index.js';

export const SQLITE_FILE = 'countersign.db';

type PostgresModule = { openPostgresStore(opts: { url: string; clock?: Clock }): Promise<Store> };

export async function openStore(opts: { dataDir: string; database?: string; clock?: Clock }): Promise<Store> {
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
  return openSqliteStore({ path: join(opts.dataDir, SQLITE_FILE), ...(opts.clock ? { clock: opts.clock } : {}) });
}
