// Target resolution on a real file system: symlinks, globs and paths nobody can place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Action } from '../core/index.js';
import { hashToken, parseConfig, resolveTarget } from './index.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'cs-resolve-')));
const prod = join(base, 'deploy', 'prod');
const staging = join(base, 'staging');
for (const d of [join(prod, 'src'), join(staging, 'build', 'a'), join(staging, 'build', 'b')]) mkdirSync(d, { recursive: true });
writeFileSync(join(prod, 'src', 'app.ts'), 'export {};\n');
symlinkSync(prod, join(staging, 'p4')); // the review's `ln -s /home/deploy/pro* p4`
symlinkSync(join(base, 'ghost', 'data'), join(staging, 'p6')); // dangling: leads into a target not on this disk

const config = parseConfig(`version: 1
default_environment: production
environments:
  production: {protected: true, default: deny}
  staging: {protected: false, default: allow}
principals:
  humans: [{id: ana, roles: [senior], token_sha256: ${hashToken('ana-token-1234567890')}}]
targets:
  - {id: prod, environment: production, match: {cwd_prefix: ["${prod}"]}}
  - {id: ghost, environment: production, match: {cwd_prefix: ["${join(base, 'ghost')}"]}}
  - {id: staging, environment: staging, match: {cwd_prefix: ["${staging}"]}}
`);

const sh = (command: string): Action => ({ kind: 'shell', command });
const where = (a: Action, cwd = staging): [string | null, string] => {
  const r = resolveTarget(config, a, { cwd });
  return [r.target?.id ?? null, r.environment];
};

test('a working directory that is a symlink into production is production, and the real cwd is returned', () => {
  const r = resolveTarget(config, sh('ls'), { cwd: join(staging, 'p4') });
  assert.deepEqual(
    { target: r.target?.id, environment: r.environment, cwd: r.cwd, why: r.why },
    {
      target: 'prod',
      environment: 'production',
      cwd: prod,
      why: `target "prod" (production) from working directory ${join(staging, 'p4')}, which leads to ${prod}; also matched staging (working directory ${join(staging, 'p4')}), and the stricter target wins`,
    },
  );
});

test('symlinks, globs, other homes and computed paths from a staging workspace do not leave production', () => {
  const cases: [string, Action][] = [
    ['sed through a glob', sh(`sed -i 's/a/b/' ${base}/deploy/pro*/src/app.ts`)],
    ['cd through a glob', sh(`cd ${base}/deploy/pro? && rm -rf src`)],
    ['another account\'s home', sh('cd ~deploy/prod && rm -rf src')],
    ['a computed path', sh('rm -rf "$PROD_DIR/src"')],
    ['cd -', sh('cd - && rm -rf src')],
    ['a relative word that is a symlink', sh('cp -r build p4')],
    ['a relative path through a symlink', sh("sed -i 's/a/b/' p4/src/app.ts")],
    ['a dangling symlink into a target', sh('rm -rf p6/tables')],
    ['a glob too wide to read', sh(`cat ${base}/**/app.ts`)],
    ['a glob that could spell a target not on this disk', sh(`rm -rf ${base}/gho*/data`)],
    ['creating a link to production', sh(`ln -s ${prod} p5`)],
    ['creating a relative link to production', sh('ln -s ../deploy/prod p5')],
    ['a file action through a symlink', { kind: 'file', op: 'write', path: 'p4/src/app.ts', content: 'x' }],
  ];
  // ".." after a symlink is the parent of where it leads: staging/p4/.. is deploy/, not staging/.
  assert.deepEqual(resolveTarget(config, sh('ls'), { cwd: `${staging}/p4/..` }).cwd, join(base, 'deploy'));
  assert.deepEqual(Object.fromEntries(cases.map(([name, a]) => [name, where(a)])), {
    'sed through a glob': ['prod', 'production'],
    'cd through a glob': ['prod', 'production'],
    "another account's home": [null, 'production'],
    'a computed path': [null, 'production'],
    'cd -': [null, 'production'],
    'a relative word that is a symlink': ['prod', 'production'],
    'a relative path through a symlink': ['prod', 'production'],
    'a dangling symlink into a target': ['ghost', 'production'],
    'a glob too wide to read': [null, 'production'],
    'a glob that could spell a target not on this disk': [null, 'production'],
    'creating a link to production': ['prod', 'production'],
    'creating a relative link to production': ['prod', 'production'],
    'a file action through a symlink': ['prod', 'production'],
  });
});

test('staging work that stays in staging is still staging', () => {
  const cases: [string, Action][] = [
    ['a glob inside the workspace', sh('rm -rf ./build/*')],
    ['a glob with no match', sh('rm -f ./*.log')],
    ['plain relative words', sh('cp -r build dist && ls -la')],
    ['a regular expression', sh("grep -rn 'foo.*bar' build")],
    ['a link inside the workspace', sh('ln -s build/a latest')],
  ];
  assert.deepEqual(Object.fromEntries(cases.map(([name, a]) => [name, where(a)])), {
    'a glob inside the workspace': ['staging', 'staging'],
    'a glob with no match': ['staging', 'staging'],
    'plain relative words': ['staging', 'staging'],
    'a regular expression': ['staging', 'staging'],
    'a link inside the workspace': ['staging', 'staging'],
  });
});
