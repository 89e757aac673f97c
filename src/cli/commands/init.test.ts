// `countersign init` for real: a spawned bin/countersign writing into a fresh directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticate, hashToken, loadConfig } from '../../config/index.js';

const BIN = new URL('../../../../bin/countersign', import.meta.url).pathname;
const cs = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

test('init --json writes the demo team and prints each token once', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'cs-init-')), 'cs');
  const r = cs('init', '--dir', dir, '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { dir: string; config: string; url: string; principals: { id: string; kind: string; roles?: string[]; operator?: string; token: string }[]; targets: { id: string; environment: string; match: { cwd_prefix: string[] } }[] };
  assert.deepEqual(
    { dir: out.dir, config: out.config, url: out.url, who: out.principals.map(({ token: _t, ...p }) => p), targets: out.targets.map((t) => [t.id, t.environment, t.match.cwd_prefix]) },
    {
      dir,
      config: join(dir, 'countersign.yaml'),
      url: 'http://127.0.0.1:7300',
      who: [
        { id: 'admin', kind: 'human', roles: ['admin'] },
        { id: 'senior-a', kind: 'human', roles: ['senior'] },
        { id: 'senior-b', kind: 'human', roles: ['senior'] },
        { id: 'senior-c', kind: 'human', roles: ['senior'] },
        { id: 'engineer', kind: 'human', roles: ['engineer'] },
        { id: 'agent-1', kind: 'agent', operator: 'senior-a' },
      ],
      targets: [
        ['prod', 'production', [join(dir, 'workspaces', 'prod')]],
        ['staging', 'staging', [join(dir, 'workspaces', 'staging')]],
      ],
    },
  );
  const text = readFileSync(out.config, 'utf8');
  const config = loadConfig(out.config);
  for (const p of out.principals) {
    assert.equal(text.includes(p.token), false, 'a token must never be written to the config');
    assert.equal(text.includes(hashToken(p.token)), true);
    assert.equal(authenticate(config, p.token)?.id, p.id);
  }
  assert.equal(statSync(out.config).mode & 0o777, 0o600);
  assert.equal(existsSync(join(dir, 'workspaces', 'prod')), true);
});

test('init refuses to overwrite without --force, and --force mints new tokens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-init-'));
  const first = cs('init', '--dir', dir);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /^Wrote .*countersign\.yaml\n\nTokens, shown this once/);
  const before = readFileSync(join(dir, 'countersign.yaml'), 'utf8');
  const again = cs('init', '--dir', dir);
  assert.deepEqual([again.status, again.stdout], [2, '']);
  assert.match(again.stderr, /already exists; nothing was written \(E_USAGE\)\. Pass --force/);
  assert.equal(readFileSync(join(dir, 'countersign.yaml'), 'utf8'), before);
  const forced = cs('init', '--dir', dir, '--force', '--json');
  assert.equal(forced.status, 0, forced.stderr);
  assert.notEqual(readFileSync(join(dir, 'countersign.yaml'), 'utf8'), before);
});

test('init rejects unknown arguments', () => {
  const r = cs('init', 'vscode');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown host or argument "vscode"; hosts: claude-code, cursor, gemini, codex, kiro \(E_USAGE\)/);
});
