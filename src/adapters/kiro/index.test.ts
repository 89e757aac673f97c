import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { kiro } from './index.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/hosts/kiro/${name}`, import.meta.url), 'utf8'));
const ctx = { host: 'kiro', cwd: '/work/shop' };

test('kiro: execute_bash and fs_write', () => {
  assert.deepEqual(kiro.parse(fixture('pretooluse-bash.json')), {
    ok: true,
    call: { event: 'preToolUse', tool: 'execute_bash', context: ctx, actions: [{ kind: 'shell', command: 'pg_dump shop > /tmp/shop.sql && dropdb shop', cwd: '/work/shop' }] },
  });
  assert.deepEqual(kiro.parse(fixture('pretooluse-fs-write.json')), {
    ok: true,
    call: { event: 'preToolUse', tool: 'fs_write', context: ctx, actions: [{ kind: 'file', op: 'edit', path: '/work/shop/deploy/values-prod.yaml', edits: [{ old: 'replicas: 4', new: 'replicas: 0' }] }] },
  });
});

test('kiro: use_aws becomes the equivalent aws command line', () => {
  assert.deepEqual(kiro.parse(fixture('pretooluse-use-aws.json')), {
    ok: true,
    call: {
      event: 'preToolUse',
      tool: 'use_aws',
      context: ctx,
      actions: [{ kind: 'shell', command: 'aws cloudformation delete-stack --stack-name shop-production --region eu-central-1 --profile prod-admin', cwd: '/work/shop' }],
    },
  });
});

test('kiro: @server/tool is an MCP action', () => {
  assert.deepEqual(kiro.parse(fixture('pretooluse-mcp.json')), {
    ok: true,
    call: { event: 'preToolUse', tool: '@queue/purge_queue', context: ctx, actions: [{ kind: 'mcp', server: 'queue', tool: 'purge_queue', arguments: { queue: 'orders-dlq' } }] },
  });
});

test('kiro: malformed input and unknown tools are refused; fs_read needs no decision', () => {
  const cases: [unknown, string][] = [
    [true, 'E_BAD_INPUT'],
    [{ hook_event_name: 'preToolUse', tool_name: 'execute_bash', tool_input: {} }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'preToolUse', tool_name: 'use_aws', tool_input: { service_name: 's3' } }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'preToolUse', tool_name: 'dig_tunnel', tool_input: {} }, 'E_UNSUPPORTED_KIND'],
    [{ hook_event_name: 'postToolUse', tool_name: 'execute_bash', tool_input: { command: 'ls' } }, 'E_BAD_INPUT'],
  ];
  for (const [input, code] of cases) {
    const r = kiro.parse(input);
    assert.equal(!r.ok && r.code, code, JSON.stringify(input));
  }
  assert.deepEqual(kiro.parse({ hook_event_name: 'preToolUse', cwd: '/w', tool_name: 'fs_read', tool_input: { path: '/w/a' } }), {
    ok: true,
    call: { event: 'preToolUse', tool: 'fs_read', context: { host: 'kiro', cwd: '/w' }, actions: [] },
  });
});

test('kiro: exit 0 allows, every other outcome exits 2 with the reason on stderr', () => {
  assert.deepEqual(kiro.render({ decision: 'allow', reason: 'ok' }, 'preToolUse'), { stdout: '', stderr: '', exitCode: 0 });
  assert.deepEqual(kiro.render({ decision: 'pass', reason: 'read' }, 'preToolUse'), { stdout: '', stderr: '', exitCode: 0 });
  assert.deepEqual(kiro.render({ decision: 'ask', reason: 'confirm' }, 'preToolUse'), { stdout: '', stderr: 'confirm\n', exitCode: 2 });
  assert.deepEqual(kiro.render({ decision: 'deny', reason: 'request r3 waits' }, 'preToolUse'), { stdout: '', stderr: 'request r3 waits\n', exitCode: 2 });
});
