import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signalsOf, tokenize } from './context-signals.js';

test('tokenize removes quotes, honours escapes and splits on operators', () => {
  assert.deepEqual(tokenize(`a "b c" 'd "e"' f\\ g h;i&&j|k>(l) "m\\"n"`), ['a', 'b c', 'd "e"', 'f g', 'h', 'i', 'j', 'k', 'l', 'm"n']);
  assert.deepEqual(tokenize(`''  ""`), ['', '']);
  assert.deepEqual(tokenize(`unterminated "quote here`), ['unterminated', 'quote here']);
});

test('signals from a shell command, nested scripts included', () => {
  const s = signalsOf(
    { kind: 'shell', command: `cd ../infra && PGHOST=Db1 AWS_PROFILE=ops terraform -chdir=live apply; ssh bastion 'psql -h db2 "host=db3 dbname=x"' && kubectl --context=prod delete ns x; mysql://u:p@db4:3306/x` },
    '/ws/app',
  );
  assert.deepEqual(s, {
    dbHosts: ['db4', 'db3', 'db1', 'db2'],
    kubeContexts: ['prod'],
    profiles: ['ops'],
    paths: ['/ws/infra', '/ws/infra/live'],
    mcpServers: [],
    // As written, for the check on disk: relative words too, since any of them may be a symlink.
    places: ['/ws/app/../infra', '/ws/infra/../infra', '/ws/infra/terraform', '/ws/infra/live', '/ws/infra/apply', '/ws/infra/bastion', '/ws/infra/db2', '/ws/infra/delete', '/ws/infra/ns', '/ws/infra/x'],
    globs: [],
    unresolved: [],
  });
});

test('relative paths need a working directory; file and MCP actions give theirs', () => {
  assert.deepEqual(signalsOf({ kind: 'shell', command: 'rm -rf ../x /abs/y' }, undefined).paths, ['/abs/y']);
  assert.deepEqual(signalsOf({ kind: 'file', op: 'write', path: 'src/a.ts' }, '/ws/app').paths, ['/ws/app/src/a.ts']);
  assert.deepEqual(signalsOf({ kind: 'mcp', server: 'fs', tool: 'write', arguments: { path: '/ws/prod/a', nested: [{ url: 'postgres://db9/x' }] } }, undefined), {
    dbHosts: ['db9'],
    kubeContexts: [],
    profiles: [],
    paths: ['/ws/prod/a'],
    mcpServers: ['fs'],
    places: ['/ws/prod/a'],
    globs: [],
    unresolved: [],
  });
});

test('globs, other accounts\' homes, computed paths and ln targets are signals of their own', () => {
  const pick = (command: string, cwd = '/ws/staging') => {
    const s = signalsOf({ kind: 'shell', command }, cwd);
    return { paths: s.paths, globs: s.globs, unresolved: s.unresolved };
  };
  assert.deepEqual(
    [
      pick("sed -i 's/a/b/' /home/deploy/pro*/src/app.ts"),
      pick('cd /home/deploy/pro? && rm -rf src'),
      pick('cd ~deploy/prod && rm -rf src'),
      pick('rm -rf $PROD/src; cd "$(cat where)"; cd -'),
      pick('ln -s ../../prod/app sub/p4'),
    ],
    [
      { paths: [], globs: ['/home/deploy/pro*/src/app.ts'], unresolved: [] },
      { paths: [], globs: ['/home/deploy/pro?'], unresolved: [] },
      { paths: [], globs: [], unresolved: ['~deploy/prod'] },
      { paths: [], globs: [], unresolved: ['$PROD/src', '$(cat where)', '-'] },
      { paths: ['/prod/app'], globs: [], unresolved: [] },
    ],
  );
  // The ln target is relative to the link's directory: both readings are checked on disk.
  assert.deepEqual(signalsOf({ kind: 'shell', command: 'ln -s ../../prod/app sub/p4' }, '/ws/staging').places, [
    '/ws/staging/sub/../../prod/app', '/ws/staging/sub/p4/../../prod/app', '/ws/staging/../../prod/app', '/ws/staging/sub/p4',
  ]);
});
