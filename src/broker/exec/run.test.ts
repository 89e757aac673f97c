// The execute side of the credential guard, on a real engine and SQLite store: a request that was
// merely allowed (nobody read it) does not run code with the credentials, even when it got past
// submission some other way (a configuration change since, an older Countersign); one that people
// approved does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kit } from '../../engine/test-kit.js';
import { startRun } from './run.js';
import { submitExec } from './submit.js';

const devTarget = (yaml: string): string =>
  yaml.replace(/^targets:\n/m, `targets:\n  - id: devdb\n    environment: dev\n    credentials:\n      env: {API_TOKEN: tok-0123456789}\n`);

async function refusal(p: Promise<unknown>): Promise<[string, boolean]> {
  try {
    await p;
    return ['ok', false];
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return [e.code ?? String(err), /without --target/.test(e.message ?? '')];
  }
}

test('an allowed request that runs interpreter code is refused at execute and at submit', async () => {
  const k = await kit({ edit: devTarget });
  const command = `python3 -c 'print(6*7)'`;
  const submitted = await k.engine.submit(k.agent, { action: { kind: 'shell', command, cwd: '/tmp' }, target: 'devdb', context: { cwd: '/tmp' } }, { bindTarget: 'devdb' });
  assert.equal(submitted.status, 'allowed');
  assert.deepEqual(await refusal(startRun(k.engine, k.agent, submitted.id, {})), ['E_FORBIDDEN', true]);
  assert.deepEqual(await refusal(submitExec(k.engine, k.agent, { target: 'devdb', command, cwd: '/tmp' })), ['E_FORBIDDEN', true]);
  // The refusal took nothing: the request is still allowed, not running.
  assert.equal((await k.engine.get(submitted.id))?.status, 'allowed');
});

test('an allowed command the classifier understands still runs', async () => {
  const k = await kit({ edit: devTarget });
  const a = await submitExec(k.engine, k.agent, { target: 'devdb', command: 'true', cwd: '/tmp' });
  assert.equal(a.status, 'allowed');
  const running = await startRun(k.engine, k.agent, a.id, {});
  const events: string[] = [];
  await running.run((e) => events.push(e.type), new AbortController().signal);
  assert.deepEqual(events, ['started', 'exit']);
});
