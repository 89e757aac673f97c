import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cursor } from './index.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/hosts/cursor/${name}`, import.meta.url), 'utf8'));
const session = '8d2f6a10-3b4c-4d5e-8f90-112233445566';

test('cursor: beforeShellExecution uses the command and its own cwd', () => {
  assert.deepEqual(cursor.parse(fixture('before-shell.json')), {
    ok: true,
    call: { event: 'beforeShellExecution', tool: 'shell', context: { host: 'cursor', cwd: '/work/shop/deploy', session }, actions: [{ kind: 'shell', command: 'kubectl delete namespace payments', cwd: '/work/shop/deploy' }] },
  });
});

test('cursor: beforeMCPExecution takes tool_input as a JSON string or an object; the server is its command or url', () => {
  assert.deepEqual(cursor.parse(fixture('before-mcp-string.json')), {
    ok: true,
    call: {
      event: 'beforeMCPExecution',
      tool: 'run_query',
      context: { host: 'cursor', cwd: '/work/shop', session },
      actions: [{ kind: 'mcp', server: 'node ./tools/sql-mcp.js', tool: 'run_query', arguments: { statement: 'DROP SCHEMA billing CASCADE' } }],
    },
  });
  assert.deepEqual(cursor.parse(fixture('before-mcp-object.json')), {
    ok: true,
    call: {
      event: 'beforeMCPExecution',
      tool: 'list_buckets',
      context: { host: 'cursor', cwd: '/work/shop', session },
      actions: [{ kind: 'mcp', server: 'https://mcp.internal.example/storage', tool: 'list_buckets', arguments: { prefix: 'shop-' } }],
    },
  });
});

test('cursor: preToolUse Write resolves the path against the workspace root', () => {
  assert.deepEqual(cursor.parse(fixture('pretooluse-write.json')), {
    ok: true,
    call: { event: 'preToolUse', tool: 'Write', context: { host: 'cursor', cwd: '/work/shop', session }, actions: [{ kind: 'file', op: 'write', path: '/work/shop/.git/hooks/pre-push', content: '#!/bin/sh\nexit 0\n' }] },
  });
});

test('cursor: malformed input is refused', () => {
  const cases: [unknown, string][] = [
    ['text', 'E_BAD_INPUT'],
    [{ hook_event_name: 'beforeShellExecution' }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'beforeMCPExecution', tool_name: 'q', tool_input: '{not json', command: 'x' }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'beforeMCPExecution', tool_name: 'q', tool_input: '[1]', command: 'x' }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'beforeMCPExecution', tool_name: 'q', tool_input: {} }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'preToolUse', tool_name: 'Teleport', tool_input: {} }, 'E_UNSUPPORTED_KIND'],
    [{ hook_event_name: 'afterFileEdit', file_path: '/x' }, 'E_BAD_INPUT'],
  ];
  for (const [input, code] of cases) {
    const r = cursor.parse(input);
    assert.equal(!r.ok && r.code, code, JSON.stringify(input));
  }
});

test('cursor: renders permission JSON; deny also exits 2', () => {
  assert.deepEqual(cursor.render({ decision: 'allow', reason: 'ok' }, 'beforeShellExecution'), { stdout: '{"permission":"allow"}\n', stderr: '', exitCode: 0 });
  assert.deepEqual(cursor.render({ decision: 'ask', reason: 'confirm' }, 'beforeShellExecution'), {
    stdout: '{"permission":"ask","user_message":"confirm","agent_message":"confirm"}\n',
    stderr: '',
    exitCode: 0,
  });
  assert.deepEqual(cursor.render({ decision: 'deny', reason: 'request r9 waits; approve at http://x/requests/r9' }, 'beforeMCPExecution'), {
    stdout: '{"permission":"deny","user_message":"request r9 waits; approve at http://x/requests/r9","agent_message":"request r9 waits; approve at http://x/requests/r9"}\n',
    stderr: 'request r9 waits; approve at http://x/requests/r9\n',
    exitCode: 2,
  });
});
