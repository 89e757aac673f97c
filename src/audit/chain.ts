// How one audit entry is made and hashed. Stores call `nextEntry` inside the transaction that
// serialises appends, so seq/prev come from the stored head, never from a cached guess.
import { CountersignError, GENESIS_PREV, canonicalize, type AuditAppend, type AuditEntry } from '../core/index.js';
import { redact } from './redact.js';
import { sha256Hex } from './sha256.js';

/** The domain-separation prefix: a hash of version 1 can never be confused with another hash. */
export const ENTRY_PREFIX_V1 = 'countersign/audit/v1\n';

type Hashable = Pick<AuditEntry, 'v' | 'seq' | 'prev' | 'at' | 'type' | 'body'>;

/** sha256("countersign/audit/v1\n" + JCS({v, seq, prev, at, type, body})). */
export function entryHash(e: Hashable): string {
  if (e.v !== 1) throw new CountersignError('E_CHAIN_BROKEN', `Entry ${e.seq} has version ${String(e.v)}, which this build cannot hash.`);
  return sha256Hex(ENTRY_PREFIX_V1 + canonicalize({ v: e.v, seq: e.seq, prev: e.prev, at: e.at, type: e.type, body: e.body }));
}

export type Head = { seq: number; hash: string } | null;

/** The redacted, canonical body text (exactly what a store keeps) — throws E_AUDIT_WRITE when the
 * body is not representable as JSON, so the caller's whole operation fails closed. */
export function canonicalBody(append: AuditAppend): { body: Record<string, unknown>; text: string } {
  if (typeof append.type !== 'string' || append.type === '') {
    throw new CountersignError('E_AUDIT_WRITE', 'An audit entry needs a non-empty type.');
  }
  if (append.body === null || typeof append.body !== 'object' || Array.isArray(append.body)) {
    throw new CountersignError('E_AUDIT_WRITE', `The body of a "${append.type}" entry must be a JSON object.`);
  }
  try {
    const text = canonicalize(redact(append.body));
    // Re-parse so the returned body is exactly what verification will later see (no undefined keys,
    // no toJSON objects, -0 as 0).
    return { body: JSON.parse(text) as Record<string, unknown>, text };
  } catch (e) {
    throw new CountersignError('E_AUDIT_WRITE', `The body of a "${append.type}" entry is not plain JSON: ${(e as Error).message}`);
  }
}

/** The entry that follows `head`. `at` is milliseconds since the epoch. */
export function nextEntry(head: Head, append: AuditAppend, at: number): { entry: AuditEntry; bodyText: string } {
  const { body, text } = canonicalBody(append);
  const seq = head ? head.seq + 1 : 1;
  const prev = head ? head.hash : GENESIS_PREV;
  // The same bytes canonicalize() gives for {v, seq, prev, at, type, body} (keys in sorted order),
  // built from the body text we already have; chain.test.ts holds the two equal.
  const jcs = `{"at":${canonicalize(at)},"body":${text},"prev":${JSON.stringify(prev)},"seq":${seq},"type":${JSON.stringify(append.type)},"v":1}`;
  const entry: AuditEntry = { v: 1, seq, prev, at, type: append.type, body, hash: sha256Hex(ENTRY_PREFIX_V1 + jcs) };
  return { entry, bodyText: text };
}
