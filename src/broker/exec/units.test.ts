import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { Target } from '../../core/index.js';
import { checkAgentEnv, composeEnv, pickAgentEnv, secretsOf } from './env.js';
import { shellJoin } from './quote.js';
import { StreamRedactor } from './redact.js';

const target: Target = {
  id: 'db',
  environment: 'production',
  credentials: { env: { PGHOST: '127.0.0.1', PGUSER: 'app', PGPASSWORD: 's3cret-pw', DATABASE_URL: 'postgres://app:s3cret-pw@db/x' }, files: { '/run/cs/kubeconfig': 'apiVersion: v1\nkind: Config\n' } },
};

test('shellJoin: bash reads back exactly the argv', () => {
  const argv = ['psql', '-c', "select 'it''s' as x; -- $HOME `id` \"q\"", '', 'a b', '*', '~', '!x'];
  const r = spawnSync('/bin/bash', ['-c', `printf '%s\\0' ${shellJoin(argv)}`], { encoding: 'utf8' });
  assert.deepEqual(r.stdout.split('\0').slice(0, -1), argv);
  assert.equal(shellJoin(['psql', '-qAtc', 'select 1']), "psql -qAtc 'select 1'");
});

test('the redactor hides secrets split across chunks and keeps everything else', () => {
  const input = 'user=app pw=s3cret-pw url=postgres://app:s3cret-pw@db/x end s3cr';
  const outputs = new Set<string>();
  for (let size = 1; size <= input.length; size++) {
    const red = new StreamRedactor(secretsOf(target));
    const pieces: Buffer[] = [];
    for (let i = 0; i < input.length; i += size) pieces.push(red.push(Buffer.from(input.slice(i, i + size))));
    pieces.push(red.end());
    outputs.add(Buffer.concat(pieces).toString());
  }
  assert.deepEqual([...outputs], ['user=app pw=[redacted by countersign] url=[redacted by countersign] end s3cr']);
});

test('secrets: secret-named variables and file contents, not user names or hosts', () => {
  assert.deepEqual(secretsOf(target), ['postgres://app:s3cret-pw@db/x', 'apiVersion: v1\nkind: Config\n', 's3cret-pw']);
});

test('environment: display variables from the agent, PATH and HOME from Countersign, credentials on top', () => {
  const agent = pickAgentEnv({ LANG: 'C.UTF-8', LC_ALL: 'C', PATH: '/tmp/evil', HOME: '/tmp/evil', PGPASSWORD: 'agent-guess', TERM: 'xterm' });
  assert.deepEqual(agent, { LANG: 'C.UTF-8', LC_ALL: 'C', TERM: 'xterm' });
  assert.deepEqual(composeEnv(agent, target, { PATH: '/usr/bin:/bin', HOME: '/srv/cs', SECRET_OF_SERVER: 'x' }), {
    LANG: 'C.UTF-8', LC_ALL: 'C', TERM: 'xterm', PATH: '/usr/bin:/bin', HOME: '/srv/cs',
    PGHOST: '127.0.0.1', PGUSER: 'app', PGPASSWORD: 's3cret-pw', DATABASE_URL: 'postgres://app:s3cret-pw@db/x',
  });
  assert.throws(() => checkAgentEnv({ PATH: '/tmp/evil' }), /E_FORBIDDEN|may not set PATH/);
  assert.throws(() => checkAgentEnv({ LANG: 7 }), /must be a string/);
});
