import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { kit, PROD } from '../engine/test-kit.js';
import type { Principal } from '../core/index.js';
import { startServer } from './index.js';
import { parseSubmit } from './validate.js';

/** A real server on port 0 over the engine kit; tokens are the principals' ids prefixed "tok-". */
async function up(staticDir?: string) {
  const k = await kit();
  const auth = (token: string): Principal | null => (token.startsWith('tok-') ? (k.engine.principal(token.slice(4)) ?? null) : null);
  const s = await startServer({ engine: k.engine, authenticate: auth, port: 0, ...(staticDir ? { staticDir } : {}) });
  return { k, s };
}

function raw(url: string, path: string, method = 'GET', token?: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path, method, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let b = '';
      res.on('data', (d) => (b += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: b, type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('static files: served from the directory, SPA fallback, never outside it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<html>app</html>');
  writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'cs-secret.txt'), 'secret');
  const { s } = await up(dir);
  try {
    assert.deepEqual(await raw(s.url, '/assets/a.js'), { status: 200, body: 'console.log(1)', type: 'text/javascript; charset=utf-8' });
    assert.equal((await raw(s.url, '/requests/req_1')).body, '<html>app</html>');
    for (const p of ['/../cs-secret.txt', '/%2e%2e/cs-secret.txt', '/..%2fcs-secret.txt', '/assets/..%2f..%2fcs-secret.txt', '/%E0%A4%A']) {
      assert.equal((await raw(s.url, p)).body, '<html>app</html>', p);
    }
  } finally {
    await s.close();
  }
});

test('routing: wrong method, unknown API path, HEAD', async () => {
  const { s } = await up();
  try {
    const wrong = await raw(s.url, '/v1/actions', 'GET', 'tok-agent-1');
    assert.deepEqual([wrong.status, JSON.parse(wrong.body).error.code], [400, 'E_BAD_INPUT']);
    const none = await raw(s.url, '/v1/nope', 'GET');
    assert.deepEqual([none.status, JSON.parse(none.body).error.code], [404, 'E_NOT_FOUND']);
    assert.deepEqual((await raw(s.url, '/healthz', 'HEAD')).status, 200);
  } finally {
    await s.close();
  }
});

test('agents page: recent requests, the rate this minute and the breaker', async () => {
  const { k, s } = await up();
  try {
    await k.engine.submit(k.agent, { action: { kind: 'sql', sql: 'DROP TABLE x' }, context: { cwd: PROD } });
    const r = JSON.parse((await raw(s.url, '/v1/agents', 'GET', 'tok-admin')).body);
    assert.deepEqual(
      r.agents.map((a: { id: string; operator: string; recent: unknown[]; ratePerMinute: number; breaker: unknown }) => [a.id, a.operator, a.recent.length, a.ratePerMinute, a.breaker]),
      [['agent-1', 'senior-a', 1, 1, { open: false }]],
    );
  } finally {
    await s.close();
  }
});

test('submit shapes: each kind with its own fields only', () => {
  assert.deepEqual(parseSubmit({ action: { kind: 'mcp', server: 'fs', tool: 'write_file', arguments: { path: '/x' } } }), {
    action: { kind: 'mcp', server: 'fs', tool: 'write_file', arguments: { path: '/x' } },
  });
  const codeOf = (b: unknown): string => {
    try {
      parseSubmit(b);
      return 'ok';
    } catch (e) {
      return (e as { code: string }).code;
    }
  };
  assert.deepEqual(
    [
      codeOf({ action: { kind: 'file', op: 'chmod', path: '/x' } }),
      codeOf({ action: { kind: 'terraform-plan' } }),
      codeOf({ action: { kind: 'mcp', server: 'fs', tool: 't', arguments: [1] } }),
      codeOf({ action: { kind: 'sql', sql: 'select 1', dialect: 3 } }),
      codeOf({ action: { kind: 'shell', command: 'ls' }, target: 7 }),
      codeOf({ action: { kind: 'shell', command: 'ls' }, context: { cwd: '/', session: 's', host: 'h' } }),
    ],
    ['E_BAD_INPUT', 'E_BAD_INPUT', 'E_BAD_INPUT', 'E_BAD_INPUT', 'E_BAD_INPUT', 'ok'],
  );
});
