// The broker's database scenario, for real: a PostgreSQL role whose password only Countersign
// holds. Reads run at once; DROP TABLE waits for two senior approvals and then runs exactly once;
// the password never reaches the agent's environment or output.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, serve, type Server } from '../e2e/kit.js';
import { agentEnv, brokerTeam, execAsAgent, makeDb, PASSWORD_VAR, tableExists, type Db } from './kit.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let db: Db;
let server: Server;
let tokens: Map<string, string>;
let env: Record<string, string>;

before(async () => {
  db = makeDb();
  const team = brokerTeam(db);
  tokens = team.tokens;
  // Countersign's own environment holds the password; the agent's (below) does not.
  process.env[PASSWORD_VAR] = db.password;
  try {
    server = await serve(team);
  } finally {
    delete process.env[PASSWORD_VAR];
  }
  env = agentEnv(server.url, tokens.get('agent-1')!);
});

after(async () => {
  await server?.stop();
  db?.drop();
});

function assertNoSecret(...texts: string[]): void {
  for (const t of texts) assert.equal(t.includes(db.password), false, 'the password reached the agent side');
}

test('the agent environment never holds the credential', () => {
  assertNoSecret(JSON.stringify(env));
});

test('a read runs at once with the injected credentials', async () => {
  const r = await execAsAgent(env, ['--target', 'db', '--', 'psql', '-qAtc', 'select current_user, count(*) from t']);
  assert.deepEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr }, { code: 0, stdout: `${db.role}|1\n`, stderr: '' });
});

test('DROP TABLE waits for two senior approvals, then runs once; a second run needs new approvals', async () => {
  const drop = ['--target', 'db', '--wait', '60', '--', 'psql', '-qAtc', 'DROP TABLE t'];
  const running = execAsAgent(env, drop);
  const id = await pendingId();
  assert.equal(tableExists(db, 't'), true);
  const a1 = await api(server.url, tokens.get('senior-b')!, 'POST', `/v1/actions/${id}/approve`, { reason: 'planned cleanup' });
  assert.equal(a1.body.status, 'pending');
  assert.equal(tableExists(db, 't'), true);
  const a2 = await api(server.url, tokens.get('senior-c')!, 'POST', `/v1/actions/${id}/approve`, { reason: 'agreed' });
  assert.equal(a2.body.status, 'approved');
  const r = await running;
  assert.deepEqual({ code: r.code, stdout: r.stdout }, { code: 0, stdout: '' });
  assert.equal(tableExists(db, 't'), false);
  const view = await api(server.url, tokens.get('senior-b')!, 'GET', `/v1/actions/${id}`);
  assert.deepEqual([view.body.status, view.body.target, view.body.environment], ['executed', 'db', 'production']);
  // Running the same command again is a new request that needs its own approvals.
  const again = await execAsAgent(env, ['--target', 'db', '--wait', '0', '--', 'psql', '-qAtc', 'DROP TABLE t']);
  assert.equal(again.code, 75);
  assert.match(again.stderr, /still waiting for approval/);
  assert.equal(again.stderr.includes(id), false);
  // The old approval cannot be run a second time.
  const replay = await api(server.url, tokens.get('agent-1')!, 'POST', `/v1/actions/${id}/execute`, {});
  assert.deepEqual([replay.status, replay.body.error.code], [409, 'E_NOT_PENDING']);
  assertNoSecret(r.stdout, r.stderr, again.stdout, again.stderr);
});

test('retry after approval: the identical exec runs the approved request once', async () => {
  spawnSync('psql', ['-h', '127.0.0.1', '-U', db.role, '-d', db.database, '-qAtc', 'CREATE TABLE r (id int)']);
  const cmd = ['--target', 'db', '--wait', '0', '--', 'psql', '-qAtc', 'DROP TABLE r'];
  // The retry comes from the same directory: the working directory is part of the approved action.
  const cwd = mkdtempSync(join(tmpdir(), 'cs-agent-'));
  const first = await execAsAgent(env, cmd, cwd);
  assert.equal(first.code, 75);
  const id = /request (req_[A-Za-z0-9_-]+)/.exec(first.stderr)![1]!;
  await api(server.url, tokens.get('senior-a')!, 'POST', `/v1/actions/${id}/approve`, { reason: 'x' }).then((r) => assert.equal(r.body.error.code, 'E_OPERATOR_APPROVAL'));
  for (const who of ['senior-b', 'senior-c']) await api(server.url, tokens.get(who)!, 'POST', `/v1/actions/${id}/approve`, { reason: 'ok' });
  assert.equal(tableExists(db, 'r'), true);
  const second = await execAsAgent(env, cmd, cwd);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(tableExists(db, 'r'), false);
  const view = await api(server.url, tokens.get('senior-b')!, 'GET', `/v1/actions/${id}`);
  assert.equal(view.body.status, 'executed');
});

test('an allowed request runs once; another agent cannot run it', async () => {
  const agentTok = tokens.get('agent-1')!;
  const r = await api(server.url, agentTok, 'POST', '/v1/exec', { target: 'db', command: "psql -qAtc 'select 2'" });
  assert.equal(r.body.status, 'allowed');
  const human = await api(server.url, tokens.get('admin')!, 'POST', `/v1/actions/${r.body.id}/execute`, {});
  assert.deepEqual([human.status, human.body.error.code], [403, 'E_WRONG_PRINCIPAL_KIND']);
  const ran = await api(server.url, agentTok, 'POST', `/v1/actions/${r.body.id}/execute`, {});
  const events = String(ran.body).trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(events.map((e) => e.type), ['started', 'stdout', 'exit']);
  assert.equal(Buffer.from(events[1].data, 'base64').toString(), '2\n');
  assert.deepEqual(events[2], { type: 'exit', code: 0, signal: null, status: 'executed' });
  const twice = await api(server.url, agentTok, 'POST', `/v1/actions/${r.body.id}/execute`, {});
  assert.deepEqual([twice.status, twice.body.error.code], [409, 'E_NOT_PENDING']);
});

test('context naming another target is refused; unknown targets are refused', async () => {
  const agentTok = tokens.get('agent-1')!;
  const other = await api(server.url, agentTok, 'POST', '/v1/exec', { target: 'db', command: "psql -h staging-db.internal -c 'select 1'" });
  assert.deepEqual([other.status, other.body.error.code], [403, 'E_FORBIDDEN']);
  assert.match(other.body.error.message, /resolves to target "staging"/);
  const none = await api(server.url, agentTok, 'POST', '/v1/exec', { target: 'nope', command: 'true' });
  assert.deepEqual([none.status, none.body.error.code], [404, 'E_NOT_FOUND']);
  const bare = await api(server.url, agentTok, 'POST', '/v1/exec', { target: 'prod', command: 'true' });
  assert.deepEqual([bare.status, bare.body.error.code], [400, 'E_BAD_INPUT']);
});

test('a command that would print the credentials is refused; output is redacted anyway', async () => {
  const printing = await execAsAgent(env, ['--target', 'db', '--', 'sh', '-c', 'echo $PGPASSWORD']);
  assert.equal(printing.code, 126);
  assert.match(printing.stderr, /E_FORBIDDEN/);
  const dump = await execAsAgent(env, ['--target', 'db', '--', 'printenv']);
  assert.equal(dump.code, 126);
  // psql itself can show a connection setting; the broker's redaction hides the value.
  const shown = await execAsAgent(env, ['--target', 'db', '--', 'psql', '-qAtc', `select '${db.password.slice(0, 3)}' || '${db.password.slice(3)}'`]);
  assert.deepEqual({ code: shown.code, stdout: shown.stdout }, { code: 0, stdout: '[redacted by countersign]\n' });
  assertNoSecret(printing.stdout, printing.stderr, dump.stdout, dump.stderr, shown.stdout, shown.stderr);
});

test('the agent cannot choose PATH for the brokered command, and the audit log records the run', async () => {
  const r = await api(server.url, tokens.get('agent-1')!, 'POST', '/v1/exec', { target: 'db', command: 'true' });
  const refused = await api(server.url, tokens.get('agent-1')!, 'POST', `/v1/actions/${r.body.id}/execute`, { env: { PATH: '/tmp/evil' } });
  assert.deepEqual([refused.status, refused.body.error.code], [403, 'E_FORBIDDEN']);
  const audit = await api(server.url, tokens.get('admin')!, 'GET', '/v1/audit?type=execution.finished');
  const finished = audit.body.entries.map((e: { body: { status: string } }) => e.body.status);
  assert.deepEqual(finished.slice(0, 2), ['executed', 'executed']);
  const verify = await api(server.url, tokens.get('admin')!, 'GET', '/v1/audit/verify');
  assert.equal(verify.body.ok, true);
  const exported = await api(server.url, tokens.get('admin')!, 'GET', '/v1/audit/export');
  assertNoSecret(String(exported.body));
});

test('server unreachable: nothing runs, exit 126', async () => {
  const down = { ...env, COUNTERSIGN_URL: 'http://127.0.0.1:9' };
  const r = await execAsAgent(down, ['--target', 'db', '--', 'psql', '-qAtc', 'select 1']);
  assert.equal(r.code, 126);
  assert.match(r.stderr, /E_UNAVAILABLE/);
});

async function pendingId(): Promise<string> {
  const human = tokens.get('senior-b')!;
  for (let i = 0; i < 200; i++) {
    const list = await api(server.url, human, 'GET', '/v1/requests?status=pending');
    const hit = list.body.requests.find((v: { action: { command?: string } }) => v.action.command === "psql -qAtc 'DROP TABLE t'");
    if (hit) return hit.id as string;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no pending DROP TABLE request appeared');
}
