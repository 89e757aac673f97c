import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { GENESIS_PREV, type AuditEntry } from '../core/index.js';
import { entryHash, nextEntry, verifyChain, ChainVerifier, canonicalize } from './index.js';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head: { seq: number; hash: string } | null = null;
  for (let i = 0; i < n; i++) {
    const { entry } = nextEntry(head, { type: 'action.proposed', body: { i, note: `entry ${i}` } }, 1_700_000_000_000 + i);
    out.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return out;
}

test('an entry hash is sha256 of the v1 prefix and the JCS of {v, seq, prev, at, type, body}', () => {
  const { entry, bodyText } = nextEntry(null, { type: 'freeze', body: { by: 'ada', reason: 'incident', password: 'pw' } }, 1000);
  const hashed = { v: 1, seq: 1, prev: GENESIS_PREV, at: 1000, type: 'freeze', body: { by: 'ada', reason: 'incident', password: '[redacted]' } };
  const want = createHash('sha256').update('countersign/audit/v1\n' + canonicalize(hashed)).digest('hex');
  assert.deepEqual({ entry, bodyText }, {
    entry: { ...hashed, hash: want },
    bodyText: '{"by":"ada","password":"[redacted]","reason":"incident"}',
  });
  assert.equal(entryHash(entry), want);
});

test('entries link: seq counts from 1, prev is the previous hash', () => {
  const entries = chain(3);
  assert.deepEqual(entries.map((e) => [e.seq, e.prev]), [[1, GENESIS_PREV], [2, entries[0]!.hash], [3, entries[1]!.hash]]);
  assert.deepEqual(verifyChain(entries), { ok: true, entries: 3, head: { seq: 3, hash: entries[2]!.hash } });
});

test('an empty chain verifies with no head', () => {
  assert.deepEqual(verifyChain([]), { ok: true, entries: 0, head: null });
});

test('a body that is not plain JSON is refused with E_AUDIT_WRITE', () => {
  for (const body of [{ n: Number.NaN }, { b: 1n }, [] as unknown as Record<string, unknown>]) {
    assert.throws(() => nextEntry(null, { type: 't', body }, 0), (e: unknown) => (e as { code?: string }).code === 'E_AUDIT_WRITE');
  }
});

test('verify names the first broken link and why', () => {
  const cases: [string, (es: AuditEntry[]) => AuditEntry[], { seq: number; reason: string }, number][] = [
    ['changed body', (es) => es.map((e) => (e.seq === 3 ? { ...e, body: { ...e.body, i: 99 } } : e)), { seq: 3, reason: 'hash mismatch: the entry was changed after it was written' }, 2],
    ['changed at', (es) => es.map((e) => (e.seq === 2 ? { ...e, at: e.at + 1 } : e)), { seq: 2, reason: 'hash mismatch: the entry was changed after it was written' }, 1],
    ['rehashed entry', (es) => es.map((e) => (e.seq === 2 ? rehash({ ...e, type: 'thaw' }) : e)), { seq: 3, reason: 'prev does not match the hash of entry 2' }, 2],
    ['removed entry', (es) => es.filter((e) => e.seq !== 2), { seq: 3, reason: 'seq gap: expected 2, found 3' }, 1],
    ['swapped entries', (es) => [es[0]!, es[2]!, es[1]!, es[3]!], { seq: 3, reason: 'seq gap: expected 2, found 3' }, 1],
    ['duplicated entry', (es) => [es[0]!, es[1]!, es[1]!, es[2]!], { seq: 2, reason: 'seq out of order: expected 3, found 2' }, 2],
    ['version', (es) => es.map((e) => (e.seq === 1 ? { ...e, v: 2 as unknown as 1 } : e)), { seq: 1, reason: 'unsupported entry version 2' }, 0],
    ['bad hash text', (es) => es.map((e) => (e.seq === 4 ? { ...e, hash: e.hash.toUpperCase() } : e)), { seq: 4, reason: 'hash is not 64 lower-case hex digits' }, 3],
  ];
  for (const [name, tamper, broken, good] of cases) {
    const entries = tamper(chain(4));
    const r = verifyChain(entries);
    assert.deepEqual(r, { ok: false, entries: good, head: good ? { seq: good, hash: entries[good - 1]!.hash } : null, broken }, name);
  }
});

function rehash(e: AuditEntry): AuditEntry {
  return { ...e, hash: entryHash(e) };
}

test('ChainVerifier continues from a verified head, page by page', () => {
  const entries = chain(10);
  const first = verifyChain(entries.slice(0, 4));
  const v = new ChainVerifier(first.head);
  for (const e of entries.slice(4)) v.push(e);
  assert.deepEqual(v.result(), { ok: true, entries: 6, head: { seq: 10, hash: entries[9]!.hash } });
  // starting from a wrong head is a broken link at the first entry looked at
  assert.deepEqual(verifyChain(entries.slice(4), { seq: 4, hash: entries[2]!.hash }), {
    ok: false, entries: 0, head: { seq: 4, hash: entries[2]!.hash }, broken: { seq: 5, reason: 'prev does not match the hash of entry 4' },
  });
});
