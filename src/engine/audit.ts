// Reading and verifying the audit chain through the store, page by page, so a long log is never
// held in memory at once.
import type { AuditEntry, Store } from '../core/index.js';
import { ChainVerifier, type ChainReport } from '../audit/index.js';

const PAGE = 2000;

export async function verifyStore(store: Store): Promise<ChainReport> {
  const v = new ChainVerifier();
  let from = 1;
  for (;;) {
    const page = await store.readAudit(from, PAGE);
    for (const e of page) if (!v.push(e)) return v.result();
    if (page.length < PAGE) break;
    from = page[page.length - 1]!.seq + 1;
  }
  const r = v.result();
  // Entries the store says exist but the pages did not reach (a gap at the end) are a break too.
  const head = await store.auditHead();
  if (r.ok && head && (!r.head || r.head.seq !== head.seq || r.head.hash !== head.hash)) {
    return { ...r, ok: false, broken: { seq: (r.head?.seq ?? 0) + 1, reason: 'the stored head is not the last verified entry' } };
  }
  return r;
}

export async function* allEntries(store: Store, from = 1): AsyncGenerator<AuditEntry> {
  for (;;) {
    const page = await store.readAudit(from, PAGE);
    yield* page;
    if (page.length < PAGE) return;
    from = page[page.length - 1]!.seq + 1;
  }
}
