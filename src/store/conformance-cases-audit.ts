// Conformance cases: the audit chain, state, counters, atomicity, persistence.
import assert from 'node:assert/strict';
import type { AuditEntry } from '../core/index.js';
import { verifyChain } from '../audit/index.js';
import type { ConformanceCase } from './conformance.js';
import { codeOf, record } from './conformance-fixtures.js';
import { verifyStore } from './verify-store.js';

const NAN_BODY = { bad: Number.NaN };

async function all(store: { readAudit(from: number, limit: number): Promise<AuditEntry[]> }): Promise<AuditEntry[]> {
  return store.readAudit(1, 1_000_000);
}

export const AUDIT_CASES: ConformanceCase[] = [
  {
    name: 'an empty store has no head and an empty, valid chain',
    async run({ store }) {
      assert.deepEqual([await store.auditHead(), await store.readAudit(1, 10), await verifyStore(store)], [null, [], { ok: true, entries: 0, head: null }]);
    },
  },
  {
    name: 'many concurrent appends and request writes leave one gapless chain that verifies',
    async run({ store }) {
      const jobs: Promise<AuditEntry[]>[] = [];
      for (let i = 0; i < 60; i++) {
        jobs.push(store.appendAudit([{ type: 'limit.tripped', body: { i, part: 1 } }, { type: 'limit.tripped', body: { i, part: 2 } }]));
        jobs.push(store.insertRequest(record(`r${i}`), [{ type: 'action.proposed', body: { request: `r${i}` } }]));
      }
      const returned = (await Promise.all(jobs)).flat().sort((a, b) => a.seq - b.seq);
      const stored = await all(store);
      assert.deepEqual(stored, returned, 'what each caller was told is exactly what is stored');
      assert.deepEqual(stored.map((e) => e.seq), Array.from({ length: 180 }, (_, i) => i + 1));
      assert.deepEqual(await verifyStore(store, 7), { ok: true, entries: 180, head: { seq: 180, hash: stored[179]!.hash } });
      assert.deepEqual(await store.auditHead(), { seq: 180, hash: stored[179]!.hash });
      // one caller's entries are consecutive: nobody else's entry lands between them
      const parts = stored.filter((e) => e.body.part !== undefined);
      for (let k = 0; k < parts.length; k += 2) assert.deepEqual([parts[k]!.body.i, parts[k + 1]!.seq], [parts[k + 1]!.body.i, parts[k]!.seq + 1]);
    },
  },
  {
    name: 'readAudit pages by seq and limit',
    async run({ store }) {
      await store.appendAudit(Array.from({ length: 10 }, (_, i) => ({ type: 't', body: { i } })));
      const seqs = async (from: number, limit: number) => (await store.readAudit(from, limit)).map((e) => e.seq);
      assert.deepEqual([await seqs(1, 3), await seqs(4, 3), await seqs(9, 5), await seqs(11, 5), await seqs(0, 2), await seqs(5, 0)], [[1, 2, 3], [4, 5, 6], [9, 10], [], [1, 2], []]);
    },
  },
  {
    name: 'secrets are redacted before they are hashed and stored',
    async run({ store }) {
      const [e] = await store.appendAudit([{ type: 'config.loaded', body: { token: 'plain-secret', command: 'psql postgres://u:pw@h/db' } }]);
      assert.deepEqual(e?.body, { token: '[redacted]', command: 'psql postgres://u:[redacted]@h/db' });
      assert.deepEqual((await store.readAudit(1, 1))[0], e);
      assert.equal(verifyChain(await all(store)).ok, true);
    },
  },
  {
    name: 'bodies are stored in their JSON form; what JSON cannot hold is refused, not changed',
    async run({ store }) {
      const [e] = await store.appendAudit([{ type: 't', body: { when: new Date(0), gone: undefined, zero: -0, list: [1, 'a', null] } }]);
      assert.deepEqual(e?.body, { when: '1970-01-01T00:00:00.000Z', zero: 0, list: [1, 'a', null] });
      const bad: Record<string, unknown>[] = [{ f: () => 1 }, { list: [1, undefined] }, { n: Number.NEGATIVE_INFINITY }, { b: 10n }];
      const codes: string[] = [];
      for (const body of bad) codes.push(await codeOf(store.appendAudit([{ type: 't', body }])));
      assert.deepEqual([codes, (await store.auditHead())?.seq], [['E_AUDIT_WRITE', 'E_AUDIT_WRITE', 'E_AUDIT_WRITE', 'E_AUDIT_WRITE'], 1]);
    },
  },
  {
    name: 'state: get/set with audit, overwrite, plain JSON only',
    async run({ store }) {
      assert.equal(await store.getState('freeze'), null);
      const entries = await store.setState('freeze', { frozen: true, by: 'ada', reason: 'incident' }, [{ type: 'freeze', body: { by: 'ada' } }]);
      assert.deepEqual(entries.map((e) => [e.seq, e.type]), [[1, 'freeze']]);
      assert.deepEqual(await store.getState('freeze'), { frozen: true, by: 'ada', reason: 'incident' });
      await store.setState('freeze', { frozen: false }, []);
      await store.setState('n', 42, []);
      assert.deepEqual([await store.getState('freeze'), await store.getState('n'), await store.getState('other')], [{ frozen: false }, 42, null]);
      assert.equal(await codeOf(store.setState('bad', { x: Number.POSITIVE_INFINITY }, [{ type: 'freeze', body: {} }])), 'E_BAD_INPUT');
      assert.deepEqual([await store.getState('bad'), (await store.auditHead())?.seq], [null, 1]);
    },
  },
  {
    name: 'counters add per key and window, atomically under concurrency',
    async run({ store }) {
      const got = await Promise.all(Array.from({ length: 50 }, () => store.bumpCounter('rate:agent-a', 100, 1)));
      assert.deepEqual([...got].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
      assert.deepEqual(
        [await store.bumpCounter('rate:agent-a', 100, 0), await store.bumpCounter('rate:agent-a', 101, 1), await store.bumpCounter('rate:agent-b', 100, 5), await store.bumpCounter('rate:agent-a', 100, -10)],
        [50, 1, 5, 40],
      );
      assert.equal(await codeOf(store.bumpCounter('k', 1.5, 1)), 'E_BAD_INPUT');
    },
  },
  {
    name: 'atomicity: an op whose audit entry cannot be written writes nothing at all',
    async run({ store }) {
      await store.insertRequest(record('base'), [{ type: 'action.proposed', body: {} }]);
      const head = await store.auditHead();
      const codes = [
        await codeOf(store.insertRequest(record('r-bad'), [{ type: 'action.proposed', body: { ok: 1 } }, { type: 'action.decided', body: NAN_BODY }])),
        await codeOf(store.updateRequest({ ...record('base'), status: 'approved', version: 2 }, 1, [{ type: 'request.approved', body: NAN_BODY }])),
        await codeOf(store.setState('freeze', { frozen: true }, [{ type: 'freeze', body: NAN_BODY }])),
        await codeOf(store.appendAudit([{ type: 'thaw', body: {} }, { type: 'thaw', body: NAN_BODY }])),
      ];
      assert.deepEqual(codes, ['E_AUDIT_WRITE', 'E_AUDIT_WRITE', 'E_AUDIT_WRITE', 'E_AUDIT_WRITE']);
      assert.deepEqual([await store.getRequest('r-bad'), (await store.getRequest('base'))?.status, await store.getState('freeze'), await store.auditHead()], [null, 'pending', null, head]);
    },
  },
  {
    name: 'atomicity: a failing op does not sink the good ops submitted with it',
    async run({ store }) {
      const results = await Promise.all([
        codeOf(store.insertRequest(record('g1'), [{ type: 'action.proposed', body: { n: 1 } }])),
        codeOf(store.insertRequest(record('b1'), [{ type: 'action.proposed', body: NAN_BODY }])),
        codeOf(store.insertRequest(record('g2'), [{ type: 'action.proposed', body: { n: 2 } }])),
        codeOf(store.updateRequest(record('missing', { version: 2 }), 1, [])),
        codeOf(store.appendAudit([{ type: 'thaw', body: { n: 3 } }])),
      ]);
      assert.deepEqual(results, ['ok', 'E_AUDIT_WRITE', 'ok', 'E_NOT_FOUND', 'ok']);
      const stored = await all(store);
      assert.deepEqual([stored.map((e) => e.body.n), verifyChain(stored).ok, await store.getRequest('b1')], [[1, 2, 3], true, null]);
    },
  },
  {
    name: 'everything survives close and reopen, and the chain continues',
    needsReopen: true,
    async run({ store, reopen }) {
      const r = record('r1');
      await store.insertRequest(r, [{ type: 'action.proposed', body: { request: 'r1' } }]);
      await store.setState('freeze', { frozen: true }, [{ type: 'freeze', body: {} }]);
      await store.bumpCounter('c', 7, 3);
      const before = await all(store);
      await store.close();
      await store.close(); // closing twice is harmless
      assert.equal(await codeOf(store.appendAudit([{ type: 'thaw', body: {} }])), 'E_STORE');
      const again = await reopen();
      assert.deepEqual([await again.getRequest('r1'), await again.getState('freeze'), await again.bumpCounter('c', 7, 1), await all(again)], [r, { frozen: true }, 4, before]);
      await again.appendAudit([{ type: 'thaw', body: {} }]);
      const after = await verifyStore(again);
      assert.deepEqual([after.ok, after.entries, (await again.readAudit(3, 1))[0]?.prev], [true, 3, before[1]!.hash]);
    },
  },
];
