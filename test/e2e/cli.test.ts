// The server-facing CLI verbs against a real server: requests, approve, reject, freeze, thaw,
// audit verify (via the server and offline), audit export and audit tail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, BIN, cli, makeTeam, serve } from './kit.js';

test('requests, approve, reject, freeze and thaw from the command line', async () => {
  const team = makeTeam();
  const srv = await serve(team);
  const t = (id: string): string => team.tokens.get(id)!;
  const as = (who: string) => ({ COUNTERSIGN_URL: srv.url, COUNTERSIGN_TOKEN: t(who) });
  try {
    const a = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action: { kind: 'sql', sql: 'DROP TABLE legacy' }, context: { cwd: team.prod } });
    const id = a.body.id as string;

    const list = cli(['requests', '--status', 'pending', '--json'], as('senior-b'));
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(JSON.parse(list.stdout).requests.map((r: { id: string; viewer: unknown }) => [r.id, r.viewer]), [[id, { canApprove: true }]]);
    const text = cli(['requests'], as('senior-a'));
    assert.match(text.stdout, new RegExp(`^${id}  pending .* 0/2 of \\[senior\\] \\(you cannot: E_OPERATOR_APPROVAL\\)$`, 'm'));

    const refused = cli(['approve', id, '--reason', 'my agent'], as('senior-a'));
    assert.deepEqual([refused.code, /\(E_OPERATOR_APPROVAL\)/.test(refused.stderr)], [1, true]);
    const noReason = cli(['approve', id], as('senior-b'));
    assert.deepEqual([noReason.code, /\(E_REASON_REQUIRED\)/.test(noReason.stderr)], [1, true]);
    const agentTry = cli(['approve', id, '--reason', 'x'], as('agent-1'));
    assert.deepEqual([agentTry.code, /\(E_AGENT_APPROVAL\)/.test(agentTry.stderr)], [1, true]);
    const one = cli(['approve', id, '--reason', 'checked'], as('senior-b'));
    assert.deepEqual([one.code, one.stdout], [0, `${id}: pending (1 of 2 approvals)\n`]);
    const two = cli(['approve', id, '--reason', 'checked too'], as('senior-c'));
    assert.deepEqual([two.code, two.stdout], [0, `${id}: approved\n`]);

    const b = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action: { kind: 'sql', sql: 'DROP TABLE other' }, context: { cwd: team.prod } });
    const rej = cli(['reject', b.body.id, '--reason', 'not now'], as('engineer'));
    assert.deepEqual([rej.code, rej.stdout], [0, `${b.body.id}: rejected\n`]);
    const missing = cli(['approve', 'req_nothing', '--reason', 'x'], as('senior-b'));
    assert.deepEqual([missing.code, /\(E_NOT_FOUND\)/.test(missing.stderr)], [1, true]);

    const notAdmin = cli(['freeze', '--reason', 'x'], as('senior-b'));
    assert.deepEqual([notAdmin.code, /\(E_FORBIDDEN\)/.test(notAdmin.stderr)], [1, true]);
    assert.deepEqual(cli(['freeze', '--reason', 'incident 42'], as('admin')).stdout, 'frozen by admin: every new action waits for a human\n');
    const held = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action: { kind: 'shell', command: 'ls' }, context: { cwd: team.staging } });
    assert.equal(held.body.status, 'pending');
    assert.deepEqual((await api(srv.url, t('engineer'), 'GET', '/v1/status')).body, { frozen: true, frozenBy: 'admin', frozenAt: (await api(srv.url, t('engineer'), 'GET', '/v1/status')).body.frozenAt, reason: 'incident 42' });
    assert.equal(cli(['thaw', '--reason', 'resolved'], as('admin')).stdout, 'thawed\n');
    const free = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action: { kind: 'shell', command: 'ls' }, context: { cwd: team.staging } });
    assert.equal(free.body.status, 'allowed');

    const down = cli(['requests'], { COUNTERSIGN_URL: 'http://127.0.0.1:1', COUNTERSIGN_TOKEN: t('admin') });
    assert.deepEqual([down.code, /\(E_UNAVAILABLE\)/.test(down.stderr)], [1, true]);
    const noToken = cli(['requests', '--url', srv.url], { COUNTERSIGN_TOKEN: '' });
    assert.deepEqual([noToken.code, /\(E_UNAUTHENTICATED\)/.test(noToken.stderr)], [1, true]);
    assert.equal(cli(['approve', 'a', 'b', '--reason', 'x'], as('admin')).code, 2);
  } finally {
    await srv.stop();
  }
});

test('audit verify, export and tail', async () => {
  const team = makeTeam();
  const srv = await serve(team);
  const t = (id: string): string => team.tokens.get(id)!;
  const as = { COUNTERSIGN_URL: srv.url, COUNTERSIGN_TOKEN: t('admin') };
  const tail = spawn(process.execPath, [BIN, 'audit', 'tail', '--from', '1'], { env: { ...process.env, ...as }, stdio: ['ignore', 'pipe', 'pipe'] });
  let tailed = '';
  tail.stdout!.on('data', (d) => (tailed += d));
  try {
    for (const sql of ['DROP TABLE a', 'SELECT 1']) await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action: { kind: 'sql', sql }, context: { cwd: team.prod } });
    const verify = cli(['audit', 'verify'], as);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /^ok: \d+ entries verify; head #\d+ [0-9a-f]{64}\n$/);

    const out = join(team.dir, 'export.jsonl');
    assert.equal(cli(['audit', 'export', '--out', out], as).code, 0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((e) => e.seq), lines.map((_, i) => i + 1));
    assert.deepEqual(lines.filter((e) => e.type.startsWith('action.')).map((e) => e.type), ['action.proposed', 'action.decided', 'action.proposed', 'action.decided']);

    // tail printed the history from seq 1 and follows what is appended now.
    await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action: { kind: 'sql', sql: 'SELECT 2' }, context: { cwd: team.prod } });
    for (const t0 = Date.now(); tailed.trim().split('\n').length < lines.length + 2 && Date.now() - t0 < 10_000; ) await new Promise((r) => setTimeout(r, 50));
    const seen = tailed.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(seen.map((e) => e.seq), seen.map((_, i) => i + 1));
    assert.equal(seen.length, lines.length + 2);
  } finally {
    tail.kill('SIGTERM');
    await srv.stop();
  }
  const offline = cli(['audit', 'verify', '--dir', team.dir, '--json']);
  assert.equal(offline.code, 0);
  assert.equal(JSON.parse(offline.stdout).ok, true);
  const exported = cli(['audit', 'export', '--dir', team.dir]);
  assert.equal(exported.stdout.trim().split('\n').length, JSON.parse(offline.stdout).entries);
});
