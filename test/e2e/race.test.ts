// Concurrency on a real server: approvals arriving at the same instant, identical submissions
// racing for one approval, and a long-poll woken by a decision (with the SSE stream telling).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, makeTeam, serve } from './kit.js';

test('two concurrent approvals both count; racing identical submissions get the approval exactly once', async () => {
  const team = makeTeam();
  const srv = await serve(team);
  const t = (id: string): string => team.tokens.get(id)!;
  try {
    for (let round = 0; round < 5; round++) {
      const action = { kind: 'sql', sql: `DROP TABLE race_${round}` };
      const a = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action, context: { cwd: team.prod } });
      const id = a.body.id as string;
      const both = await Promise.all(['senior-b', 'senior-c'].map((who) => api(srv.url, t(who), 'POST', `/v1/actions/${id}/approve`, { reason: who })));
      assert.deepEqual(both.map((r) => r.status), [200, 200]);
      assert.deepEqual(both.map((r) => r.body.status).sort(), ['approved', 'pending']);
      const view = await api(srv.url, t('admin'), 'GET', `/v1/actions/${id}`);
      assert.deepEqual([view.body.status, view.body.approvals.map((x: { by: string }) => x.by).sort()], ['approved', ['senior-b', 'senior-c']]);

      // The same person twice at once: one counts, the other is refused.
      const b = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action: { kind: 'sql', sql: `DROP TABLE twice_${round}` }, context: { cwd: team.prod } });
      const twice = await Promise.all([1, 2].map(() => api(srv.url, t('senior-b'), 'POST', `/v1/actions/${b.body.id}/approve`, { reason: 'me' })));
      assert.deepEqual(twice.map((r) => r.status).sort(), [200, 409]);
      assert.deepEqual(twice.map((r) => r.body.error?.code).filter(Boolean), ['E_ALREADY_APPROVED']);

      const race = await Promise.all([1, 2, 3, 4, 5, 6].map(() => api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action, context: { cwd: team.prod } })));
      assert.deepEqual(race.filter((r) => r.body.status === 'allowed').map((r) => r.body.id), [id]);
      assert.equal(race.filter((r) => r.body.status === 'pending').length, 5);
    }
    const v = await api(srv.url, t('admin'), 'GET', '/v1/audit/verify');
    assert.equal(v.body.ok, true);
  } finally {
    await srv.stop();
  }
});

test('?wait= returns as soon as a human decides, and the event stream reports the change', async () => {
  const team = makeTeam();
  const srv = await serve(team);
  const t = (id: string): string => team.tokens.get(id)!;
  const ac = new AbortController();
  try {
    const events: string[] = [];
    const res = await fetch(`${srv.url}/v1/events?token=${t('engineer')}`, { signal: ac.signal });
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = res.body!.getReader();
    void (async () => {
      const dec = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        for (const m of dec.decode(value).matchAll(/^event: (\w+)\ndata: (.*)$/gm)) events.push(`${m[1]} ${JSON.parse(m[2]!).status ?? JSON.parse(m[2]!).type ?? ''}`);
      }
    })();
    const a = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action: { kind: 'sql', sql: 'DROP TABLE waiting' }, context: { cwd: team.prod } });
    const started = Date.now();
    const waiting = api(srv.url, t('agent-1'), 'GET', `/v1/actions/${a.body.id}?wait=30`);
    await new Promise((r) => setTimeout(r, 300));
    await api(srv.url, t('engineer'), 'POST', `/v1/actions/${a.body.id}/reject`, { reason: 'not today' });
    const w = await waiting;
    assert.equal(w.body.status, 'rejected');
    assert.ok(Date.now() - started < 15_000, 'woken by the decision, not by the 30 s timeout');
    assert.equal(w.body.viewer, undefined);
    for (const t0 = Date.now(); !events.includes('request rejected') && Date.now() - t0 < 10_000; ) await new Promise((r) => setTimeout(r, 50));
    for (const t0 = Date.now(); !events.includes('audit request.rejected') && Date.now() - t0 < 10_000; ) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(events.filter((e) => e.startsWith('request')), ['request pending', 'request rejected']);
    assert.ok(events.includes('audit request.rejected'));
    assert.equal(events[0], 'status '); // the freeze state comes first, on connect
  } finally {
    ac.abort();
    await srv.stop();
  }
});
