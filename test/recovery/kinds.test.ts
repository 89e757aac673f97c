// The recovery kinds without the server: take a point for a real request record (classified by the
// real classifier), do the damage, verify and restore; and the integrity checks on a point whose
// files or manifest were changed afterwards, including a consistently re-sealed one.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import type { Action, RequestRecord } from '../../src/core/index.js';
import { classify, initClassifier } from '../../src/classify/index.js';
import { restoreRecoveryPoint, takeRecoveryPoint, verifyRecoveryPoint } from '../../src/broker/recovery/index.js';
import { seal } from '../../src/broker/recovery/manifest.js';
import { git } from './kit.js';

before(() => initClassifier());

let n = 0;
function request(action: Action, cwd: string): RequestRecord {
  return {
    id: `req_test_${process.pid}_${n++}`,
    agentId: 'agent-1',
    operator: 'senior-a',
    action,
    targetId: 'ws',
    environment: 'production',
    digest: 'x',
    report: classify(action, { cwd }),
    decision: { verdict: 'approve', matched: [], errors: [], policyDigest: '', reasons: [] },
    status: 'approved',
    approvals: [],
    createdAt: 0,
    version: 1,
  };
}

const env = process.env as Record<string, string>;
const sh = (cwd: string, command: string): void => {
  const r = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
};

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-kinds-git-'));
  git(dir, 'init', '-q');
  writeFileSync(join(dir, 'tracked.txt'), 'v1\n');
  writeFileSync(join(dir, '.gitignore'), 'build/\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'one');
  writeFileSync(join(dir, 'tracked.txt'), 'v2\n');
  git(dir, 'commit', '-qam', 'two');
  return dir;
}

test('git reset --hard: HEAD, staged and unstaged changes come back', async () => {
  const dir = repo();
  const data = mkdtempSync(join(tmpdir(), 'cs-kinds-data-'));
  const head = git(dir, 'rev-parse', 'HEAD');
  writeFileSync(join(dir, 'tracked.txt'), 'v3 staged\n');
  git(dir, 'add', 'tracked.txt');
  writeFileSync(join(dir, 'tracked.txt'), 'v4 unstaged\n');
  const r = request({ kind: 'shell', command: 'git reset --hard HEAD~1' }, dir);
  const m = await takeRecoveryPoint(r, { dataDir: data, target: null, cwd: dir, env });
  assert.deepEqual(m?.parts.map((p) => p.kind), ['git']);
  sh(dir, 'git reset -q --hard HEAD~1');
  assert.equal(readFileSync(join(dir, 'tracked.txt'), 'utf8'), 'v1\n');
  await restoreRecoveryPoint(r.id, { dataDir: data, env, auditedDigest: m!.digest });
  assert.deepEqual([git(dir, 'rev-parse', 'HEAD'), readFileSync(join(dir, 'tracked.txt'), 'utf8'), git(dir, 'show', ':tracked.txt')], [head, 'v4 unstaged\n', 'v3 staged']);
});

test('git clean -fdx: untracked and ignored files come back; git branch -D: the branch comes back', async () => {
  const dir = repo();
  const data = mkdtempSync(join(tmpdir(), 'cs-kinds-data-'));
  sh(dir, 'mkdir -p build notes && echo out > build/app.js && echo idea > notes/todo.md && echo scratch > s.txt');
  const clean = request({ kind: 'shell', command: 'git clean -fdx' }, dir);
  const m = await takeRecoveryPoint(clean, { dataDir: data, target: null, cwd: dir, env });
  sh(dir, 'git clean -qfdx');
  assert.equal(existsSync(join(dir, 'notes/todo.md')), false);
  await restoreRecoveryPoint(clean.id, { dataDir: data, env, auditedDigest: m!.digest });
  assert.deepEqual(['build/app.js', 'notes/todo.md', 's.txt'].map((f) => readFileSync(join(dir, f), 'utf8')), ['out\n', 'idea\n', 'scratch\n']);

  git(dir, 'branch', 'feature', 'HEAD~1');
  const was = git(dir, 'rev-parse', 'feature');
  const del = request({ kind: 'shell', command: 'git branch -D feature' }, dir);
  const m2 = await takeRecoveryPoint(del, { dataDir: data, target: null, cwd: dir, env });
  sh(dir, 'git branch -q -D feature');
  await restoreRecoveryPoint(del.id, { dataDir: data, env, auditedDigest: m2!.digest });
  assert.equal(git(dir, 'rev-parse', 'feature'), was);
});

test('a point changed afterwards is refused: a flipped byte, an added file, a consistently re-sealed manifest', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'cs-kinds-ws-'));
  const data = mkdtempSync(join(tmpdir(), 'cs-kinds-data-'));
  writeFileSync(join(ws, 'precious.txt'), 'keep me\n');
  const r = request({ kind: 'file', op: 'delete', path: 'precious.txt' }, ws);
  const m = (await takeRecoveryPoint(r, { dataDir: data, target: null, cwd: ws, env }))!;
  const point = join(data, 'recovery', r.id);
  await verifyRecoveryPoint(r.id, { dataDir: data, env, auditedDigest: m.digest });

  const stored = join(point, 'files', 'data', '0');
  writeFileSync(stored, 'evil me\n');
  await assert.rejects(verifyRecoveryPoint(r.id, { dataDir: data, env }), { code: 'E_RECOVERY_CORRUPT', message: /files\/data\/0 does not match its sha256/ });
  // Whoever changed the bytes also rewrites the manifest's checksums and digest: the audited
  // digest still tells.
  const { digest: _d, files: _f, bytes: _b, ...rest } = m;
  const resealed = await seal(point, rest);
  await verifyRecoveryPoint(r.id, { dataDir: data, env });
  await assert.rejects(restoreRecoveryPoint(r.id, { dataDir: data, env, auditedDigest: m.digest }), { code: 'E_RECOVERY_CORRUPT', message: new RegExp(`manifest digest ${resealed.digest.slice(0, 12)}… is not the one in the audit log`) });
  writeFileSync(join(point, 'files', 'extra'), 'x');
  await assert.rejects(verifyRecoveryPoint(r.id, { dataDir: data, env }), { code: 'E_RECOVERY_CORRUPT', message: /files\/extra is not in the manifest/ });
  await assert.rejects(verifyRecoveryPoint('req_never', { dataDir: data, env }), { code: 'E_RECOVERY_MISSING' });
  assert.equal(readFileSync(join(ws, 'precious.txt'), 'utf8'), 'keep me\n');
});

test('nothing to keep is no point; a DROP of a table that does not exist keeps nothing', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cs-kinds-data-'));
  assert.equal(await takeRecoveryPoint(request({ kind: 'shell', command: 'ls -la' }, '/'), { dataDir: data, target: null, cwd: '/', env }), null);
  const drop = request({ kind: 'shell', command: "psql -h 127.0.0.1 -d test -qAtc 'DROP TABLE IF EXISTS cs_no_such_table_here'" }, '/');
  assert.equal(await takeRecoveryPoint(drop, { dataDir: data, target: null, cwd: '/', env }), null);
  assert.equal(existsSync(join(data, 'recovery', drop.id)), false);
});

test('terraform: the local state file is kept and put back; the output says cloud resources are not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-kinds-tf-'));
  const data = mkdtempSync(join(tmpdir(), 'cs-kinds-data-'));
  const state = JSON.stringify({ version: 4, serial: 7, resources: [{ type: 'aws_db_instance', name: 'main' }] });
  writeFileSync(join(dir, 'terraform.tfstate'), state);
  const r = request({ kind: 'shell', command: 'terraform destroy -auto-approve' }, dir);
  const m = (await takeRecoveryPoint(r, { dataDir: data, target: null, cwd: dir, env }))!;
  assert.deepEqual(m.parts.map((p) => [p.kind, p.what]), [['terraform', [`terraform state of ${dir} (copy of terraform.tfstate); cloud resources are not included`]]]);
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify({ version: 4, serial: 8, resources: [] }));
  const said: string[] = [];
  await restoreRecoveryPoint(r.id, { dataDir: data, env, auditedDigest: m.digest, say: (l) => said.push(l) });
  assert.equal(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'), state);
  assert.match(said.join('\n'), /terraform: NOT restored: cloud resources: anything the apply destroyed or replaced stays destroyed/);
});
