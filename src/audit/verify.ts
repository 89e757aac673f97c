// Recomputes the chain and names the first broken link. Works incrementally (page by page from a
// store) through ChainVerifier, or in one call through verifyChain.
import { GENESIS_PREV, type AuditEntry } from '../core/index.js';
import { entryHash } from './chain.js';

export type ChainBreak = { seq: number; reason: string };
export type ChainReport = { ok: boolean; entries: number; head: { seq: number; hash: string } | null; broken?: ChainBreak };

const HEX64 = /^[0-9a-f]{64}$/;

export class ChainVerifier {
  private count = 0;
  private head: { seq: number; hash: string } | null;
  private broken: ChainBreak | undefined;

  /** `from`: the verified head to continue after (null: start at the genesis entry, seq 1). */
  constructor(from: { seq: number; hash: string } | null = null) {
    this.head = from;
  }

  /** Checks one entry; returns false once the chain is broken (later entries are not looked at). */
  push(e: AuditEntry): boolean {
    if (this.broken) return false;
    const reason = this.check(e);
    if (reason) {
      this.broken = { seq: typeof e.seq === 'number' ? e.seq : (this.head?.seq ?? 0) + 1, reason };
      return false;
    }
    this.count++;
    this.head = { seq: e.seq, hash: e.hash };
    return true;
  }

  private check(e: AuditEntry): string | null {
    const wantSeq = (this.head?.seq ?? 0) + 1;
    const wantPrev = this.head?.hash ?? GENESIS_PREV;
    if (!Number.isSafeInteger(e.seq)) return `seq is not an integer (${String(e.seq)})`;
    if (e.seq !== wantSeq) return e.seq > wantSeq ? `seq gap: expected ${wantSeq}, found ${e.seq}` : `seq out of order: expected ${wantSeq}, found ${e.seq}`;
    if (e.v !== 1) return `unsupported entry version ${String(e.v)}`;
    if (e.prev !== wantPrev) return `prev does not match the hash of entry ${wantSeq - 1}`;
    if (typeof e.hash !== 'string' || !HEX64.test(e.hash)) return 'hash is not 64 lower-case hex digits';
    if (typeof e.type !== 'string' || !Number.isFinite(e.at)) return 'type or at has the wrong shape';
    if (e.body === null || typeof e.body !== 'object' || Array.isArray(e.body)) return 'body is not a JSON object';
    let h: string;
    try {
      h = entryHash(e);
    } catch (err) {
      return `entry cannot be canonicalised: ${(err as Error).message}`;
    }
    return h === e.hash ? null : 'hash mismatch: the entry was changed after it was written';
  }

  result(): ChainReport {
    const r: ChainReport = { ok: !this.broken, entries: this.count, head: this.head };
    if (this.broken) r.broken = this.broken;
    return r;
  }
}

export function verifyChain(entries: Iterable<AuditEntry>, from: { seq: number; hash: string } | null = null): ChainReport {
  const v = new ChainVerifier(from);
  for (const e of entries) if (!v.push(e)) break;
  return v.result();
}
