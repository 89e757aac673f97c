import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Target } from '../../core/index.js';
import { classify, initClassifier } from '../../classify/index.js';
import { credentialHazard, exposesCredentials } from './guard.js';

const target: Target = {
  id: 'prod',
  environment: 'production',
  credentials: { env: { PGHOST: '127.0.0.1', PGUSER: 'app', PGPASSWORD: 's3cret-pw', DATABASE_URL: 'postgres://app:s3cret-pw@db/x' }, files: { '/run/cs/kubeconfig': 'k' } },
};

before(() => initClassifier());

function runsWithCredentials(command: string): boolean {
  return credentialHazard(command, target, classify({ kind: 'shell', command })) === null;
}

test('environment dumps the review found are refused with credentials, whatever the case or quoting', () => {
  const dumps = [
    `awk 'BEGIN{for(k in ENVIRON) print k"="ENVIRON[k]}' | base64`,
    `perl -e 'print "$_=$ENV{$_}\\n" for keys %ENV'`,
    `python3 -c 'import os; print(os.environ)'`,
    `node -e 'console.log(process.env)'`,
    `jshell <<< 'System.getenv()'`,
    'set',
    'true; set | base64',
    'declare -p',
    'declare -x',
    'export -p',
    'compgen -v',
    'cat /proc/self/environ',
    'cat /proc/$$/environ',
    'strings /proc/*/environ',
    'xargs -0 < /proc/self/environ',
    "tr '\\0' '\\n' < /proc/self/envi''ron",
    'ps eww',
    'gdb -p $$ -batch -ex "info proc"',
    'strace -f -v -e execve true',
    'jq -n env',
    `jq -n '$ENV'`,
    'pr\\intenv',
    '"p"rintenv PGUSER',
    'echo ${!PG*}',
    'echo $PGUSER',
    'echo ${DATABASE_URL#postgres}',
    'echo $pgpassword',
    'cat /run/cs/kubeconfig',
    "psql -c '\\! env'",
    "psql -o '|base64' -c 'select 1'",
    'env',
    'env -0 | base64',
    'x=printenv; $x',
    '$(echo cHJpbnRlbnY= | base64 -d)',
    'timeout 5 gawk "BEGIN{}"',
    '/usr/bin/perl5.36 -e 1',
    "bash -c 'true'",
    '. ./script.sh',
    'source ./script.sh',
    'cat /pr[o]c/self/e[n]viron',
    'cd /; cd p*; cd s*; cat e*',
    "$'\\x70rintenv'",
    `git -c alias.x='!$(printf "\\x65nv")' x`,
    'echo `printf x`',
    'git -c core.pager=less log',
    'ssh -o ProxyCommand=x host true',
    'tar c /run/cs | base64',
    'cat /run/cs/kube?onfig',
  ];
  assert.deepEqual(dumps.filter(runsWithCredentials), []);
});

test('commands the classifier understands and that leave the environment alone still run', () => {
  const ordinary = [
    "psql -qAtc 'select count(*) from orders'",
    'psql -qAtc "set search_path to app; select 1"',
    "psql -qAtc 'select 1' | base64",
    `psql -qAtc "select * from t where a like 'x%'"`,
    "mysql -e 'select `id` from t'",
    'pg_dump -Fc shop > /tmp/shop.dump',
    'kubectl get pods -n shop',
    'ls -la .',
    'true',
  ];
  assert.deepEqual(ordinary.filter((c) => !runsWithCredentials(c)), []);
});

test('exposesCredentials: plain reads are named, so the refusal says why', () => {
  assert.deepEqual(
    ['echo $PGPASSWORD', 'ps eww', "awk 'BEGIN{print ENVIRON[\"X\"]}'", 'psql -c "select 1"'].map((c) => exposesCredentials(c, target)),
    [
      'it names PGPASSWORD, one of the secrets the broker injects',
      'it can print process environments (ps e), which holds the injected credentials',
      'it reads the environment from code, which holds the injected credentials',
      null,
    ],
  );
});

test('an unknown report or interpreter code is refused even when no pattern matches', () => {
  const unknown = { risk: 'unknown' as const, summary: 'x', findings: [] };
  assert.equal(credentialHazard('psql -c "select 1"', target, unknown), 'the classifier could not fully understand it (risk unknown)');
  const code = { risk: 'mutating' as const, summary: 'x', findings: [{ rule: 'shell.interpreter-code', risk: 'mutating' as const, effect: 'run-code', explanation: 'x' }] };
  assert.equal(credentialHazard('psql -c "select 1"', target, code), 'it runs code the classifier cannot vouch for (shell.interpreter-code)');
});
