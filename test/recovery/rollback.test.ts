// Recovery points and rollback, for real, through the running server and the broker: a policy
// that requires a verified recovery point for destructive production actions; a table dropped and
// restored with its rows (local PostgreSQL); files deleted by an approved `rm -rf` restored byte
// for byte with their modes; a force-pushed branch restored to its old commit (local bare remote);
// a corrupted point detected at rollback and refused; a point over the size bound stops the action.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { api, serve, type Server, type TeamDir } from '../e2e/kit.js';
import { agentEnv, makeDb, type Db } from '../broker/kit.js';
import { asAgent, asAgentApproved, auditOf, git, recoveryTeam } from './kit.js';

let db: Db;
let team: TeamDir;
let server: Server;
let env: Record<string, string>;
// Workspaces live outside the temp directory: the classifier rightly treats deleting something
// under /tmp as routine, and these tests are about destroying work that matters.
let home: string;

before(async () => {
  home = mkdtempSync(join(homedir(), '.cs-recovery-test-'));
  db = makeDb();
  team = recoveryTeam(db);
  server = await serve(team);
  env = agentEnv(server.url, team.tokens.get('agent-1')!);
});

after(async () => {
  const code = await server?.stop();
  if (code !== 0 && code !== null) process.stderr.write(`server exited ${code}: ${server.stderr()}\n`);
  db?.drop();
  if (home) rmSync(home, { recursive: true, force: true });
});

function psql(sql: string): string {
  const r = spawnSync('psql', ['-X', '-h', '127.0.0.1', '-U', db.role, '-d', db.database, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

/** Every path under `root` with its type, mode and content digest (or link text). */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (p: string, rel: string): void => {
    const st = lstatSync(p);
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(p)}`;
    else if (st.isDirectory()) {
      out[rel] = `dir ${mode}`;
      for (const c of readdirSync(p)) visit(join(p, c), `${rel}/${c}`);
    } else out[rel] = `file ${mode} ${readFileSync(p).toString('base64')}`;
  };
  visit(root, '.');
  return out;
}

function workspace(): { dir: string; data: string } {
  const dir = mkdtempSync(join(home, 'ws-'));
  const data = join(dir, 'data');
  mkdirSync(join(data, 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(data, 'notes.txt'), 'first line\nsecond line\n');
  writeFileSync(join(data, 'run.sh'), '#!/bin/sh\necho hi\n');
  writeFileSync(join(data, 'nested', 'blob.bin'), randomBytes(200_000));
  writeFileSync(join(data, 'nested', 'deeper', 'secret.key'), 'k');
  symlinkSync('../notes.txt', join(data, 'nested', 'link-to-notes'));
  chmodSync(join(data, 'notes.txt'), 0o640);
  chmodSync(join(data, 'run.sh'), 0o755);
  chmodSync(join(data, 'nested', 'deeper', 'secret.key'), 0o400);
  chmodSync(join(data, 'nested', 'deeper'), 0o750);
  return { dir, data };
}

async function view(id: string): Promise<any> {
  return (await api(server.url, team.tokens.get('senior-b')!, 'GET', `/v1/actions/${id}`)).body;
}

test('files deleted by an approved rm -rf are restored byte for byte with their modes', async () => {
  const ws = workspace();
  const before = tree(ws.data);
  const ran = await asAgentApproved(server, team, env, ['exec', '--target', 'ws', '--wait', '60', '--', 'rm', '-rf', 'data'], ws.dir, 'rm -rf data');
  assert.equal(ran.code, 0, ran.stderr);
  assert.equal(existsSync(ws.data), false);
  assert.match(ran.stderr, new RegExp(`recovery point taken \\(${ws.data}\\); roll back with: countersign rollback ${ran.id}`));
  const v = await view(ran.id);
  assert.equal(v.status, 'executed');
  const digest = v.execution?.recovery?.digest ?? (await auditOf(server, team, 'recovery.taken')).find((e) => e.body['request'] === ran.id)?.body['digest'];
  const taken = (await auditOf(server, team, 'recovery.taken')).filter((e) => e.body['request'] === ran.id);
  assert.deepEqual(taken.map((e) => ({ request: e.body['request'], kind: e.body['kind'], digest: e.body['digest'] })), [{ request: ran.id, kind: 'files', digest }]);
  assert.match(String(digest), /^[0-9a-f]{64}$/);

  // Rollback is a request of its own: production, so it waits for an approval (mutating: one).
  const rb = await asAgentApproved(server, team, env, ['rollback', ran.id, '--wait', '60'], ws.dir, `countersign rollback ${ran.id}`, ['senior-b']);
  assert.equal(rb.code, 0, rb.stderr);
  assert.deepEqual(tree(ws.data), before);
  assert.match(rb.stdout, /files: restored/);
  const restored = (await auditOf(server, team, 'recovery.restored')).filter((e) => e.body['request'] === ran.id);
  assert.deepEqual(restored.map((e) => e.body), [{ request: ran.id, by: rb.id, kind: 'files', digest }]);
  // The rollback kept what was there before it (nothing), so rolling the rollback back deletes again.
  const undo = await asAgentApproved(server, team, env, ['rollback', rb.id, '--wait', '60'], ws.dir, `countersign rollback ${rb.id}`, ['senior-b']);
  assert.equal(undo.code, 0, undo.stderr);
  assert.equal(existsSync(ws.data), false);
});

test('a dropped table is restored with its rows', async () => {
  psql(`CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL, qty int CHECK (qty > 0)); INSERT INTO orders SELECT g, 'item-' || g, 1 + g % 7 FROM generate_series(1, 5000) g; CREATE INDEX orders_item ON orders (item);`);
  const fingerprint = (): string => psql(`SELECT count(*) || ':' || sum(qty) || ':' || md5(string_agg(item, ',' ORDER BY id)) FROM orders`);
  const before = fingerprint();
  const cwd = mkdtempSync(join(tmpdir(), 'cs-rec-agent-'));
  const ran = await asAgentApproved(server, team, env, ['exec', '--target', 'db', '--wait', '60', '--', 'psql', '-qAtc', 'DROP TABLE orders'], cwd, "psql -qAtc 'DROP TABLE orders'");
  assert.equal(ran.code, 0, ran.stderr);
  assert.equal(psql(`SELECT count(*) FROM pg_tables WHERE tablename = 'orders'`), '0');
  assert.match(ran.stderr, /recovery point taken \(table public\.orders \(pg_dump -Fc of cs_broker_/);
  const rb = await asAgentApproved(server, team, env, ['rollback', ran.id, '--wait', '60'], cwd, `countersign rollback ${ran.id}`, ['senior-c']);
  assert.equal(rb.code, 0, rb.stderr);
  assert.equal(fingerprint(), before);
  assert.equal(psql(`SELECT indexname FROM pg_indexes WHERE tablename = 'orders' ORDER BY 1`), 'orders_item\norders_pkey');
});

test('a force-pushed branch is restored to its old commit on the remote', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cs-rec-git-'));
  const remote = join(root, 'remote.git');
  git(root, 'init', '-q', '--bare', remote);
  const work = join(root, 'work');
  git(root, 'clone', '-q', remote, work);
  writeFileSync(join(work, 'a.txt'), 'a\n');
  git(work, 'add', '.');
  git(work, 'commit', '-qm', 'A');
  const a = git(work, 'rev-parse', 'HEAD');
  writeFileSync(join(work, 'b.txt'), 'b\n');
  git(work, 'add', '.');
  git(work, 'commit', '-qm', 'B');
  const b = git(work, 'rev-parse', 'HEAD');
  git(work, 'push', '-q', 'origin', 'main');
  // Someone rewrites history locally: B is gone from this clone entirely.
  git(work, 'reset', '-q', '--hard', a);
  writeFileSync(join(work, 'c.txt'), 'c\n');
  git(work, 'add', '.');
  git(work, 'commit', '-qm', 'C');
  const c = git(work, 'rev-parse', 'HEAD');
  git(work, 'update-ref', '-d', 'refs/remotes/origin/main');
  git(work, 'reflog', 'expire', '--expire=now', '--all');
  git(work, 'gc', '-q', '--prune=now');
  assert.notEqual(spawnSync('git', ['cat-file', '-e', b], { cwd: work }).status, 0, 'B is still in the clone');

  const ran = await asAgentApproved(server, team, env, ['exec', '--target', 'repo', '--wait', '60', '--', 'git', 'push', '--force', 'origin', 'main'], work, 'git push --force origin main');
  assert.equal(ran.code, 0, ran.stderr);
  assert.equal(git(remote, 'rev-parse', 'refs/heads/main'), c);
  const rb = await asAgentApproved(server, team, env, ['rollback', ran.id, '--wait', '60'], work, `countersign rollback ${ran.id}`, ['senior-b']);
  assert.equal(rb.code, 0, rb.stderr);
  assert.equal(git(remote, 'rev-parse', 'refs/heads/main'), b);
  assert.match(rb.stdout, new RegExp(`git: origin main -> ${b.slice(0, 12)} \\(pushed back\\)`));
});

test('a corrupted recovery point is detected at rollback and refused', async () => {
  const ws = workspace();
  const ran = await asAgentApproved(server, team, env, ['exec', '--target', 'ws', '--wait', '60', '--', 'rm', '-rf', 'data'], ws.dir, 'rm -rf data');
  assert.equal(ran.code, 0, ran.stderr);
  // One byte of the stored notes.txt changes on disk.
  const stored = join(team.dir, 'data', 'recovery', ran.id, 'files', 'data', '0');
  const bytes = readFileSync(stored);
  bytes[0] = bytes[0]! ^ 0xff;
  writeFileSync(stored, bytes);
  const rb = await asAgentApproved(server, team, env, ['rollback', ran.id, '--wait', '60'], ws.dir, `countersign rollback ${ran.id}`, ['senior-b']);
  assert.notEqual(rb.code, 0);
  assert.match(rb.stderr, /E_RECOVERY_CORRUPT/);
  assert.match(rb.stderr, /files\/data\/0 does not match its sha256/);
  assert.equal(existsSync(ws.data), false, 'nothing may be restored from a corrupted point');
  const refused = (await auditOf(server, team, 'recovery.refused')).filter((e) => e.body['request'] === ran.id);
  assert.deepEqual(refused.map((e) => [e.body['by'], e.body['code']]), [[rb.id, 'E_RECOVERY_CORRUPT']]);
  assert.equal((await view(rb.id)).status, 'failed');
});

test('a required recovery point over the size bound stops the action; approvers see why', async () => {
  const ws = workspace();
  const ran = await asAgentApproved(server, team, env, ['exec', '--target', 'small', '--wait', '60', '--', 'rm', '-rf', 'data'], ws.dir, 'rm -rf data');
  assert.notEqual(ran.code, 0);
  assert.match(ran.stderr, /E_RECOVERY_TOO_LARGE/);
  assert.equal(existsSync(join(ws.data, 'notes.txt')), true, 'the action ran without its required recovery point');
  const v = await view(ran.id);
  assert.deepEqual([v.approval?.recoveryPoint, v.status, v.execution?.recovery?.error?.code, v.execution?.recovery?.required], ['required', 'failed', 'E_RECOVERY_TOO_LARGE', true]);
  assert.match(v.execution.recovery.error.message, /more than 100 bytes .*raise the target's recovery\.max_bytes/);
  const verify = await api(server.url, team.tokens.get('admin')!, 'GET', '/v1/audit/verify');
  assert.equal(verify.body.ok, true);
});

test('recovery list shows the points; rollback of a request without a point is E_RECOVERY_MISSING', async () => {
  const r = spawnSync(process.execPath, [new URL('../../../bin/countersign', import.meta.url).pathname, 'recovery', 'list', '--dir', team.dir, '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const kinds = (JSON.parse(r.stdout) as { kinds: string[] }[]).map((p) => p.kinds.join('+')).sort();
  // Each action's point, and each successful rollback's point of what it replaced (none for the
  // dropped table: there was no table to keep; none for undoing a rollback, whose action is
  // `countersign rollback`, which no kind reads).
  assert.deepEqual(kinds, ['files', 'files', 'files', 'git', 'git', 'postgres']);
  const cwd = mkdtempSync(join(tmpdir(), 'cs-rec-agent-'));
  const read = await asAgent(env, ['exec', '--target', 'db', '--', 'psql', '-qAtc', 'select 1'], cwd);
  assert.equal(read.code, 0, read.stderr);
  const list = await api(server.url, team.tokens.get('admin')!, 'GET', '/v1/requests?status=executed');
  const readId = list.body.requests.find((x: { action: { command: string } }) => x.action.command === "psql -qAtc 'select 1'").id;
  const rb = await asAgentApproved(server, team, env, ['rollback', readId, '--wait', '60'], cwd, `countersign rollback ${readId}`, ['senior-b']);
  assert.notEqual(rb.code, 0);
  assert.match(rb.stderr, /E_RECOVERY_MISSING/);
  // Pruning: a dry run lists, the real one removes, and then a rollback finds nothing.
  const bin = new URL('../../../bin/countersign', import.meta.url).pathname;
  const dry = spawnSync(process.execPath, [bin, 'recovery', 'prune', '--older-than', '0s', '--dry-run', '--dir', team.dir, '--json'], { encoding: 'utf8' });
  assert.equal((JSON.parse(dry.stdout) as unknown[]).length, 6, dry.stderr);
  const kept = spawnSync(process.execPath, [bin, 'recovery', 'prune', '--dir', team.dir], { encoding: 'utf8' });
  assert.deepEqual([kept.status, kept.stdout], [0, 'nothing to prune\n']);
  const pruned = spawnSync(process.execPath, [bin, 'recovery', 'prune', '--older-than', '0s', '--dir', team.dir, '--json'], { encoding: 'utf8' });
  assert.equal((JSON.parse(pruned.stdout) as unknown[]).length, 6, pruned.stderr);
  const empty = spawnSync(process.execPath, [bin, 'recovery', 'list', '--dir', team.dir], { encoding: 'utf8' });
  assert.deepEqual([empty.status, empty.stdout], [0, 'no recovery points\n']);
});
