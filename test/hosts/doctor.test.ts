// `countersign init <host>` then `countersign doctor` against the real server: every check passes,
// and the probe really goes through each configured hook. With the server down, doctor says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installHost } from '../../src/cli/commands/init-host.js';
import { HOSTS } from '../../src/adapters/types.js';
import { BIN } from './run-hook.js';
import { startTeam, type Team } from './team.js';

let team: Team;
before(async () => {
  team = await startTeam({ hookWaitSeconds: 1 });
});
after(async () => {
  await team?.stop();
});

function doctor(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: any; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'doctor', '--json', ...args], { env: { PATH: process.env['PATH'], ...env } as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, out: stdout ? JSON.parse(stdout) : undefined, stderr }));
  });
}

test('doctor: after init for every host (and the Claude http hook), every check passes through the real hooks', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-doctor-'));
  for (const host of HOSTS) {
    // Through the real CLI: `countersign init <host>` delegates to init-host.
    const out = execFileSync(process.execPath, [BIN, 'init', host, '--dir', dir, '--url', team.url, '--json'], { encoding: 'utf8' });
    assert.equal(JSON.parse(out).changed, true);
  }
  const r = await doctor(['--dir', dir], { COUNTERSIGN_TOKEN: team.token('agent-1') });
  const failed = (r.out.checks as { ok: boolean }[]).filter((c) => !c.ok);
  assert.deepEqual(failed, []);
  assert.equal(r.code, 0);
  const probes = (r.out.checks as { host: string; check: string; detail: string }[]).filter((c) => c.check === 'probe');
  assert.deepEqual(probes.map((p) => p.host), [...HOSTS]);
  for (const p of probes) assert.match(p.detail, /allowed `echo countersign-probe`: the hook is in the path/);

  execFileSync(process.execPath, [BIN, 'init', 'claude-code', '--kind', 'http', '--dir', dir, '--url', team.url]);
  const h = await doctor(['--dir', dir, '--host', 'claude-code'], { COUNTERSIGN_TOKEN: team.token('agent-1') });
  assert.equal(h.code, 0, JSON.stringify(h.out));
  assert.match(h.out.checks.find((c: { check: string }) => c.check === 'probe').detail, /^the http hook allowed/);
});

test('doctor: a wrong token, a missing config and a stopped server each fail with a fix', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-doctor-'));
  const none = await doctor(['--dir', dir], {});
  assert.equal(none.code, 1);
  assert.match(none.out.checks[0].fix, /countersign init <host>/);

  installHost('kiro', dir, { command: `${BIN} hook kiro --url ${team.url}`, url: team.url, kind: 'command', timeoutS: 60, agent: 'countersign' });
  const wrong = await doctor(['--dir', dir, '--host', 'kiro'], { COUNTERSIGN_TOKEN: 'cs_wrong' });
  assert.equal(wrong.code, 1);
  const token = wrong.out.checks.find((c: { check: string }) => c.check === 'token');
  assert.deepEqual(token, { host: 'kiro', check: 'token', ok: false, detail: 'the server answered HTTP 401 E_UNAUTHENTICATED', fix: "Use this agent's token (an agent token, not a human's)." });
  const probe = wrong.out.checks.find((c: { check: string }) => c.check === 'probe');
  assert.equal(probe.ok, false);
  assert.match(probe.detail, /is in the path but failed closed: Countersign blocked this action \(E_UNAUTHENTICATED\)/);

  const down = await doctor(['--dir', dir, '--host', 'kiro', '--url', 'http://127.0.0.1:9'], { COUNTERSIGN_TOKEN: team.token('agent-1') });
  assert.equal(down.code, 1);
  assert.deepEqual(down.out.checks.find((c: { check: string }) => c.check === 'server'), {
    host: 'kiro',
    check: 'server',
    ok: false,
    detail: 'http://127.0.0.1:9 is not reachable',
    fix: 'Start it with `countersign serve`, or set COUNTERSIGN_URL / --url to where it runs.',
  });
});
