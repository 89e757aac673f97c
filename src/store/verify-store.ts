// Verifies the whole chain held by any Store, page by page, without loading it all at once.
import type { Store } from '../core/index.js';
import { ChainVerifier, type ChainReport } from '../audit/index.js';

export async function verifyStore(store: Pick<Store, 'readAudit'>, pageSize = 2000): Promise<ChainReport> {
  const v = new ChainVerifier();
  let from = 1;
  for (;;) {
    const page = await store.readAudit(from, pageSize);
    for (const e of page) if (!v.push(e)) return v.result();
    if (page.length < pageSize) return v.result();
    from = page[page.length - 1]!.seq + 1;
  }
}
