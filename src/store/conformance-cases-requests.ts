// Conformance cases: requests, compare-and-set, races and approvals lookup.
import assert from 'node:assert/strict';
import type { AuditEntry, Human, RequestRecord } from '../core/index.js';
import { reduce } from '../approvals/index.js';
import type { ConformanceCase } from './conformance.js';
import { T0, codeOf, record } from './conformance-fixtures.js';

const sam: Human = { kind: 'human', id: 'sam', roles: ['senior'] };
const sue: Human = { kind: 'human', id: 'sue', roles: ['senior'] };

const shape = (es: AuditEntry[]) => es.map((e) => ({ seq: e.seq, type: e.type, body: e.body }));

export const REQUEST_CASES: ConformanceCase[] = [
  {
    name: 'insert then get returns the same record, with its audit entries',
    async run({ store }) {
      const r = record('r1');
      const entries = await store.insertRequest(r, [{ type: 'action.proposed', body: { request: 'r1' } }, { type: 'action.decided', body: { request: 'r1', verdict: 'approve' } }]);
      assert.deepEqual(shape(entries), [
        { seq: 1, type: 'action.proposed', body: { request: 'r1' } },
        { seq: 2, type: 'action.decided', body: { request: 'r1', verdict: 'approve' } },
      ]);
      assert.deepEqual(await store.getRequest('r1'), r);
      assert.equal(await store.getRequest('nope'), null);
      assert.deepEqual(await store.readAudit(1, 10), entries);
    },
  },
  {
    name: 'a duplicate id is E_CONFLICT and appends nothing',
    async run({ store }) {
      await store.insertRequest(record('r1'), [{ type: 'action.proposed', body: {} }]);
      assert.equal(await codeOf(store.insertRequest(record('r1', { agentId: 'other' }), [{ type: 'action.proposed', body: { dup: true } }])), 'E_CONFLICT');
      assert.deepEqual([(await store.getRequest('r1'))?.agentId, (await store.auditHead())?.seq], ['agent-a', 1]);
    },
  },
  {
    name: 'list filters by status, agent, target and since; newest first; limit',
    async run({ store }) {
      const rows: RequestRecord[] = [
        record('a', { createdAt: T0 + 1, status: 'pending' }),
        record('b', { createdAt: T0 + 2, status: 'approved', agentId: 'agent-b' }),
        record('c', { createdAt: T0 + 3, status: 'denied', targetId: null }),
        record('d', { createdAt: T0 + 4, status: 'pending', targetId: 'stage-db' }),
        record('e', { createdAt: T0 + 5, status: 'used', agentId: 'agent-b' }),
      ];
      for (const r of rows) await store.insertRequest(r, []);
      const ids = async (f: Parameters<typeof store.listRequests>[0]) => (await store.listRequests(f)).map((r) => r.id);
      const cases: [Parameters<typeof store.listRequests>[0], string[]][] = [
        [{}, ['e', 'd', 'c', 'b', 'a']],
        [{ status: ['pending'] }, ['d', 'a']],
        [{ status: ['approved', 'used'] }, ['e', 'b']],
        [{ status: [] }, ['e', 'd', 'c', 'b', 'a']],
        [{ agentId: 'agent-b' }, ['e', 'b']],
        [{ targetId: 'stage-db' }, ['d']],
        [{ since: T0 + 3 }, ['e', 'd', 'c']],
        [{ limit: 2 }, ['e', 'd']],
        [{ limit: 0 }, []],
        [{ status: ['pending'], agentId: 'agent-a', targetId: 'prod-db', since: T0 }, ['a']],
        [{ agentId: 'nobody' }, []],
      ];
      const got: string[][] = [];
      for (const [f] of cases) got.push(await ids(f));
      assert.deepEqual(got, cases.map((c) => c[1]));
      assert.deepEqual((await store.listRequests({ agentId: 'agent-b' }))[1], rows[1]);
    },
  },
  {
    name: 'update is compare-and-set on version',
    async run({ store }) {
      const r = record('r1');
      await store.insertRequest(r, []);
      const v2 = { ...r, status: 'rejected' as const, version: 2 };
      assert.deepEqual(shape(await store.updateRequest(v2, 1, [{ type: 'request.rejected', body: { request: 'r1' } }])), [{ seq: 1, type: 'request.rejected', body: { request: 'r1' } }]);
      assert.deepEqual(await store.getRequest('r1'), v2);
      const results = [
        await codeOf(store.updateRequest({ ...r, status: 'approved', version: 2 }, 1, [{ type: 'request.approved', body: {} }])),
        await codeOf(store.updateRequest(record('ghost', { version: 2 }), 1, [{ type: 'x', body: {} }])),
        await codeOf(store.updateRequest({ ...v2, version: 2 }, 2, [])),
      ];
      assert.deepEqual(results, ['E_CONFLICT', 'E_NOT_FOUND', 'E_INTERNAL']);
      assert.deepEqual([await store.getRequest('r1'), (await store.auditHead())?.seq], [v2, 1]);
    },
  },
  {
    name: 'two approvals racing on one version: exactly one wins, the other is E_CONFLICT',
    async run({ store }) {
      const r = record('r1');
      await store.insertRequest(r, []);
      const tries = [sam, sue].map((by) => {
        const step = reduce(r, { type: 'approve', by, reason: `${by.id} ok` }, { now: T0 + 10 });
        assert.ok(step.ok);
        return store.updateRequest(step.req, r.version, step.audit);
      });
      const codes = await Promise.all(tries.map(codeOf));
      assert.deepEqual([...codes].sort(), ['E_CONFLICT', 'ok']);
      const stored = await store.getRequest('r1');
      const winner = codes[0] === 'ok' ? 'sam' : 'sue';
      assert.deepEqual(stored?.approvals.map((a) => a.by), [winner]);
      assert.deepEqual((await store.readAudit(1, 10)).map((e) => [e.type, e.body.by]), [['request.approved', winner]]);
    },
  },
  {
    name: 'twenty concurrent writers on one version: one winner, nineteen conflicts, one audit entry',
    async run({ store }) {
      const r = record('r1', { decision: { ...record('x').decision, approval: { count: 1, roles: [], ttlSeconds: 60 } } });
      await store.insertRequest(r, []);
      const people: Human[] = Array.from({ length: 20 }, (_, i) => ({ kind: 'human', id: `h${i}`, roles: [] }));
      const codes = await Promise.all(people.map((by) => {
        const step = reduce(r, { type: 'approve', by, reason: 'ok' }, { now: T0 + 1 });
        return step.ok ? codeOf(store.updateRequest(step.req, 1, step.audit)) : Promise.resolve(step.error.code);
      }));
      assert.deepEqual([codes.filter((c) => c === 'ok').length, codes.filter((c) => c === 'E_CONFLICT').length], [1, 19]);
      const stored = await store.getRequest('r1');
      assert.deepEqual([stored?.status, stored?.version, stored?.approvals.length, (await store.auditHead())?.seq], ['approved', 2, 1, 1]);
    },
  },
  {
    name: 'findApproved: only approved, unused, unexpired, same agent and digest; newest first',
    async run({ store }) {
      const d = 'c'.repeat(64);
      const rows = [
        record('old', { status: 'approved', digest: d, createdAt: T0 + 1, expiresAt: T0 + 10_000 }),
        record('new', { status: 'approved', digest: d, createdAt: T0 + 2, expiresAt: T0 + 10_000 }),
        record('used', { status: 'used', digest: d, createdAt: T0 + 3, expiresAt: T0 + 10_000 }),
        record('pending', { status: 'pending', digest: d, createdAt: T0 + 4, expiresAt: T0 + 10_000 }),
        record('expiring', { status: 'approved', digest: d, createdAt: T0 + 5, expiresAt: T0 + 5_000 }),
        record('other-agent', { status: 'approved', digest: d, agentId: 'agent-z', createdAt: T0 + 6, expiresAt: T0 + 10_000 }),
        record('other-digest', { status: 'approved', digest: 'e'.repeat(64), createdAt: T0 + 7, expiresAt: T0 + 10_000 }),
        record('no-deadline', { status: 'approved', digest: 'f'.repeat(64), createdAt: T0 + 8, expiresAt: undefined }),
      ];
      for (const r of rows) await store.insertRequest(r, []);
      const at = async (agent: string, digest: string, now: number) => (await store.findApproved(agent, digest, now))?.id ?? null;
      assert.deepEqual(
        [await at('agent-a', d, T0 + 4_999), await at('agent-a', d, T0 + 5_000), await at('agent-a', d, T0 + 10_000), await at('agent-z', d, T0), await at('agent-a', 'e'.repeat(64), T0), await at('agent-a', 'f'.repeat(64), T0), await at('agent-q', d, T0)],
        ['expiring', 'new', null, 'other-agent', 'other-digest', null, null],
      );
      assert.deepEqual(await store.findApproved('agent-a', d, T0 + 5_000), rows[1]);
    },
  },
];
