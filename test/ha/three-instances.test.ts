// Three real `countersign serve` processes on one PostgreSQL schema, 50 agents and 10 humans
// working through all of them at once; then everything stored is checked directly in the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { PG_URL, dropSchema, freshSchemaName } from '../../src/store/postgres/test-db.js';
import { api, makeHaTeam, serveOn, sleep, type Instance } from './kit.js';
import { readAll, runLoad, violations } from './load.js';

const LOAD_MS = Number(process.env['CS_HA_LOAD_MS'] ?? 12_000);

async function cluster(n: number): Promise<{ team: ReturnType<typeof makeHaTeam>; schema: string; db: string; instances: Instance[]; done(): Promise<void> }> {
  const team = makeHaTeam(50, 10);
  const schema = freshSchemaName('cs_ha');
  const db = `${PG_URL}?schema=${schema}`;
  const instances = await Promise.all(Array.from({ length: n }, () => serveOn(team, db)));
  return {
    team,
    schema,
    db,
    instances,
    async done() {
      await Promise.all(instances.map((i) => i.stop()));
      await dropSchema(schema);
      rmSync(team.dir, { recursive: true, force: true });
    },
  };
}

test('three instances under concurrent load: every request consistent, no approval used twice, the chain verifies', async () => {
  const c = await cluster(3);
  try {
    const urls = c.instances.map((i) => i.url);
    const load = await runLoad(c.team, () => urls, LOAD_MS);
    const stored = await readAll(PG_URL, c.schema);
    assert.deepEqual(violations(load, stored, c.team), []);
    const reuses = load.acks.filter((a) => a.kind === 'reuse').length;
    // The load did what it is meant to (decisions, approvals completed and used), and nothing was
    // refused for want of the store. (Counts are modest: CI machines are small and shared.)
    assert.ok(load.decisions > 50 && reuses > 0 && load.refused === 0, JSON.stringify({ decisions: load.decisions, reuses, refused: load.refused }));
    // Every instance agrees on the one chain.
    const heads = await Promise.all(urls.map(async (u) => (await api(u, c.team.humans[0]!.token, 'GET', '/v1/audit/verify')).body));
    assert.deepEqual(heads.map((h) => h.ok), [true, true, true]);
  } finally {
    await c.done();
  }
});

test('kill -9 of one instance mid-load: the others go on, nothing acknowledged is lost, the chain verifies', async () => {
  const c = await cluster(3);
  try {
    let urls = c.instances.map((i) => i.url);
    const victim = c.instances[2]!;
    let killedAt = 0;
    const killer = (async () => {
      await sleep(LOAD_MS / 2);
      await victim.kill9();
      killedAt = Date.now();
      urls = urls.filter((u) => u !== victim.url);
    })();
    const load = await runLoad(c.team, () => urls, LOAD_MS);
    await killer;
    const stored = await readAll(PG_URL, c.schema);
    assert.deepEqual(violations(load, stored, c.team), []);
    const after = load.acks.filter((a) => a.at > killedAt + 100);
    assert.deepEqual(
      c.instances.slice(0, 2).map((i) => after.filter((a) => a.via === i.url).length > 5),
      [true, true],
      'both survivors kept deciding after the kill',
    );
    assert.equal(victim.child.signalCode, 'SIGKILL');
  } finally {
    await c.done();
  }
});
