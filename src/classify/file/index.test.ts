import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FileAction } from '../../core/index.js';
import { classifyFile } from './index.js';

const W = '/home/dev/shop';

// [op, path, cwd, risk, rule]
const CASES: [FileAction['op'], string, string | undefined, string, string][] = [
  ['write', 'src/app.ts', W, 'mutating', 'file.write'],
  ['edit', `${W}/README.md`, W, 'mutating', 'file.edit'],
  ['write', './docs/../src/x.ts', W, 'mutating', 'file.write'],
  ['write', '../other-repo/src/x.ts', W, 'destructive', 'file.write-outside'],
  ['write', '/etc/hosts', W, 'destructive', 'file.write-system'],
  ['write', '/etc/passwd', '/', 'destructive', 'file.write-system'],
  ['write', '/srv/other/app.py', W, 'destructive', 'file.write-outside'],
  ['delete', '/var/tmp/build.log', W, 'mutating', 'file.delete-scratch'],
  ['write', '/tmp/scratch.txt', W, 'mutating', 'file.write-scratch'],
  ['write', '~/.bashrc', W, 'destructive', 'file.write-home'],
  ['edit', '.git/hooks/pre-commit', W, 'destructive', 'file.edit-protected'],
  ['write', '.git/config', W, 'destructive', 'file.write-protected'],
  ['write', '.gitignore', W, 'mutating', 'file.write'],
  ['edit', '.claude/settings.json', W, 'destructive', 'file.edit-protected'],
  ['write', '.claude/settings.local.json', W, 'destructive', 'file.write-protected'],
  ['write', '.Claude/Settings.JSON', W, 'destructive', 'file.write-protected'],
  ['write', '.claude/commands/review.md', W, 'mutating', 'file.write'],
  ['write', '.cursor/hooks.json', W, 'destructive', 'file.write-protected'],
  ['write', '.cursor/rules/style.mdc', W, 'mutating', 'file.write'],
  ['write', '/home/dev/.claude.json', '/home/dev', 'destructive', 'file.write-protected'],
  ['write', '.gemini/settings.json', W, 'destructive', 'file.write-protected'],
  ['write', '.codex/config.toml', W, 'destructive', 'file.write-protected'],
  ['write', '.kiro/hooks/guard.kiro.hook', W, 'destructive', 'file.write-protected'],
  ['edit', 'countersign.yaml', W, 'destructive', 'file.edit-protected'],
  ['write', '.countersign/state.db', W, 'destructive', 'file.write-protected'],
  ['write', '/home/dev/.claude/settings.json', W, 'destructive', 'file.write-protected'],
  ['delete', 'src/old.ts', W, 'destructive', 'file.delete'],
  ['delete', 'node_modules/left-pad/index.js', W, 'mutating', 'file.delete-build-output'],
  ['delete', `${W}/dist/bundle.js`, W, 'mutating', 'file.delete-build-output'],
  ['delete', '/tmp/x.log', W, 'mutating', 'file.delete-scratch'],
  // without a known workspace: relative paths judged by name only; absolute ones cannot be placed
  ['write', 'src/app.ts', undefined, 'mutating', 'file.write'],
  ['write', '.claude/settings.json', undefined, 'destructive', 'file.write-protected'],
  ['write', '../../etc/passwd', undefined, 'unknown', 'file.write-outside'],
  ['write', '/srv/app/config.yml', undefined, 'unknown', 'file.write-no-workspace'],
];

test('file actions: workspace writes are routine, guard settings and outside paths are not', () => {
  const got = CASES.map(([op, path, cwd]) => {
    const r = classifyFile({ kind: 'file', op, path }, cwd ? { cwd } : {});
    return [op, path, cwd, r.risk, r.findings[0]?.rule];
  });
  assert.deepEqual(got, CASES);
});

test('a NUL byte in a path is unknown with E_BAD_INPUT', () => {
  const r = classifyFile({ kind: 'file', op: 'write', path: 'a\0b' }, { cwd: W });
  assert.deepEqual([r.risk, r.error?.code], ['unknown', 'E_BAD_INPUT']);
});
