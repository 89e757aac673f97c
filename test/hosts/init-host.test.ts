// `countersign init <host>` writes each host's hook config, keeps unrelated settings, is idempotent,
// and refuses to touch a file it cannot parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installHost } from '../../src/cli/commands/init-host.js';
import type { InstallOptions } from '../../src/adapters/install/hosts.js';

const opts = (o: Partial<InstallOptions> = {}): InstallOptions => ({ command: '/opt/cs/bin/countersign hook HOST', url: 'http://127.0.0.1:7300', kind: 'command', timeoutS: 60, agent: 'countersign', ...o });
const tmp = (): string => mkdtempSync(join(tmpdir(), 'cs-init-'));
const read = (f: string): unknown => JSON.parse(readFileSync(f, 'utf8'));

test('init claude-code: merges into existing settings, idempotent, switches kind in place', () => {
  const dir = tmp();
  mkdirSync(join(dir, '.claude'));
  const existing = {
    model: 'opus',
    permissions: { allow: ['Bash(npm test)'] },
    hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'lint-commands.sh' }] }], Stop: [{ hooks: [{ type: 'command', command: 'notify.sh' }] }] },
  };
  writeFileSync(join(dir, '.claude/settings.json'), JSON.stringify(existing));
  const o = opts({ command: '/opt/cs/bin/countersign hook claude-code' });
  const r1 = installHost('claude-code', dir, o);
  assert.equal(r1.changed, true);
  const ours = { type: 'command', command: '/opt/cs/bin/countersign hook claude-code', timeout: 60, onFailure: 'block', statusMessage: 'Countersign: checking policy' };
  const expected = {
    ...existing,
    hooks: { ...existing.hooks, PreToolUse: [...existing.hooks.PreToolUse, { matcher: 'Bash|Write|Edit|MultiEdit|NotebookEdit|mcp__.*', hooks: [ours] }] },
  };
  assert.deepEqual(read(r1.file), expected);
  const r2 = installHost('claude-code', dir, o);
  assert.deepEqual({ changed: r2.changed, changes: r2.changes }, { changed: false, changes: [] });
  const r3 = installHost('claude-code', dir, { ...o, kind: 'http', url: 'http://10.0.0.5:7300/' });
  assert.equal(r3.changed, true);
  const http = { type: 'http', url: 'http://10.0.0.5:7300/v1/hooks/claude-code', headers: { Authorization: 'Bearer $COUNTERSIGN_TOKEN' }, allowedEnvVars: ['COUNTERSIGN_TOKEN'], timeout: 60, onFailure: 'block', statusMessage: 'Countersign: checking policy' };
  assert.deepEqual(read(r3.file), { ...expected, hooks: { ...expected.hooks, PreToolUse: [existing.hooks.PreToolUse[0], { matcher: 'Bash|Write|Edit|MultiEdit|NotebookEdit|mcp__.*', hooks: [http] }] } });
});

test('init cursor: beforeShellExecution, beforeMCPExecution and preToolUse with failClosed', () => {
  const dir = tmp();
  const o = opts({ command: 'countersign hook cursor', timeoutS: 45 });
  const r = installHost('cursor', dir, o);
  const e = (matcher?: string) => ({ command: 'countersign hook cursor', timeout: 45, failClosed: true, ...(matcher ? { matcher } : {}) });
  assert.deepEqual(read(r.file), {
    version: 1,
    hooks: { beforeShellExecution: [e()], beforeMCPExecution: [e()], preToolUse: ['Write', 'StrReplace', 'Edit', 'MultiEdit', 'Delete'].map(e) },
  });
  assert.equal(installHost('cursor', dir, o).changed, false);
});

test('init gemini: BeforeTool with a timeout in milliseconds, other hooks kept', () => {
  const dir = tmp();
  mkdirSync(join(dir, '.gemini'));
  writeFileSync(join(dir, '.gemini/settings.json'), JSON.stringify({ theme: 'GitHub', hooks: { AfterTool: [{ matcher: '.*', hooks: [{ type: 'command', command: 'log.sh', timeout: 5000 }] }] } }));
  const r = installHost('gemini', dir, opts({ command: 'countersign hook gemini' }));
  assert.deepEqual(read(r.file), {
    theme: 'GitHub',
    hooks: {
      AfterTool: [{ matcher: '.*', hooks: [{ type: 'command', command: 'log.sh', timeout: 5000 }] }],
      BeforeTool: [{ matcher: 'run_shell_command|write_file|replace|mcp_.*', hooks: [{ type: 'command', command: 'countersign hook gemini', timeout: 60000, name: 'countersign' }] }],
    },
  });
});

test('init codex and kiro: PreToolUse / preToolUse entries', () => {
  const dir = tmp();
  const c = installHost('codex', dir, opts({ command: 'countersign hook codex' }));
  assert.deepEqual(read(c.file), { hooks: { PreToolUse: [{ matcher: 'Bash|apply_patch|mcp__.*', hooks: [{ type: 'command', command: 'countersign hook codex', timeout: 60, statusMessage: 'Countersign: checking policy' }] }] } });
  const k = installHost('kiro', dir, opts({ command: 'countersign hook kiro', agent: 'ops' }));
  assert.equal(k.file, join(dir, '.kiro/agents/ops.json'));
  assert.deepEqual(read(k.file), {
    name: 'ops',
    description: 'Kiro agent whose tool calls Countersign decides',
    tools: ['*'],
    hooks: { preToolUse: [{ matcher: '*', command: 'countersign hook kiro', timeout_ms: 60000 }] },
  });
});

test('init: a file that is not JSON is left untouched and reported', () => {
  const dir = tmp();
  mkdirSync(join(dir, '.codex'));
  writeFileSync(join(dir, '.codex/hooks.json'), '{ "hooks": [ oops');
  assert.throws(() => installHost('codex', dir, opts()), /not a JSON object.*nothing was changed.*E_CONFIG_PARSE/);
  assert.equal(readFileSync(join(dir, '.codex/hooks.json'), 'utf8'), '{ "hooks": [ oops');
  writeFileSync(join(dir, '.codex/hooks.json'), '{"hooks": []}');
  assert.throws(() => installHost('codex', dir, opts()), /"hooks" is not a JSON object.*E_CONFIG_INVALID/);
});

test('init through the CLI: user scope under HOME, --dry-run writes nothing, the report says what changed', async () => {
  const { execFileSync } = await import('node:child_process');
  const { existsSync } = await import('node:fs');
  const bin = new URL('../../../bin/countersign', import.meta.url).pathname;
  const home = tmp();
  const env = { PATH: process.env['PATH'], HOME: home };
  const dry = execFileSync(process.execPath, [bin, 'init', 'gemini', '--scope', 'user', '--dry-run', '--command', 'countersign'], { env, encoding: 'utf8' });
  assert.equal(existsSync(join(home, '.gemini/settings.json')), false);
  assert.equal(
    dry,
    `countersign init gemini: would write ${home}/.gemini/settings.json\n` +
      '  + hooks.BeforeTool[matcher "run_shell_command|write_file|replace|mcp_.*"]: `countersign hook gemini`, timeout 60000 ms\n' +
      "  The hook reads COUNTERSIGN_TOKEN (this agent's token) and COUNTERSIGN_URL from the environment the host runs in.\n" +
      '  Check it with: countersign doctor --host gemini --scope user\n',
  );
  const out = JSON.parse(execFileSync(process.execPath, [bin, 'init', 'gemini', '--scope', 'user', '--wait', '100', '--command', 'countersign', '--json'], { env, encoding: 'utf8' }));
  assert.deepEqual({ file: out.file, changed: out.changed, created: out.created }, { file: join(home, '.gemini/settings.json'), changed: true, created: true });
  assert.deepEqual(read(out.file), { hooks: { BeforeTool: [{ matcher: 'run_shell_command|write_file|replace|mcp_.*', hooks: [{ type: 'command', command: 'countersign hook gemini --wait 100', timeout: 135000, name: 'countersign' }] }] } });
  assert.throws(() => execFileSync(process.execPath, [bin, 'init', 'cursor', '--kind', 'http'], { env, stdio: 'pipe' }), /cursor supports only a command hook \(E_USAGE\)/);
});
