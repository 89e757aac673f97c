import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gemini } from './index.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/hosts/gemini/${name}`, import.meta.url), 'utf8'));
const ctx = { host: 'gemini', cwd: '/work/shop', session: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8' };

test('gemini: run_shell_command runs in dir_path under the cwd', () => {
  assert.deepEqual(gemini.parse(fixture('beforetool-shell.json')), {
    ok: true,
    call: { event: 'BeforeTool', tool: 'run_shell_command', context: ctx, actions: [{ kind: 'shell', command: 'docker volume rm shop_pgdata', cwd: '/work/shop/infra' }] },
  });
});

test('gemini: write_file and replace are file actions', () => {
  assert.deepEqual(gemini.parse(fixture('beforetool-write.json')), {
    ok: true,
    call: { event: 'BeforeTool', tool: 'write_file', context: ctx, actions: [{ kind: 'file', op: 'write', path: '/work/shop/.gemini/settings.json', content: '{}' }] },
  });
  assert.deepEqual(gemini.parse(fixture('beforetool-replace.json')), {
    ok: true,
    call: { event: 'BeforeTool', tool: 'replace', context: ctx, actions: [{ kind: 'file', op: 'edit', path: '/work/shop/src/app.ts', edits: [{ old: 'const port = 80;', new: 'const port = 8080;' }] }] },
  });
});

test('gemini: MCP tools take their names from mcp_context (server names may hold "_")', () => {
  assert.deepEqual(gemini.parse(fixture('beforetool-mcp.json')), {
    ok: true,
    call: {
      event: 'BeforeTool',
      tool: 'mcp_cloud_ops_delete_instance',
      context: ctx,
      actions: [{ kind: 'mcp', server: 'cloud_ops', tool: 'delete_instance', arguments: { instance: 'shop-prod-1', zone: 'europe-west1-b' } }],
    },
  });
  const bare = gemini.parse({ hook_event_name: 'BeforeTool', tool_name: 'mcp_vault_read_secret', tool_input: { path: 'a' } });
  assert.deepEqual(bare.ok && bare.call.actions, [{ kind: 'mcp', server: 'vault', tool: 'read_secret', arguments: { path: 'a' } }]);
});

test('gemini: malformed input and unknown tools are refused', () => {
  const cases: [unknown, string][] = [
    [42, 'E_BAD_INPUT'],
    [{ hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: {} }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'BeforeTool', tool_name: 'invent_tool', tool_input: {} }, 'E_UNSUPPORTED_KIND'],
    [{ hook_event_name: 'AfterTool', tool_name: 'write_file', tool_input: {} }, 'E_BAD_INPUT'],
  ];
  for (const [input, code] of cases) {
    const r = gemini.parse(input);
    assert.equal(!r.ok && r.code, code, JSON.stringify(input));
  }
});

test('gemini: renders decision JSON; deny exits 2 (exit 1 would only warn)', () => {
  assert.deepEqual(gemini.render({ decision: 'allow', reason: 'ok' }, 'BeforeTool'), { stdout: '{"decision":"allow","reason":"ok"}\n', stderr: '', exitCode: 0 });
  assert.deepEqual(gemini.render({ decision: 'ask', reason: 'confirm' }, 'BeforeTool'), { stdout: '{"decision":"ask","reason":"confirm"}\n', stderr: '', exitCode: 0 });
  assert.deepEqual(gemini.render({ decision: 'pass', reason: 'read' }, 'BeforeTool'), { stdout: '', stderr: '', exitCode: 0 });
  assert.deepEqual(gemini.render({ decision: 'deny', reason: 'needs approval', requestId: 'r2', url: 'http://x/requests/r2' }, 'BeforeTool'), {
    stdout: '{"decision":"deny","reason":"needs approval","systemMessage":"Countersign: request r2 — approve at http://x/requests/r2"}\n',
    stderr: 'needs approval\n',
    exitCode: 2,
  });
});
