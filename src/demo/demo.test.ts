// `countersign demo` as a newcomer runs it: the real command, its narration, approvals over HTTP
// from the printed tokens, the waiting agent released, Ctrl-C to stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../../bin/countersign', import.meta.url).pathname;

function until(read: () => string, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const t = setInterval(() => {
      const m = pattern.exec(read());
      if (m) {
        clearInterval(t);
        resolve(m);
      } else if (Date.now() - started > ms) {
        clearInterval(t);
        reject(new Error(`no ${pattern} within ${ms} ms in:\n${read()}`));
      }
    }, 20);
  });
}

test('demo: narrates the replay, holds the replacement for two seniors, releases the agent, stops on SIGINT', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [BIN, 'demo', '--port', '0', '--no-open', '--pace-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((ok) => child.once('exit', ok));
  try {
    const url = (await until(() => out, /Dashboard: (http:\/\/127\.0\.0\.1:\d+)/, 20_000))[1]!;
    const [, id] = await until(() => out, /long-polling GET \/v1\/actions\/(req_\w+)\?wait=300/, 20_000);
    const token = (who: string): string => new RegExp(`^  ${who} .* (cs_human_\\S+)$`, 'm').exec(out)![1]!;
    // The dashboard is served when it has been built; the request link opens the app.
    if (existsSync(new URL('../../../web/dist/index.html', import.meta.url))) {
      assert.match(await (await fetch(`${url}/requests/${id}`)).text(), /<div id="root"><\/div>/);
    }
    const lines = out.split('\n').filter((l) => l.includes('-> '));
    assert.deepEqual(
      lines.map((l) => /-> (\w+)/.exec(l)![1]),
      ['ALLOWED', 'ALLOWED', 'ALLOWED', 'ALLOWED', 'DENIED', 'PENDING'],
    );
    assert.match(out, /senior-a operates agent-1 and tried to approve: refused \(E_OPERATOR_APPROVAL\)/);
    assert.match(out, /prod-never-delete-environment: denied/);
    for (const who of ['senior-b', 'senior-c']) {
      const res = await fetch(`${url}/v1/actions/${id}/approve`, { method: 'POST', headers: { authorization: `Bearer ${token(who)}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: `${who}: snapshot checked` }) });
      assert.equal(res.status, 200, await res.text());
    }
    await until(() => out, /The agent was released: approved \(\d+ ms after the second approval\)/, 10_000);
    await until(() => out, /Audit chain: verifies \(\d+ entries/, 10_000);
    const after = out.split('The agent was released')[1]!;
    assert.deepEqual(
      after.split('\n').filter((l) => l.includes('-> ')).map((l) => /-> (\w+)/.exec(l)![1]),
      ['ALLOWED', 'PENDING'],
    );
    await until(() => out, /Still serving on/, 5000);
    child.kill('SIGINT');
    assert.equal(await exited, 0, err);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('demo: never overwrites an existing config; bad flags are usage errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-demo-dir-'));
  writeFileSync(join(dir, 'countersign.yaml'), 'version: 1\n');
  const r = spawnSync(process.execPath, [BIN, 'demo', '--dir', dir, '--port', '0', '--no-open'], { encoding: 'utf8' });
  assert.deepEqual([r.status, /already exists; give --dir an empty or new directory/.test(r.stderr)], [2, true]);
  const bad = spawnSync(process.execPath, [BIN, 'demo', '--port', 'eighty'], { encoding: 'utf8' });
  assert.deepEqual([bad.status, bad.stderr], [2, 'countersign demo: --port must be a whole number from 0 to 65535 (E_USAGE). See `countersign demo --help`.\n']);
});

test('demo: Ctrl-C while the agent waits stops at once (no long-poll holds the process)', { timeout: 30_000 }, async () => {
  const child = spawn(process.execPath, [BIN, 'demo', '--port', '0', '--no-open', '--pace-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((ok) => child.once('exit', ok));
  try {
    await until(() => out, /long-polling GET/, 20_000);
    const t0 = Date.now();
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
