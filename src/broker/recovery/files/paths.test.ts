import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { initParser } from '../../../classify/shell/parser.js';
import { parseCommand } from '../command/parse.js';
import { pathsOf } from './paths.js';

let dir: string;
before(async () => {
  await initParser();
  dir = mkdtempSync(join(tmpdir(), 'cs-paths-'));
  mkdirSync(join(dir, 'logs'));
  for (const f of ['a.log', 'b.log', '.hidden.log', 'keep.txt']) writeFileSync(join(dir, 'logs', f), f);
  mkdirSync(join(dir, 'out'));
});

const paths = (command: string, home = '/home/u') => pathsOf({ kind: 'shell', command }, parseCommand(command, dir, home), dir);

test('every operand of rm, resolved against the working directory and a preceding cd', () => {
  assert.deepEqual(paths('rm -rf a "b c" -- -d'), { paths: [join(dir, '-d'), join(dir, 'a'), join(dir, 'b c')], unresolved: [] });
  assert.deepEqual(paths('cd logs && rm -f keep.txt'), { paths: [join(dir, 'logs/keep.txt')], unresolved: [] });
  assert.deepEqual(paths('sudo rm -r ~/notes $HOME/x'), { paths: ['/home/u/notes', '/home/u/x'], unresolved: [] });
});

test('globs expand like bash: hidden names only for a dot pattern; no match stays literal', () => {
  assert.deepEqual(paths('rm logs/*.log'), { paths: [join(dir, 'logs/a.log'), join(dir, 'logs/b.log')], unresolved: [] });
  assert.deepEqual(paths('rm logs/*.nope'), { paths: [join(dir, 'logs/*.nope')], unresolved: [] });
  assert.deepEqual(paths("rm 'logs/*.log'"), { paths: [join(dir, 'logs/*.log')], unresolved: [] });
});

test('nested paths collapse into their parent; writes, tee, truncate, sed -i, dd, find -delete, cp/mv destinations', () => {
  assert.deepEqual(paths('rm -rf logs logs/a.log'), { paths: [join(dir, 'logs')], unresolved: [] });
  assert.deepEqual(paths('echo x > f1 2>/dev/null; echo y >> f2; echo z | tee -a f3'), { paths: [join(dir, 'f1'), join(dir, 'f2'), join(dir, 'f3')], unresolved: [] });
  assert.deepEqual(paths('truncate -s 0 big.db'), { paths: [join(dir, 'big.db')], unresolved: [] });
  assert.deepEqual(paths("sed -i 's/a/b/' conf.ini"), { paths: [join(dir, 'conf.ini')], unresolved: [] });
  assert.deepEqual(paths('dd if=/dev/zero of=disk.img bs=1M count=1'), { paths: [join(dir, 'disk.img')], unresolved: [] });
  assert.deepEqual(paths('find logs -name "*.log" -delete'), { paths: [join(dir, 'logs')], unresolved: [] });
  assert.deepEqual(paths('cp new.txt out'), { paths: [join(dir, 'out/new.txt')], unresolved: [] });
  assert.deepEqual(paths('mv a.txt b.txt'), { paths: [join(dir, 'a.txt'), join(dir, 'b.txt')], unresolved: [] });
  assert.deepEqual(paths("bash -c 'rm -rf inner'"), { paths: [join(dir, 'inner')], unresolved: [] });
  assert.deepEqual(paths('rm -rf ./{dist,build} x{1..2} "{a,b}"'), { paths: [join(dir, 'build'), join(dir, 'dist'), join(dir, 'x1'), join(dir, 'x2'), join(dir, '{a,b}')], unresolved: [] });
});

test('operands computed at run time are reported, never guessed', () => {
  assert.deepEqual(paths('rm -rf "$TARGET" $(cat list)'), { paths: [], unresolved: ['$TARGET', '$(cat list)'] });
  assert.deepEqual(paths('ls; cat x'), { paths: [], unresolved: [] });
  assert.deepEqual(paths('$RM -rf build; rm ~bob/x'), { paths: [], unresolved: ['~bob/x', 'a command name computed at run time ($RM)'] });
});

test('a file action names its path', () => {
  assert.deepEqual(pathsOf({ kind: 'file', op: 'delete', path: 'src/x.ts' }, null, dir), { paths: [join(dir, 'src/x.ts')], unresolved: [] });
});
