import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { codex } from './index.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/hosts/codex/${name}`, import.meta.url), 'utf8'));
const ctx = { host: 'codex', cwd: '/work/shop', session: '01930b6e-7c1d-7aa0-b2c3-d4e5f6a7b8c9' };

test('codex: Bash is a shell action; an argv of bash -lc is its script', () => {
  assert.deepEqual(codex.parse(fixture('pretooluse-bash.json')), {
    ok: true,
    call: { event: 'PreToolUse', tool: 'Bash', context: ctx, actions: [{ kind: 'shell', command: 'terraform destroy -auto-approve -target=aws_db_instance.orders', cwd: '/work/shop' }] },
  });
  assert.deepEqual(codex.parse(fixture('permissionrequest-bash.json')), {
    ok: true,
    call: { event: 'PermissionRequest', tool: 'Bash', context: ctx, actions: [{ kind: 'shell', command: 'rm -rf node_modules dist', cwd: '/work/shop' }] },
  });
  const argv = codex.parse({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: ['git', 'commit', '-m', "it's done"] } });
  assert.deepEqual(argv.ok && argv.call.actions, [{ kind: 'shell', command: "git commit -m 'it'\\''s done'" }]);
});

test('codex: apply_patch becomes one file action per header', () => {
  assert.deepEqual(codex.parse(fixture('pretooluse-apply-patch.json')), {
    ok: true,
    call: {
      event: 'PreToolUse',
      tool: 'apply_patch',
      context: ctx,
      actions: [
        { kind: 'file', op: 'write', path: '/work/shop/docs/runbook.md', content: '+# Runbook\n+Restart with make restart.' },
        { kind: 'file', op: 'edit', path: '/work/shop/src/server.ts', content: '@@ export function start\n-  listen(80)\n+  listen(8080)' },
        { kind: 'file', op: 'delete', path: '/work/shop/migrations/0001_init.sql' },
      ],
    },
  });
});

test('codex: apply_patch markers are matched on trimmed lines, as Codex reads them', () => {
  const patch = (body: string) => {
    const r = codex.parse({ hook_event_name: 'PreToolUse', cwd: '/w', tool_name: 'apply_patch', tool_input: { command: body } });
    return r.ok ? r.call.actions : { code: r.code, message: r.message };
  };
  assert.deepEqual(
    [
      patch('*** Begin Patch\n*** Update File: a.txt\n@@\n-x\n+y\n  *** Add File: .codex/config.toml\n+approval_policy = "never"\n*** End Patch'),
      patch('  *** Begin Patch\n\t*** Delete File: b.txt\n   *** End Patch  \n'),
      patch("<<'EOF'\n*** Begin Patch\n*** Update File: a.txt\n*** Move to: b.txt\n@@\n x\n*** End of File\n*** End Patch\nEOF\n"),
    ],
    [
      [
        { kind: 'file', op: 'edit', path: '/w/a.txt', content: '@@\n-x\n+y' },
        { kind: 'file', op: 'write', path: '/w/.codex/config.toml', content: '+approval_policy = "never"' },
      ],
      [{ kind: 'file', op: 'delete', path: '/w/b.txt' }],
      [
        { kind: 'file', op: 'delete', path: '/w/a.txt' },
        { kind: 'file', op: 'write', path: '/w/b.txt', content: '@@\n x\n*** End of File' },
      ],
    ],
  );
});

test('codex: an apply_patch line that cannot be accounted for refuses the whole call', () => {
  const bodies = [
    'stray text\n*** Begin Patch\n*** Add File: a\n+x\n*** End Patch',
    '*** Begin Patch\nnot in a file\n*** Add File: a\n+x\n*** End Patch',
    '*** Begin Patch\n*** Add File: a\nno plus\n*** End Patch',
    '*** Begin Patch\n*** Update File: a\n@@\n?odd\n*** End Patch',
    '*** Begin Patch\n*** Delete File: a\n+content\n*** End Patch',
    '*** Begin Patch\n*** Add File: a\n*** Move to: b\n*** End Patch',
    '*** Begin Patch\n*** Update File: a\n*** Rename File: b\n*** End Patch',
    '*** Begin Patch\n*** Add File: a\n+x\n*** End Patch\n*** Add File: b\n+y',
  ];
  const codes = bodies.map((command) => {
    const r = codex.parse({ hook_event_name: 'PreToolUse', cwd: '/w', tool_name: 'apply_patch', tool_input: { command } });
    return r.ok ? 'parsed' : r.code;
  });
  assert.deepEqual(codes, bodies.map(() => 'E_BAD_INPUT'));
});

test('codex: MCP tools split on the double underscore', () => {
  assert.deepEqual(codex.parse(fixture('pretooluse-mcp.json')), {
    ok: true,
    call: { event: 'PreToolUse', tool: 'mcp__github__delete_repository', context: ctx, actions: [{ kind: 'mcp', server: 'github', tool: 'delete_repository', arguments: { owner: 'shop-inc', repo: 'storefront' } }] },
  });
});

test('codex: malformed input is refused', () => {
  const cases: [unknown, string][] = [
    ['', 'E_BAD_INPUT'],
    [{ hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: 'just text' } }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: '*** Begin Patch\n*** End Patch' } }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: ['ls', 3] } }, 'E_BAD_INPUT'],
    [{ hook_event_name: 'PreToolUse', tool_name: 'view_image', tool_input: {} }, 'E_UNSUPPORTED_KIND'],
    [{ hook_event_name: 'Stop' }, 'E_BAD_INPUT'],
  ];
  for (const [input, code] of cases) {
    const r = codex.parse(input);
    assert.equal(!r.ok && r.code, code, JSON.stringify(input));
  }
});

test('codex: allow is silent, ask becomes deny, deny exits 2 with the reason on stderr', () => {
  assert.deepEqual(codex.render({ decision: 'allow', reason: 'ok' }, 'PreToolUse'), { stdout: '', stderr: '', exitCode: 0 });
  const denyBody = { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'confirm first' } };
  assert.deepEqual(codex.render({ decision: 'ask', reason: 'confirm first' }, 'PreToolUse'), { stdout: `${JSON.stringify(denyBody)}\n`, stderr: 'confirm first\n', exitCode: 2 });
  assert.deepEqual(codex.render({ decision: 'allow', reason: 'ok' }, 'PermissionRequest'), {
    stdout: '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"allow"}}}\n',
    stderr: '',
    exitCode: 0,
  });
  assert.deepEqual(codex.render({ decision: 'deny', reason: 'no' }, 'PermissionRequest'), {
    stdout: '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"deny","message":"no"}}}\n',
    stderr: 'no\n',
    exitCode: 2,
  });
  // Exit 2 with an empty stderr does not block in Codex: the reason is never empty.
  assert.equal(codex.render({ decision: 'deny', reason: '' }, 'PreToolUse').stderr, 'Countersign blocked this tool call.\n');
});
