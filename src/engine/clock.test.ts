import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monotonic, randomIds } from './clock.js';

test('the engine clock never goes backwards', () => {
  const wall = { t: 1000, now() { return this.t; } };
  const c = monotonic(wall);
  const seen = [c.now()];
  wall.t = 500; // the wall clock jumps back
  seen.push(c.now());
  wall.t = 1200;
  seen.push(c.now());
  assert.deepEqual(seen, [1000, 1000, 1200]);
});

test('ids are unique, prefixed, and sort by creation time', () => {
  const wall = { t: 1_800_000_000_000, now() { return this.t; } };
  const ids = randomIds(wall);
  const made: string[] = [];
  for (let i = 0; i < 5000; i++) {
    if (i % 100 === 0) wall.t += 1;
    made.push(ids.next('req'));
  }
  assert.equal(new Set(made).size, 5000);
  assert.ok(made.every((id) => /^req_[0-9a-hjkmnp-tv-z]{26}$/.test(id)));
  const times = made.map((id) => id.slice(4, 14));
  assert.deepEqual([...times].sort(), times);
});
