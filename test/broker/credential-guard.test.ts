// The security review's finding, end to end: with a production target's credentials injected, a
// command that can read its own environment must not run unless people read and approved it, and
// an encoded secret in the output is redacted like a plain one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, serve, type Server } from '../e2e/kit.js';
import { brokerTeam, makeDb, PASSWORD_VAR, type Db } from './kit.js';

let db: Db;
let server: Server;
let tokens: Map<string, string>;

before(async () => {
  db = makeDb();
  const team = brokerTeam(db);
  tokens = team.tokens;
  process.env[PASSWORD_VAR] = db.password;
  try {
    server = await serve(team);
  } finally {
    delete process.env[PASSWORD_VAR];
  }
});

after(async () => {
  await server?.stop();
  db?.drop();
});

const agent = (): string => tokens.get('agent-1')!;

function events(body: unknown): { type: string; data?: string }[] {
  return String(body).trim().split('\n').map((l) => JSON.parse(l));
}

test("the review's exploit (awk ENVIRON | base64) is refused before anything runs, saying what to do", async () => {
  const r = await api(server.url, agent(), 'POST', '/v1/exec', { target: 'db', command: `awk 'BEGIN{for(k in ENVIRON) print k"="ENVIRON[k]}' | base64` });
  assert.deepEqual([r.status, r.body.error.code], [403, 'E_FORBIDDEN']);
  assert.match(r.body.error.message, /reads the environment from code.*[Rr]un it without --target/s);
});

test('other ways to reach the environment are refused with credentials, none is allowed', async () => {
  const commands = ['ps eww', 'cat /proc/$$/environ', 'xargs -0 < /proc/self/environ', 'compgen -v', 'declare -x', "perl -e 'print %ENV'", 'set | base64', 'strings /proc/1/environ'];
  const got = [];
  for (const command of commands) {
    const r = await api(server.url, agent(), 'POST', '/v1/exec', { target: 'db', command });
    got.push(r.body.error?.code ?? r.body.status);
  }
  assert.deepEqual(got, commands.map(() => 'E_FORBIDDEN'));
});

test('interpreter code runs with credentials only after people approved that exact command', async () => {
  const command = `python3 -c 'print(6*7)'`;
  const r = await api(server.url, agent(), 'POST', '/v1/exec', { target: 'db', command });
  if (r.body.status === 'allowed' || r.status !== 200) {
    // Nobody would read it before it ran with the credentials: refused.
    assert.deepEqual([r.status, r.body.error?.code], [403, 'E_FORBIDDEN']);
    return;
  }
  assert.equal(r.body.status, 'pending');
  for (const who of ['senior-b', 'senior-c']) await api(server.url, tokens.get(who)!, 'POST', `/v1/actions/${r.body.id}/approve`, { reason: 'reviewed' });
  const ran = await api(server.url, agent(), 'POST', `/v1/actions/${r.body.id}/execute`, {});
  const ev = events(ran.body);
  assert.deepEqual([ev.map((e) => e.type), Buffer.from(ev[1]!.data!, 'base64').toString()], [['started', 'stdout', 'exit'], '42\n']);
});

test('a secret that comes out base64- or hex-encoded is redacted', async () => {
  const [a, b] = [db.password.slice(0, 4), db.password.slice(4)];
  const sql = `select encode(('x${a}' || '${b}')::bytea, 'base64'), encode(('${a}' || '${b}')::bytea, 'hex'), reverse('${a}' || '${b}')`;
  const r = await api(server.url, agent(), 'POST', '/v1/exec', { target: 'db', command: `psql -qAtc "${sql}"` });
  assert.equal(r.body.status, 'allowed');
  const ran = await api(server.url, agent(), 'POST', `/v1/actions/${r.body.id}/execute`, {});
  const out = events(ran.body).filter((e) => e.type === 'stdout').map((e) => Buffer.from(e.data!, 'base64').toString()).join('');
  // The base64 column keeps the characters at the edges, which also depend on the bytes around.
  assert.equal(out.replace(/^[A-Za-z0-9+/]{1,2}\[/, '[').replace(/\][A-Za-z0-9+/]{0,2}=*\|/, ']|'), '[redacted by countersign]|[redacted by countersign]|[redacted by countersign]\n');
});
