import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../store/sqlite/index.js';
import { Tally } from './tally.js';

test('two tallies on one store learn each other\'s counts at each sync, and forget past windows', async () => {
  const store = await openSqliteStore({ path: ':memory:' });
  const a = new Tally(store);
  const b = new Tally(store);
  const now = 60_000 * 1000;
  assert.deepEqual([a.bump('rate:x', 60_000, now, 1), a.bump('rate:x', 60_000, now, 1), b.bump('rate:x', 60_000, now, 1)], [1, 2, 1]);
  await a.sync(now);
  await b.sync(now);
  await a.sync(now);
  assert.deepEqual([a.peek('rate:x', now), b.peek('rate:x', now)], [3, 3]);
  assert.equal(await store.bumpCounter('rate:x', 1000, 0), 3);
  // The next minute starts from zero; the old cell is dropped at the next sync.
  assert.equal(a.bump('rate:x', 60_000, now + 60_000, 1), 1);
  assert.equal(a.peek('rate:x', now + 60_000), 1);
  await store.close();
});

test('counts that could not be merged are kept and merged later', async () => {
  const store = await openSqliteStore({ path: ':memory:' });
  const t = new Tally(store);
  t.bump('k', 1000, 5000, 4);
  const real = store.bumpCounter.bind(store);
  store.bumpCounter = () => Promise.reject(new Error('disk full'));
  await t.sync(5000);
  assert.equal(t.peek('k', 5000), 4);
  store.bumpCounter = real;
  await t.sync(5000);
  assert.equal(await store.bumpCounter('k', 5, 0), 4);
  await store.close();
});
