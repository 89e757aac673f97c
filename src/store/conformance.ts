// One data-driven conformance suite for every Store implementation, run on real databases
// (SQLite in src/store/sqlite/sqlite.test.ts, PostgreSQL in its own folder). Each case gets a
// fresh, empty store. Add a case here and every implementation must pass it.
//
// Beyond the port's comments, the cases pin these details (an implementation must match them):
// - error codes: duplicate insert E_CONFLICT; lost CAS E_CONFLICT; update of a missing id
//   E_NOT_FOUND; an update whose version is not expected+1 E_INTERNAL; a body that is not plain JSON
//   E_AUDIT_WRITE (build entries with audit's nextEntry); non-JSON state or a non-integer counter
//   window/delta E_BAD_INPUT; any driver failure and any call after close() E_STORE (toStoreError);
// - readAudit clamps fromSeq below 1 to 1 and returns [] for limit 0; listRequests defaults to 100
//   rows, newest createdAt first, limit 0 gives []; findApproved never returns a request with no
//   expiresAt; close() may be called twice.
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
