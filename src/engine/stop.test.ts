// A stopped engine answers its open long-polls at once (still pending), so a server shutting down
// is not held open by an agent's wait for up to five minutes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kit, PROD } from './test-kit.js';

test('stop() answers every open wait with the request as it stands', async () => {
  const k = await kit();
  const a = await k.engine.submit(k.agent, { action: { kind: 'sql', sql: 'DROP TABLE held' }, context: { cwd: PROD } });
  const waits = [k.engine.wait(a.id, 120_000), k.engine.wait(a.id, 120_000)];
  const t0 = Date.now();
  setTimeout(() => k.engine.stop(), 20);
  const answers = await Promise.all(waits);
  assert.deepEqual(answers.map((o) => o.status), ['pending', 'pending']);
  assert.ok(Date.now() - t0 < 60_000, 'the waits were answered by stop(), not by their own timeout');
});
