import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initParser } from '../../../classify/shell/parser.js';
import { parseCommand } from '../command/parse.js';
import { gitOps } from './ops.js';

before(() => initParser());

const ops = (command: string) => gitOps(parseCommand(command, '/w', '/root'));

test('force pushes and remote deletes name the remote and branches', () => {
  assert.deepEqual(ops('git push --force origin main'), { ops: [{ op: 'push', repo: '/w', remote: 'origin', branches: ['main'] }], unresolved: [] });
  assert.deepEqual(ops('git push origin +feat:release :old'), { ops: [{ op: 'push', repo: '/w', remote: 'origin', branches: ['release', 'old'] }], unresolved: [] });
  assert.deepEqual(ops('git -C ../other push -f'), { ops: [{ op: 'push', repo: '/other', remote: null, branches: 'current' }], unresolved: [] });
  assert.deepEqual(ops('git push origin --delete feat'), { ops: [{ op: 'push', repo: '/w', remote: 'origin', branches: ['feat'] }], unresolved: [] });
  assert.deepEqual(ops('git push origin main'), { ops: [], unresolved: [] });
});

test('branch deletes, resets, discards and cleans', () => {
  assert.deepEqual(ops('git branch -D a b').ops, [{ op: 'branch-delete', repo: '/w', branches: ['a', 'b'] }]);
  assert.deepEqual(ops('git reset --hard HEAD~2').ops, [{ op: 'discard', repo: '/w' }]);
  assert.deepEqual(ops('git reset --soft HEAD~1').ops, []);
  assert.deepEqual(ops('git checkout -- .').ops, [{ op: 'discard', repo: '/w' }]);
  assert.deepEqual(ops('git clean -fdx').ops, [{ op: 'clean', repo: '/w', ignored: 'also' }]);
  assert.deepEqual(ops('git clean -fX').ops, [{ op: 'clean', repo: '/w', ignored: 'only' }]);
  assert.deepEqual(ops('git clean -n').ops, []);
  assert.deepEqual(ops('git push --force origin "$BRANCH"'), { ops: [], unresolved: ['git push --force origin "$BRANCH"'] });
});
