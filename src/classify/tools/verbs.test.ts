// The shared verb grammar: which words form the command path, and which word decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileVerbs, findVerb, hasDryRun, pathWords } from './verbs.js';
import type { Invocation } from './types.js';

const inv = (line: string): Invocation => {
  const [name = '', ...args] = line.split(' ');
  return { name, args, dynamic: args.map(() => false), text: line };
};
const sets = compileVerbs({ destroy: ['delete', 'rm', 'purge'], read: ['list', 'get', 'describe', 'logs', 'search', 'log'], change: ['create', 'remove-labels'], bare: ['apps'] });

test('pathWords drops options and the values of valued options, and stops at "--"', () => {
  assert.deepEqual(pathWords(inv('tool --profile prod svc delete --force name -- rm x'), { valued: ['--profile'] }), ['svc', 'delete', 'name']);
  assert.deepEqual(pathWords(inv('tool --zone=us svc --project p delete'), { longOptsTakeValues: true }), ['svc', 'delete']);
  assert.deepEqual(pathWords(inv('tool --quiet svc delete'), { longOptsTakeValues: true, flags: ['--quiet'] }), ['svc', 'delete']);
});

test('findVerb: the first word that carries a known verb decides', () => {
  assert.deepEqual(findVerb(['logging', 's3', 'delete', 'logs'], sets), { kind: 'destroy', verb: 'delete', index: 2, target: 'logs' });
  assert.deepEqual(findVerb(['kv', 'get', 'delete-me'], sets), { kind: 'read', verb: 'get', index: 1, target: 'delete-me' });
  assert.deepEqual(findVerb(['batch-delete-image'], sets), { kind: 'destroy', verb: 'batch-delete-image', index: 0 });
  assert.deepEqual(findVerb(['get-deletion-status'], sets), { kind: 'read', verb: 'get-deletion-status', index: 0 });
  assert.deepEqual(findVerb(['deleteIndex'], sets), { kind: 'destroy', verb: 'deleteIndex', index: 0 });
  assert.deepEqual(findVerb(['apps:purge'], sets), { kind: 'destroy', verb: 'apps:purge', index: 0 });
  assert.deepEqual(findVerb(['apps'], sets), { kind: 'read', verb: 'apps', index: 0 });
  assert.deepEqual(findVerb(['apps', 'rename', 'x'], sets), { kind: 'change', verb: 'rename', index: 1, target: 'x' });
  // Read words that are also nouns give way to a verb after them.
  assert.deepEqual(findVerb(['logging', 'logs', 'delete', 'app'], sets), { kind: 'destroy', verb: 'delete', index: 2, target: 'app' });
  assert.deepEqual(findVerb(['log-analytics', 'workspace', 'delete'], sets), { kind: 'destroy', verb: 'delete', index: 2 });
  assert.deepEqual(findVerb(['logs', 'tail'], sets), { kind: 'read', verb: 'logs', index: 0, target: 'tail' });
  assert.deepEqual(findVerb(['get', 'delete'], sets), { kind: 'read', verb: 'get', index: 0, target: 'delete' });
});

test('findVerb: a change word ends the search, and file-like words are not verbs', () => {
  assert.deepEqual(findVerb(['flags', 'create', 'list-users'], sets), { kind: 'change', verb: 'create', index: 1, target: 'list-users' });
  assert.deepEqual(findVerb(['instances', 'remove-labels', 'web'], sets), { kind: 'change', verb: 'remove-labels', index: 1, target: 'web' });
  assert.equal(findVerb(['upload2', 'delete-me.txt', 'remote/'], compileVerbs({ destroy: ['delete'], read: [], change: [] })), null);
  // The common change verbs are always known, unless the table destroys or reads with one.
  assert.deepEqual(findVerb(['jobs', 'execute', 'purge-job'], sets), { kind: 'change', verb: 'execute', index: 1, target: 'purge-job' });
  assert.deepEqual(findVerb(['tag', 'x'], compileVerbs({ destroy: ['tag'], read: [] })), { kind: 'destroy', verb: 'tag', index: 0, target: 'x' });
  assert.equal(findVerb(['a', 'b', 'c', 'd', 'delete'], sets), null);
});

test('hasDryRun: present unless switched off', () => {
  assert.deepEqual(
    ['--dry-run', '--dry-run=client', '--dry-run=none', '--dry-run=false', '--dryrun'].map((a) => hasDryRun([a], ['--dry-run', '--dryrun'])),
    [true, true, false, false, true],
  );
  assert.equal(hasDryRun(['--', '--dry-run'], ['--dry-run']), false);
});
