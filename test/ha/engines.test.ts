// Two engines, each with its own PostgreSQL store on one schema — two server instances without the
// HTTP in between — checking what the issue says must hold across instances: an approval executed
// or used once, the freeze switch, the breaker and the rate limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Agent, Human } from '../../src/core/index.js';
import { initClassifier } from '../../src/classify/index.js';
import { parseConfig, starterConfig } from '../../src/config/index.js';
import { createEngine, type Engine, type EngineEvent } from '../../src/engine/index.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/index.js';
import { PG_URL, dropSchema, freshSchemaName } from '../../src/store/postgres/test-db.js';
import { sleep } from './kit.js';

const DIR = '/srv/countersign-ha';
const PROD = `${DIR}/workspaces/prod`;
const STAGING = `${DIR}/workspaces/staging`;

type Pair = { a: Engine; b: Engine; agent: Agent; human(id: string): Human; done(): Promise<void> };

async function pair(limits = '  rate_per_minute: 0\n  breaker: {repeats: 0, window_seconds: 60, pause_seconds: 300}\n  destructive_per_hour: 0'): Promise<Pair> {
  await initClassifier();
  const yaml = starterConfig({ dir: DIR, tokens: (k) => `cs_${k}_ha_${Math.random().toString(36).slice(2)}xxxxxxxx` }).yaml.replace(/\nlimits:[\s\S]*$/, `\nlimits:\n${limits}\n`);
  const config = parseConfig(yaml, '<test>');
  const schema = freshSchemaName('cs_eng');
  const stores: PostgresStore[] = [await openPostgresStore({ url: PG_URL, schema }), await openPostgresStore({ url: PG_URL, schema })];
  const [a, b] = stores.map((store) => createEngine({ config, store, publicUrl: 'http://cs.test', sweepMs: 0 })) as [Engine, Engine];
  return {
    a,
    b,
    agent: a.agents()[0]!,
    human: (id) => a.principal(id) as Human,
    async done() {
      for (const s of stores) await s.close();
      await dropSchema(schema);
    },
  };
}

async function approved(p: Pair, sql: string): Promise<string> {
  const sub = await p.a.submit(p.agent, { action: { kind: 'sql', sql }, context: { cwd: PROD } });
  assert.equal(sub.status, 'pending');
  await p.b.approve(p.human('senior-b'), sub.id, 'ok');
  await p.a.approve(p.human('senior-c'), sub.id, 'ok');
  return sub.id;
}

test('an approved request starts executing once, and is used once, whichever instances race for it', async () => {
  const p = await pair();
  try {
    for (let i = 0; i < 8; i++) {
      const id = await approved(p, `DROP TABLE exec_${i}`);
      const codes = await Promise.all([p.a, p.b, p.a, p.b].map((e) => e.startExecution(id).then(() => 'ok', (err) => err.code as string)));
      assert.deepEqual([...codes].sort(), ['E_NOT_PENDING', 'E_NOT_PENDING', 'E_NOT_PENDING', 'ok']);
    }
    for (let i = 0; i < 8; i++) {
      const sql = `DROP TABLE use_${i}`;
      const id = await approved(p, sql);
      const answers = await Promise.all([p.a, p.b, p.a, p.b].map((e) => e.submit(p.agent, { action: { kind: 'sql', sql }, context: { cwd: PROD } })));
      assert.deepEqual(answers.filter((x) => x.status === 'allowed').map((x) => x.id), [id]);
    }
    assert.equal((await p.b.verifyAudit()).ok, true);
  } finally {
    await p.done();
  }
});

test('a freeze on one instance holds on the other, whose event stream hears of it', async () => {
  const p = await pair();
  try {
    const heard: EngineEvent[] = [];
    p.b.subscribe((e) => e.type === 'status' && heard.push(e));
    await p.a.freeze(p.human('admin'), 'incident 42');
    const frozen = await p.b.submit(p.agent, { action: { kind: 'shell', command: 'ls' }, context: { cwd: STAGING } });
    assert.deepEqual([frozen.status, (await p.b.status()).frozen], ['pending', true]);
    for (const t0 = Date.now(); heard.length === 0 && Date.now() - t0 < 2000; ) await sleep(10);
    assert.deepEqual(heard.map((e) => e.type === 'status' && e.status.frozen), [true]);
    await p.b.thaw(p.human('admin'), 'over');
    assert.equal((await p.a.submit(p.agent, { action: { kind: 'shell', command: 'ls' }, context: { cwd: STAGING } })).status, 'allowed');
  } finally {
    await p.done();
  }
});

test('a breaker tripped on one instance stops the agent on the other; rate counts add up across instances', async () => {
  const p = await pair('  rate_per_minute: 10\n  breaker: {repeats: 3, window_seconds: 60, pause_seconds: 300}\n  destructive_per_hour: 0');
  const code = (e: Engine, command: string) => e.submit(p.agent, { action: { kind: 'shell', command }, context: { cwd: STAGING } }).then((x) => x.status as string, (err) => err.code as string);
  try {
    const onA: string[] = [];
    for (let i = 0; i < 6; i++) onA.push(await code(p.a, `ls ${i}`));
    await p.a.syncLimits();
    const onB: string[] = [];
    for (let i = 0; i < 4; i++) onB.push(await code(p.b, `ls b${i}`));
    await p.b.syncLimits();
    onB.push(await code(p.b, 'ls one-too-many'));
    assert.deepEqual([onA, onB], [Array(6).fill('allowed'), [...Array(4).fill('allowed'), 'E_RATE_LIMITED']]);
  } finally {
    await p.done();
  }
  const q = await pair('  rate_per_minute: 0\n  breaker: {repeats: 3, window_seconds: 60, pause_seconds: 300}\n  destructive_per_hour: 0');
  try {
    const same: string[] = [];
    for (let i = 0; i < 4; i++) same.push(await q.a.submit(q.agent, { action: { kind: 'shell', command: 'make retry' }, context: { cwd: STAGING } }).then((x) => x.status as string, (err) => err.code as string));
    const elsewhere = await q.b.submit(q.agent, { action: { kind: 'shell', command: 'ls' }, context: { cwd: STAGING } }).then((x) => x.status as string, (err) => err.code as string);
    assert.deepEqual([same, elsewhere], [['allowed', 'allowed', 'allowed', 'E_BREAKER_OPEN'], 'E_BREAKER_OPEN']);
  } finally {
    await q.done();
  }
});
