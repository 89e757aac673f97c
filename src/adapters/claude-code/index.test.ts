import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { claudeCode, output } from './index.js';
import type { HookOutcome } from '../types.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/hosts/claude-code/${name}`, import.meta.url), 'utf8'));
const ctx = { host: 'claude-code', cwd: '/work/shop', session: '5b7e1c44-0d2a-4f7e-9c31-2a1f0e6b8d10' };

test('claude-code: Bash becomes a shell action with the cwd', () => {
  assert.deepEqual(claudeCode.parse(fixture('pretooluse-bash.json')), {
    ok: true,
    call: { event: 'PreToolUse', tool: 'Bash', context: ctx, actions: [{ kind: 'shell', command: 'git push --force origin main', cwd: '/work/shop' }] },
  });
});

test('claude-code: Write, Edit (relative path normalised) and MultiEdit become file actions', () => {
  const w = claudeCode.parse(fixture('pretooluse-write.json'));
  assert.deepEqual(w, { ok: true, call: { event: 'PreToolUse', tool: 'Write', context: ctx, actions: [{ kind: 'file', op: 'write', path: '/work/shop/.claude/settings.json', content: '{"hooks": {}}\n' }] } });
  const e = claudeCode.parse(fixture('pretooluse-edit.json'));
  assert.deepEqual(e, { ok: true, call: { event: 'PreToolUse', tool: 'Edit', context: ctx, actions: [{ kind: 'file', op: 'edit', path: '/work/shop-secrets/config.yaml', edits: [{ old: 'retention_days: 30', new: 'retention_days: 0' }] }] } });
  const m = claudeCode.parse(fixture('pretooluse-multiedit.json'));
  assert.deepEqual(m, { ok: true, call: { event: 'PreToolUse', tool: 'MultiEdit', context: ctx, actions: [{ kind: 'file', op: 'edit', path: '/work/shop/README.md', edits: [{ old: 'Shop', new: 'Storefront', all: true }, { old: 'v1', new: 'v2' }] }] } });
});

test('claude-code: two edits of one file that differ only in old_string or replace_all are different actions', () => {
  const edit = (input: Record<string, unknown>) => {
    const r = claudeCode.parse({ hook_event_name: 'PreToolUse', cwd: '/w', tool_name: 'Edit', tool_input: { file_path: 'a.txt', new_string: 'x', ...input } });
    return r.ok ? r.call.actions : r;
  };
  assert.deepEqual(
    [edit({ old_string: 'keep' }), edit({ old_string: 'drop' }), edit({ old_string: 'drop', replace_all: true }), edit({ old_string: 'drop', replace_all: 'yes' })],
    [
      [{ kind: 'file', op: 'edit', path: '/w/a.txt', edits: [{ old: 'keep', new: 'x' }] }],
      [{ kind: 'file', op: 'edit', path: '/w/a.txt', edits: [{ old: 'drop', new: 'x' }] }],
      [{ kind: 'file', op: 'edit', path: '/w/a.txt', edits: [{ old: 'drop', new: 'x', all: true }] }],
      { ok: false, event: 'PreToolUse', code: 'E_BAD_INPUT', message: 'The input does not have the expected shape. replace_all must be true or false.' },
    ],
  );
});

test('claude-code: content over the cap is replaced by its sha256, never dropped', () => {
  const big = 'a'.repeat(256 * 1024 + 1);
  const w = claudeCode.parse({ hook_event_name: 'PreToolUse', cwd: '/w', tool_name: 'Write', tool_input: { file_path: 'big.txt', content: big } });
  const e = claudeCode.parse({ hook_event_name: 'PreToolUse', cwd: '/w', tool_name: 'Edit', tool_input: { file_path: 'big.txt', old_string: 'a', new_string: big } });
  const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
  assert.deepEqual([w.ok && w.call.actions, e.ok && e.call.actions], [
    [{ kind: 'file', op: 'write', path: '/w/big.txt', sha256: sha(big) }],
    [{ kind: 'file', op: 'edit', path: '/w/big.txt', sha256: sha(JSON.stringify([{ old: 'a', new: big }])) }],
  ]);
});

test('claude-code: an MCP tool keeps a server name that contains underscores', () => {
  assert.deepEqual(claudeCode.parse(fixture('pretooluse-mcp.json')), {
    ok: true,
    call: { event: 'PreToolUse', tool: 'mcp__orders_db__execute_sql', context: ctx, actions: [{ kind: 'mcp', server: 'orders_db', tool: 'execute_sql', arguments: { query: 'TRUNCATE TABLE invoices' } }] },
  });
});

test('claude-code: read-only tools need no decision; PermissionRequest parses like PreToolUse', () => {
  assert.deepEqual(claudeCode.parse(fixture('pretooluse-read.json')), { ok: true, call: { event: 'PreToolUse', tool: 'Read', context: ctx, actions: [] } });
  assert.deepEqual(claudeCode.parse(fixture('permissionrequest-bash.json')), {
    ok: true,
    call: { event: 'PermissionRequest', tool: 'Bash', context: ctx, actions: [{ kind: 'shell', command: 'helm uninstall checkout -n production', cwd: '/work/shop' }] },
  });
});

test('claude-code: malformed input is refused with a code, never parsed into an allow', () => {
  const cases: [unknown, string][] = [
    [null, 'E_BAD_INPUT'],
    [[1, 2], 'E_BAD_INPUT'],
    [{ hook_event_name: 'PreToolUse', tool_input: {} }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: 'ls' }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: '' } }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { content: 'x' } }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'PreToolUse', tool_name: 'SomeNewTool', tool_input: {} }, 'E_UNSUPPORTED_KIND'],
    [{ hook_event_name: 'PreToolUse', tool_name: 'mcp__broken', tool_input: {} }, 'E_UNSUPPORTED_KIND'],
    [{ hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } }, 'E_BAD_INPUT'],
  ];
  for (const [input, code] of cases) {
    const r = claudeCode.parse(input);
    assert.equal(r.ok, false, JSON.stringify(input));
    assert.equal(!r.ok && r.code, code, JSON.stringify(input));
  }
});

const deny: HookOutcome = { decision: 'deny', reason: 'Countersign: waiting for approval (request r1). Approve at http://x/requests/r1.', requestId: 'r1', url: 'http://x/requests/r1' };

test('claude-code: PreToolUse renders allow, ask, pass and deny (exit 2, reason on stderr)', () => {
  assert.deepEqual(claudeCode.render({ decision: 'allow', reason: 'ok' }, 'PreToolUse'), {
    stdout: '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","permissionDecisionReason":"ok"}}\n',
    stderr: '',
    exitCode: 0,
  });
  assert.deepEqual(claudeCode.render({ decision: 'ask', reason: 'confirm' }, 'PreToolUse'), {
    stdout: '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"ask","permissionDecisionReason":"confirm"}}\n',
    stderr: '',
    exitCode: 0,
  });
  assert.deepEqual(claudeCode.render({ decision: 'pass', reason: 'nothing' }, 'PreToolUse'), { stdout: '', stderr: '', exitCode: 0 });
  assert.deepEqual(claudeCode.render(deny, 'PreToolUse'), {
    stdout: `${JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: deny.reason } })}\n`,
    stderr: `${deny.reason}\n`,
    exitCode: 2,
  });
});

test('claude-code: PermissionRequest renders behavior allow/deny, and no opinion for ask', () => {
  assert.deepEqual(output({ decision: 'allow', reason: 'ok' }, 'PermissionRequest'), { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } });
  assert.deepEqual(output(deny, 'PermissionRequest'), { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: deny.reason } } });
  assert.equal(output({ decision: 'ask', reason: 'x' }, 'PermissionRequest'), undefined);
  assert.equal(claudeCode.render(deny, 'PermissionRequest').exitCode, 2);
});
