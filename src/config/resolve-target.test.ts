import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Action } from '../core/index.js';
import { hashToken, parseConfig, publicTarget, resolveTarget, type ResolveContext } from './index.js';

const config = parseConfig(`version: 1
default_environment: production
environments:
  production: {protected: true, default: deny}
  staging: {protected: false, default: allow}
  dev: {protected: false, default: allow}
principals:
  humans: [{id: ana, roles: [senior], token_sha256: ${hashToken('ana-token-1234567890')}}]
targets:
  - id: prod
    environment: production
    match: {cwd_prefix: [/ws/prod], db_host: [prod-db.internal, "*.prod.example.com"], kube_context: [prod-cluster], profile: [prod]}
    credentials: {env: {PGPASSWORD: hunter2}}
  - id: prod-data
    environment: production
    match: {cwd_prefix: [/ws/prod/data]}
  - id: staging
    environment: staging
    match: {cwd_prefix: [/ws/staging], db_host: [staging-db.internal], kube_context: [staging-cluster], profile: [staging], mcp_server: [staging-fs]}
  - id: dev
    environment: dev
    match: {cwd_prefix: [/ws/dev, /ws/prodigy]}
`);

const sh = (command: string): Action => ({ kind: 'shell', command });
const who = (action: Action, ctx: ResolveContext = {}, hint?: string): [string | null, string] => {
  const r = resolveTarget(config, action, ctx, hint);
  return [r.target?.id ?? null, r.environment];
};

test('the working directory picks the longest cwd_prefix, on path boundaries', () => {
  assert.deepEqual(
    [who(sh('ls'), { cwd: '/ws/prod/app' }), who(sh('ls'), { cwd: '/ws/prod/data/x/..' }), who(sh('ls'), { cwd: '/ws/prodigy' }), who(sh('ls'), { cwd: '/ws/prodx' })],
    [['prod', 'production'], ['prod-data', 'production'], ['dev', 'dev'], [null, 'production']],
  );
});

test('unresolvable context falls into the default environment', () => {
  assert.deepEqual(resolveTarget(config, sh('ls'), { cwd: '/tmp' }), {
    target: null,
    environment: 'production',
    why: 'no target matches the context (working directory /tmp); using the default environment "production"',
    cwd: '/tmp',
  });
  assert.deepEqual(who({ kind: 'sql', sql: 'DROP TABLE t' }), [null, 'production']);
});

test('database hosts come from connection strings and CLI flags', () => {
  assert.deepEqual(
    [
      who(sh('psql postgres://app:pw@prod-db.internal:5432/app -c "select 1"'), { cwd: '/ws/dev' }),
      who(sh('psql -h staging-db.internal -c "select 1"'), { cwd: '/tmp' }),
      who(sh('pg_dump --host=STAGING-DB.internal app'), {}),
      who(sh('PGHOST=replica.prod.example.com psql app'), {}),
      who(sh('psql "host=staging-db.internal dbname=app"'), {}),
      who(sh('psql -hstaging-db.internal'), {}),
    ],
    [['prod', 'production'], ['staging', 'staging'], ['staging', 'staging'], ['prod', 'production'], ['staging', 'staging'], ['staging', 'staging']],
  );
});

test('kube contexts, profiles and MCP servers identify targets', () => {
  assert.deepEqual(
    [
      who(sh('kubectl --context staging-cluster delete pod x')),
      who(sh('kubectl delete ns web'), { kubeContext: 'staging-cluster' }),
      who(sh('helm --kube-context=prod-cluster uninstall web')),
      who(sh('AWS_PROFILE=staging aws s3 rm s3://b --recursive')),
      who(sh('aws --profile staging ec2 describe-instances'), { cwd: '/ws/dev' }),
      who({ kind: 'mcp', server: 'staging-fs', tool: 'write_file', arguments: { path: 'notes.txt' } }),
    ],
    [['staging', 'staging'], ['staging', 'staging'], ['prod', 'production'], ['staging', 'staging'], ['staging', 'staging'], ['staging', 'staging']],
  );
});

test('conflicting signals resolve towards the protected target', () => {
  assert.deepEqual(resolveTarget(config, sh('cd /ws/prod && rm -rf build'), { cwd: '/ws/dev' }).why,
    'target "prod" (production) from path /ws/prod; also matched dev (working directory /ws/dev), and the stricter target wins');
  assert.deepEqual(
    [
      who(sh('rm -rf /ws/prod/data/cache'), { cwd: '/ws/dev' }),
      who(sh('rm -rf ../prod/data'), { cwd: '/ws/dev' }),
      who(sh("bash -c 'psql -h prod-db.internal -c \"drop table t\"'"), { cwd: '/ws/staging' }),
      who(sh('git -C /ws/prod push --force'), { cwd: '/ws/staging' }),
      who({ kind: 'file', op: 'delete', path: '../prod/.env' }, { cwd: '/ws/staging' }),
      who({ kind: 'mcp', server: 'staging-fs', tool: 'write_file', arguments: { path: '/ws/prod/app.ts' } }),
      // a planted staging signal cannot pull a production action out of production
      who(sh('rm -rf data # -h staging-db.internal'), { cwd: '/ws/prod' }),
    ],
    [['prod-data', 'production'], ['prod-data', 'production'], ['prod', 'production'], ['prod', 'production'], ['prod', 'production'], ['prod', 'production'], ['prod', 'production']],
  );
});

test("a shell action's own cwd counts too when it differs from the context's", () => {
  assert.deepEqual(
    [who({ kind: 'shell', command: 'rm -rf data', cwd: '/ws/prod' }, { cwd: '/ws/dev' }), who({ kind: 'shell', command: 'ls', cwd: '/ws/staging' })],
    [['prod', 'production'], ['staging', 'staging']],
  );
});

test("the agent's target hint is honoured only when the context agrees", () => {
  const claimed = resolveTarget(config, sh('rm -rf data'), { cwd: '/ws/prod' }, 'staging');
  assert.deepEqual([claimed.target?.id, claimed.environment, claimed.why], [
    'prod',
    'production',
    'target "prod" (production) from working directory /ws/prod; the agent\'s hint "staging" was ignored (the target comes from the context, not from the agent)',
  ]);
  const nowhere = resolveTarget(config, { kind: 'sql', sql: 'DROP TABLE users' }, {}, 'staging');
  assert.deepEqual([nowhere.target, nowhere.environment], [null, 'production']);
  const agrees = resolveTarget(config, sh('ls'), { cwd: '/ws/staging' }, 'staging');
  assert.match(agrees.why, /the agent's hint "staging" agrees$/);
});

test('publicTarget never shows credentials', () => {
  const t = resolveTarget(config, sh('ls'), { cwd: '/ws/prod' }).target;
  assert.deepEqual(t?.credentials, { env: { PGPASSWORD: 'hunter2' } });
  assert.deepEqual(publicTarget(t), {
    id: 'prod',
    environment: 'production',
    match: { cwd_prefix: ['/ws/prod'], db_host: ['prod-db.internal', '*.prod.example.com'], kube_context: ['prod-cluster'], profile: ['prod'] },
  });
});
