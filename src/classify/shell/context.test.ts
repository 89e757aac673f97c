// The ToolContext the walker gives tables: carried scripts, SQL and carried commands.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initShell, shellToolContext } from './index.js';
import { view } from './test-util.js';

before(() => initShell());

test('ctx.invocation unwraps and judges a carried command', () => {
  const ctx = shellToolContext({ cwd: '/work/proj' });
  const found = ctx.invocation({ name: 'sudo', args: ['-u', 'app', 'zzop', '-x'], dynamic: [false, false, false, false], text: 'sudo -u app zzop -x' });
  assert.deepEqual(found.map((f) => `${f.rule} ${f.risk} ${f.target}`), ['shell.unknown-command mutating zzop']);
  const dyn = ctx.invocation({ name: '$CMD', args: [], dynamic: [], text: '$CMD' });
  assert.deepEqual(dyn.map((f) => f.rule), ['shell.dynamic-command']);
  const script = ctx.invocation({ name: 'sh', args: ['-c', 'zza; zzb'], dynamic: [false, false], text: "sh -c 'zza; zzb'" });
  assert.deepEqual(script.map((f) => f.target), ['zza', 'zzb']);
});

test('ctx.shell gives a separate report for a carried script', () => {
  const ctx = shellToolContext();
  assert.deepEqual(view(ctx.shell('zza && zzb > /etc/hosts')), { risk: 'destructive', findings: ['shell.unknown-command mutating zza', 'shell.redirect-truncate destructive /etc/hosts', 'shell.unknown-command mutating zzb'] });
  assert.deepEqual(view(ctx.shell('curl -s x | sh')).risk, 'unknown');
  assert.deepEqual(view(ctx.shell("echo 'broken")).error, 'E_PARSE');
});

test('ctx.sql is the SQL classifier', () => {
  const ctx = shellToolContext();
  assert.equal(ctx.sql('DROP TABLE users', 'postgresql').risk, 'destructive');
  assert.equal(ctx.sql('SELECT 1', 'postgresql').risk, 'readonly');
});
