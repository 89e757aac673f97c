// One data-driven conformance suite for every Store implementation, run on real databases
// (SQLite in src/store/sqlite/sqlite.test.ts, PostgreSQL in its own folder). Each case gets a
// fresh, empty store. Add a case here and every implementation must pass it.
import { describe, it } from 'node:test';
import type { Store } from '../core/index.js';
import { CASES } from './conformance-cases.js';

export type StoreHandle = {
  store: Store;
  /** Removes everything the store created (files, schema). */
  cleanup: () => Promise<void>;
  /** Closes nothing itself: opens the same database again (after the case closed `store`). */
  reopen?: () => Promise<Store>;
};

export type ConformanceCase = {
  name: string;
  /** Needs `reopen` (skipped otherwise). */
  needsReopen?: boolean;
  run: (h: Required<Pick<StoreHandle, 'store'>> & { reopen: () => Promise<Store> }) => Promise<void>;
};

export function runStoreConformance(name: string, makeStore: () => Promise<StoreHandle>): void {
  describe(`store conformance: ${name}`, () => {
    for (const c of CASES) {
      it(c.name, async (t) => {
        const h = await makeStore();
        const opened: Store[] = [h.store];
        try {
          if (c.needsReopen && !h.reopen) return t.skip('this store cannot be reopened');
          const reopen = async (): Promise<Store> => {
            const s = await h.reopen!();
            opened.push(s);
            return s;
          };
          await c.run({ store: h.store, reopen });
        } finally {
          for (const s of opened) await s.close().catch(() => undefined);
          await h.cleanup();
        }
      });
    }
  });
}
