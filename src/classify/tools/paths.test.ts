import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyPath, isOsPath } from './paths.js';
import { asksForHelp, parseArgs } from './argv.js';

test('classifyPath judges paths after resolving "..", globs and conventional variables', () => {
  const cases: [string, boolean, string | undefined][] = [
    ['/', false, undefined], ['/*', false, undefined], ['/etc/', false, undefined], ['/tmp/../etc', false, undefined],
    ['/tmp/x', false, undefined], ['/var/tmp/y', false, undefined], ['$TMPDIR/z', true, undefined], ['${TMPDIR:-/tmp}/w', true, undefined],
    ['~', false, undefined], ['~/src', false, undefined], ['~/.cache/x', false, undefined], ['$HOME', true, undefined], ['~bob/x', false, undefined],
    ['/home/ann/p/node_modules', false, undefined], ['/Users/ann', false, undefined],
    ['.', false, undefined], ['./*', false, undefined], ['.*', false, undefined], ['..', false, undefined], ['a/../../b', false, undefined],
    ['node_modules', false, undefined], ['pkg/dist', false, undefined], ['src', false, undefined], ['/data/x', false, undefined],
    ['$TARGET', true, undefined], ['`pwd`/x', true, undefined], ['${OUT}/dist', true, undefined], ['$D/../dist', true, undefined], ['${HOME:?}/x', true, undefined],
    ['etc', false, '/'], ['src', false, '/work/app'], ['/work/app/target', false, '/work/app'], ['../other', false, '/work/app'],
  ];
  const got = cases.map(([p, d, cwd]) => [p, cwd ?? '', classifyPath(p, d, cwd).cls]);
  assert.deepEqual(got, [
    ['/', '', 'root'], ['/*', '', 'root'], ['/etc/', '', 'system'], ['/tmp/../etc', '', 'system'],
    ['/tmp/x', '', 'temp'], ['/var/tmp/y', '', 'temp'], ['$TMPDIR/z', '', 'temp'], ['${TMPDIR:-/tmp}/w', '', 'temp'],
    ['~', '', 'home'], ['~/src', '', 'home'], ['~/.cache/x', '', 'build'], ['$HOME', '', 'home'], ['~bob/x', '', 'home'],
    ['/home/ann/p/node_modules', '', 'build'], ['/Users/ann', '', 'home'],
    ['.', '', 'cwd'], ['./*', '', 'cwd'], ['.*', '', 'cwd'], ['..', '', 'parent'], ['a/../../b', '', 'parent'],
    ['node_modules', '', 'build'], ['pkg/dist', '', 'build'], ['src', '', 'workspace'], ['/data/x', '', 'outside'],
    ['$TARGET', '', 'dynamic'], ['`pwd`/x', '', 'dynamic'], ['${OUT}/dist', '', 'build'], ['$D/../dist', '', 'dynamic'], ['${HOME:?}/x', '', 'home'],
    ['etc', '/', 'system'], ['src', '/work/app', 'workspace'], ['/work/app/target', '/work/app', 'build'], ['../other', '/work/app', 'parent'],
  ]);
});

test('isOsPath separates operating-system directories from service data directories', () => {
  const got = ['/etc/ssh', '/usr/local/bin', '/var/lib/mysql', '/srv/www', '/opt/app', '/var/log/x', '/'].map((p) => [p, isOsPath(classifyPath(p))]);
  assert.deepEqual(got, [['/etc/ssh', true], ['/usr/local/bin', true], ['/var/lib/mysql', true], ['/srv/www', false], ['/opt/app', false], ['/var/log/x', false], ['/', true]]);
});

test('parseArgs splits clusters, attached values, "--" and long "=" forms', () => {
  const p = parseArgs(['-rf', '-bfeature', '--git-dir=x', '-C', 'repo', '--', '-f', 'a'], { valued: ['-b', '-C'] });
  assert.deepEqual({ opts: [...p.opts.entries()], pos: p.pos, afterDashDash: p.afterDashDash }, {
    opts: [['-r', ['']], ['-f', ['']], ['-b', ['feature']], ['--git-dir', ['x']], ['-C', ['repo']]],
    pos: ['-f', 'a'],
    afterDashDash: 0,
  });
});

test('asksForHelp: --help anywhere; --version and -h only alone', () => {
  const got = [['--help'], ['push', '--help'], ['--version'], ['yank', '--version', '1.0'], ['-h'], ['-h', 'now'], ['-h']].map((a, i) => asksForHelp(a, i !== 6));
  assert.deepEqual(got, [true, true, true, false, true, false, false]);
});
