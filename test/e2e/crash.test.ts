// kill -9 of the server under load: every decision that was acknowledged (an HTTP answer reached
// the client) is still there after a restart, in the state it was acknowledged in, and the audit
// chain verifies. (Writes are acknowledged only after their group commit is durable.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, makeTeam, serve } from './kit.js';

const LIMITS = 'limits:\n  rate_per_minute: 0\n  breaker: {repeats: 0, window_seconds: 60, pause_seconds: 1}\n  destructive_per_hour: 0\n';

for (const mode of [[], ['--store-thread']]) test(`kill -9 under load loses no acknowledged decision and leaves a chain that verifies (${mode.join(' ') || 'writes on the serving thread'})`, async () => {
  const team = makeTeam((y) => y.replace(/\nlimits:[\s\S]*$/, '\n' + LIMITS));
  const t = (id: string): string => team.tokens.get(id)!;
  let srv = await serve(team, mode);
  const acked = new Map<string, string>(); // request id -> status acknowledged to a client
  let stop = false;
  let n = 0;
  const worker = async (w: number): Promise<void> => {
    while (!stop) {
      const i = n++;
      try {
        const prod = i % 3 === 0;
        const a = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', {
          action: { kind: 'shell', command: prod ? `rm -rf build-${w}-${i}` : `ls -la dir-${w}-${i}` },
          context: { cwd: prod ? team.prod : team.staging },
        });
        if (a.status !== 200) continue;
        acked.set(a.body.id, a.body.status);
        if (a.body.status === 'pending') {
          const r = await api(srv.url, t('engineer'), 'POST', `/v1/actions/${a.body.id}/reject`, { reason: 'crash test' });
          if (r.status === 200) acked.set(a.body.id, 'rejected');
        }
      } catch {
        // the connection died with the server: nothing was acknowledged
      }
    }
  };
  const workers = Array.from({ length: 16 }, (_, w) => worker(w));
  // Kill it mid-stream once enough has been acknowledged (the machine may be slow: wait up to 15 s).
  for (const start = Date.now(); acked.size < 200 && Date.now() - start < 15_000; ) await new Promise((r) => setTimeout(r, 50));
  await srv.kill9();
  stop = true;
  await Promise.all(workers);
  assert.ok(acked.size > 20, `load reached the server (${acked.size} acknowledged)`);

  srv = await serve(team, mode);
  try {
    const missing: string[] = [];
    const wrong: string[] = [];
    for (const [id, status] of acked) {
      const v = await api(srv.url, t('admin'), 'GET', `/v1/actions/${id}`);
      if (v.status !== 200) missing.push(id);
      // A request acknowledged as pending may since have been rejected by a write the client never
      // saw acknowledged; anything else must be exactly as acknowledged.
      else if (v.body.status !== status && !(status === 'pending' && v.body.status === 'rejected')) wrong.push(`${id}: ${status} -> ${v.body.status}`);
    }
    assert.deepEqual({ missing, wrong }, { missing: [], wrong: [] });
    const verify = await api(srv.url, t('admin'), 'GET', '/v1/audit/verify');
    assert.deepEqual([verify.body.ok, verify.body.broken], [true, undefined]);
    const decided = new Set<string>();
    for (let from = 1; ; ) {
      const page = await api(srv.url, t('admin'), 'GET', `/v1/audit?from=${from}&limit=1000`);
      for (const e of page.body.entries) if (e.type === 'action.decided') decided.add(e.body.request);
      if (page.body.entries.length < 1000) break;
      from = page.body.entries[page.body.entries.length - 1].seq + 1;
    }
    assert.deepEqual([...acked.keys()].filter((id) => !decided.has(id)), []);
  } finally {
    await srv.stop();
  }
});
