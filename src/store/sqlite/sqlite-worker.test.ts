// The same conformance suite with writes in a writer thread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreConformance } from '../conformance.js';
import { openSqliteStore } from './index.js';

runStoreConformance('sqlite (writer thread)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-sqlite-w-'));
  const path = join(dir, 'countersign.db');
  return {
    store: await openSqliteStore({ path, worker: true }),
    reopen: () => openSqliteStore({ path, worker: true }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
