// Every failure path of the real `bin/countersign hook <host>` process answers the host's deny:
// server down, server silent, a non-JSON answer, an error answer, no token, malformed stdin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureText as fixture, runHook, type HookRun } from './run-hook.js';

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function closedPort(): Promise<string> {
  const { server, url } = await listen(() => {});
  await new Promise((ok) => server.close(ok));
  return url;
}

const SAMPLES: Record<string, string> = {
  'claude-code': fixture('claude-code/pretooluse-bash.json'),
  cursor: fixture('cursor/before-shell.json'),
  gemini: fixture('gemini/beforetool-shell.json'),
  codex: fixture('codex/pretooluse-bash.json'),
  kiro: fixture('kiro/pretooluse-bash.json'),
};

/** What "blocked" looks like in each host's protocol. */
function assertDenied(host: string, r: HookRun, code: string): void {
  assert.equal(r.code, 2, `${host}: exit ${r.code}\n${r.stderr}`);
  assert.match(r.stderr, new RegExp(`Countersign blocked this action \\(${code}\\)`), host);
  const out = r.stdout.trim() ? JSON.parse(r.stdout) : undefined;
  if (host === 'claude-code') assert.deepEqual(out, { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: r.stderr.trim() } });
  if (host === 'codex') assert.deepEqual(out, { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: r.stderr.trim() } });
  if (host === 'cursor') assert.deepEqual(out, { permission: 'deny', user_message: r.stderr.trim(), agent_message: r.stderr.trim() });
  if (host === 'gemini') assert.deepEqual(out, { decision: 'deny', reason: r.stderr.trim(), systemMessage: 'Countersign blocked this tool call.' });
  if (host === 'kiro') assert.equal(out, undefined);
}

test('hook: server unreachable -> deny in every host protocol (E_UNAVAILABLE)', async () => {
  const url = await closedPort();
  for (const [host, input] of Object.entries(SAMPLES)) {
    assertDenied(host, await runHook(host, input, { COUNTERSIGN_URL: url, COUNTERSIGN_TOKEN: 't' }), 'E_UNAVAILABLE');
  }
});

test('hook: a server that never answers -> deny after the call timeout (E_TIMEOUT)', async () => {
  const held: import('node:http').ServerResponse[] = [];
  const { server, url } = await listen((_req, res) => void held.push(res));
  try {
    const hosts = Object.keys(SAMPLES);
    const runs = await Promise.all(hosts.map((h) => runHook(h, SAMPLES[h]!, { COUNTERSIGN_URL: url, COUNTERSIGN_TOKEN: 't', COUNTERSIGN_HOOK_TIMEOUT: '1' })));
    runs.forEach((r, i) => {
      assertDenied(hosts[i]!, r, 'E_TIMEOUT');
      assert.ok(r.ms < 8000, `took ${r.ms} ms`);
    });
  } finally {
    held.forEach((res) => res.destroy());
    server.close();
  }
});

test('hook: a non-JSON or malformed answer -> deny (E_INTERNAL); an error answer keeps its code', async () => {
  let body = '<html>proxy login</html>';
  let status = 200;
  const { server, url } = await listen((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  try {
    for (const host of Object.keys(SAMPLES)) assertDenied(host, await runHook(host, SAMPLES[host]!, { COUNTERSIGN_URL: url, COUNTERSIGN_TOKEN: 't' }), 'E_INTERNAL');
    body = '{"status":"allowed"}'; // no id: not a Countersign answer, never read as allowed
    assertDenied('kiro', await runHook('kiro', SAMPLES['kiro']!, { COUNTERSIGN_URL: url, COUNTERSIGN_TOKEN: 't' }), 'E_INTERNAL');
    status = 503;
    body = '{"error":{"code":"E_FROZEN","message":"Countersign is frozen by alice: incident 42."}}';
    const r = await runHook('gemini', SAMPLES['gemini']!, { COUNTERSIGN_URL: url, COUNTERSIGN_TOKEN: 't' });
    assertDenied('gemini', r, 'E_FROZEN');
    assert.match(r.stderr, /frozen by alice: incident 42/);
  } finally {
    server.close();
  }
});

test('hook: no token -> deny (E_UNAUTHENTICATED) without contacting the server', async () => {
  const url = await closedPort();
  for (const host of ['claude-code', 'codex']) assertDenied(host, await runHook(host, SAMPLES[host]!, { COUNTERSIGN_URL: url }), 'E_UNAUTHENTICATED');
});

test('hook: malformed stdin -> deny in every host protocol', async () => {
  const url = await closedPort();
  const env = { COUNTERSIGN_URL: url, COUNTERSIGN_TOKEN: 't' };
  for (const host of Object.keys(SAMPLES)) {
    assertDenied(host, await runHook(host, '{"tool_name": "Bash", ', env), 'E_BAD_JSON');
    assertDenied(host, await runHook(host, '', env), 'E_EMPTY_INPUT');
    assertDenied(host, await runHook(host, '[]', env), 'E_BAD_INPUT');
  }
});

test('hook: an unknown host name is a usage error with exit 2', async () => {
  const r = await runHook('vscode', '{}', {});
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown host "vscode" \(E_USAGE\)/);
});
