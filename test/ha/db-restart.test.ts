// The database stops under load and comes back: while it is down every instance answers "not
// allowed" (E_STORE, 503) — even for an action a human already approved — and when it returns the
// same processes decide again, with nothing restarted. Runs on a throwaway cluster so stopping it
// disturbs no other suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { throwawayCluster } from './cluster.js';
import { api, makeHaTeam, serveOn, sleep, type Instance } from './kit.js';

type Seen = { sent: number; answered: number; status: number; verdict?: string; code?: string; via: string };

test('database down: every instance fails closed; database back: the same processes recover', async () => {
  const cluster = await throwawayCluster();
  const team = makeHaTeam(10, 2);
  const db = `${cluster.url}?schema=countersign`;
  let instances: Instance[] = [];
  let stopLoad = false;
  try {
    instances = await Promise.all([serveOn(team, db), serveOn(team, db)]);
    const [a, b] = instances as [Instance, Instance];
    const h1 = team.humans[0]!;
    const h2 = team.humans[1]!;
    // An approved, unused action: it must not slip through while the database is away.
    const agent0 = team.agents[0]!;
    const risky = { action: { kind: 'sql', sql: 'DROP TABLE approved_before_outage' }, context: { cwd: team.prod } };
    const p = await api(a.url, agent0.token, 'POST', '/v1/actions', risky);
    for (const h of [h1, h2]) await api(b.url, h.token, 'POST', `/v1/actions/${p.body.id}/approve`, { reason: 'ok' });

    const seen: Seen[] = [];
    const load = Promise.all(
      team.agents.slice(1).map(async (ag, k) => {
        for (let n = 0; !stopLoad; n++) {
          const via = instances[(k + n) % 2]!.url;
          const sent = Date.now();
          try {
            const r = await api(via, ag.token, 'POST', '/v1/actions', { action: { kind: 'shell', command: `ls ${n}` }, context: { cwd: team.staging } }, 20_000);
            seen.push({ sent, answered: Date.now(), status: r.status, verdict: r.body?.status, code: r.body?.error?.code, via });
          } catch {
            seen.push({ sent, answered: Date.now(), status: 0, via });
          }
          await sleep(10);
        }
      }),
    );
    await sleep(2000);
    cluster.stop();
    const down = Date.now();
    await sleep(3000);
    const whileDown = await api(a.url, agent0.token, 'POST', '/v1/actions', risky);
    const restartAt = Date.now();
    cluster.start();
    const up = Date.now();
    // Recovery: both instances decide again within 15 s of the database's return.
    const recovered = await Promise.all(
      instances.map(async (i) => {
        for (const t0 = Date.now(); Date.now() - t0 < 15_000; await sleep(100)) {
          if (seen.some((s) => s.via === i.url && s.sent > up && s.status === 200)) return true;
        }
        return false;
      }),
    );
    stopLoad = true;
    await load;

    const duringOutage = seen.filter((s) => s.sent > down && s.answered < restartAt);
    assert.ok(duringOutage.length > 20, `load kept coming during the outage (${duringOutage.length})`);
    assert.deepEqual(duringOutage.filter((s) => s.status === 200 || s.verdict === 'allowed'), [], 'nothing is allowed while the store is down');
    assert.deepEqual([...new Set(duringOutage.map((s) => `${s.status} ${s.code}`))], ['503 E_STORE']);
    assert.deepEqual([whileDown.status, whileDown.body.error?.code], [503, 'E_STORE']);
    assert.deepEqual(recovered, [true, true]);
    assert.deepEqual(instances.map((i) => i.child.exitCode), [null, null], 'no instance was restarted');
    // The approval survived the outage and is used exactly once now.
    const after = await api(b.url, agent0.token, 'POST', '/v1/actions', risky);
    assert.deepEqual([after.body.status, after.body.id], ['allowed', p.body.id]);
    // Cross-instance notifications are back too: a wait on A is released by approvals on B.
    const q = await api(a.url, agent0.token, 'POST', '/v1/actions', { ...risky, action: { kind: 'sql', sql: 'DROP TABLE after_outage' } });
    const waiting = api(a.url, agent0.token, 'GET', `/v1/actions/${q.body.id}?wait=20`);
    await sleep(100);
    for (const h of [h1, h2]) await api(b.url, h.token, 'POST', `/v1/actions/${q.body.id}/approve`, { reason: 'ok' });
    assert.equal((await waiting).body.status, 'approved');
    const v = await api(a.url, h1.token, 'GET', '/v1/audit/verify');
    assert.equal(v.body.ok, true);
  } finally {
    stopLoad = true;
    for (const i of instances) if (i.child.exitCode !== null) console.error(`instance exited ${i.child.exitCode}: ${i.stderr()}`);
    await Promise.all(instances.map((i) => i.stop()));
    cluster.destroy();
    rmSync(team.dir, { recursive: true, force: true });
  }
});
