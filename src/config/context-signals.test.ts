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
  });
});
