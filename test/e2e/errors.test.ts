// Bad input and authentication on a real server: every refusal has its stable code and status,
// and nothing is half-written (the audit chain still verifies and holds no entry for a refusal).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { api, makeTeam, serve, type Server, type TeamDir } from './kit.js';

let team: TeamDir;
let srv: Server;
const t = (id: string): string => team.tokens.get(id)!;

before(async () => {
  team = makeTeam();
  srv = await serve(team);
});
after(async () => {
  await srv.stop();
});

const code = (a: { status: number; body: any }): [number, string] => [a.status, a.body?.error?.code];

test('bodies: malformed JSON, unknown fields, wrong shapes, unsupported kinds, empty, oversized', async () => {
  const post = (body: unknown, headers?: Record<string, string>) => api(srv.url, t('agent-1'), 'POST', '/v1/actions', body, headers);
  assert.deepEqual(code(await post('{"action": ')), [400, 'E_BAD_JSON']);
  assert.deepEqual(code(await post('')), [400, 'E_EMPTY_INPUT']);
  assert.deepEqual(code(await post({ action: { kind: 'shell', command: 'ls' }, enviroment: 'dev' })), [400, 'E_UNKNOWN_FIELD']);
  assert.deepEqual(code(await post({ action: { kind: 'shell', command: 'ls', sudo: true } })), [400, 'E_UNKNOWN_FIELD']);
  assert.deepEqual(code(await post({ action: { kind: 'shell', command: 'ls' }, context: { cwd: '/', user: 'root' } })), [400, 'E_UNKNOWN_FIELD']);
  assert.deepEqual(code(await post({ action: { kind: 'shell', command: 42 } })), [400, 'E_BAD_INPUT']);
  assert.deepEqual(code(await post({ action: { kind: 'powershell', command: 'ls' } })), [400, 'E_UNSUPPORTED_KIND']);
  assert.deepEqual(code(await post([1, 2])), [400, 'E_BAD_INPUT']);
  assert.deepEqual(code(await post({})), [400, 'E_BAD_INPUT']);
  const huge = JSON.stringify({ action: { kind: 'shell', command: 'x'.repeat(1024 * 1024 + 10) } });
  assert.deepEqual(code(await post(huge)), [413, 'E_TOO_LARGE']);
  const reason = (body: unknown) => api(srv.url, t('senior-b'), 'POST', '/v1/actions/req_x/approve', body);
  assert.deepEqual(code(await reason({})), [400, 'E_REASON_REQUIRED']);
  assert.deepEqual(code(await reason({ reason: '   ' })), [400, 'E_REASON_REQUIRED']);
  assert.deepEqual(code(await reason({ reason: 'ok', force: true })), [400, 'E_UNKNOWN_FIELD']);
});

test('invalid UTF-8 is refused', async () => {
  const r = await new Promise<{ status: number; body: any }>((resolve, reject) => {
    const u = new URL(srv.url + '/v1/actions');
    const req = request(u, { method: 'POST', headers: { authorization: `Bearer ${t('agent-1')}`, 'content-type': 'application/json' } }, (res) => {
      let s = '';
      res.on('data', (d) => (s += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(s) }));
    });
    req.on('error', reject);
    req.end(Buffer.concat([Buffer.from('{"action":{"kind":"shell","command":"ls '), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')]));
  });
  assert.deepEqual(code(r), [400, 'E_INVALID_UTF8']);
});

test('tokens: missing, unknown, and of the wrong kind', async () => {
  const action = { action: { kind: 'shell', command: 'ls' } };
  assert.deepEqual(code(await api(srv.url, null, 'POST', '/v1/actions', action)), [401, 'E_UNAUTHENTICATED']);
  assert.deepEqual(code(await api(srv.url, 'cs_agent_not-a-real-token-at-all', 'POST', '/v1/actions', action)), [401, 'E_UNAUTHENTICATED']);
  assert.deepEqual(code(await api(srv.url, null, 'POST', '/v1/actions', action, { authorization: 'Basic YWRtaW46YWRtaW4=' })), [401, 'E_UNAUTHENTICATED']);
  assert.deepEqual(code(await api(srv.url, t('senior-b'), 'POST', '/v1/actions', action)), [403, 'E_WRONG_PRINCIPAL_KIND']);
  assert.deepEqual(code(await api(srv.url, t('agent-1'), 'GET', '/v1/requests')), [403, 'E_WRONG_PRINCIPAL_KIND']);
  assert.deepEqual(code(await api(srv.url, t('agent-1'), 'GET', '/v1/audit/verify')), [403, 'E_WRONG_PRINCIPAL_KIND']);
  assert.deepEqual(code(await api(srv.url, t('agent-1'), 'POST', '/v1/freeze', { reason: 'x' })), [403, 'E_WRONG_PRINCIPAL_KIND']);
  assert.deepEqual(code(await api(srv.url, t('senior-b'), 'POST', '/v1/freeze', { reason: 'x' })), [403, 'E_FORBIDDEN']);
  // ?token= is for the event stream only; elsewhere it authenticates nobody.
  assert.deepEqual(code(await api(srv.url, null, 'GET', `/v1/requests?token=${t('admin')}`)), [401, 'E_UNAUTHENTICATED']);
  assert.deepEqual((await api(srv.url, t('senior-b'), 'GET', '/v1/me')).body, { principal: { kind: 'human', id: 'senior-b', roles: ['senior'], name: 'Senior B' } });
});

test('requests: unknown id, already decided, another agent, bad parameters', async () => {
  assert.deepEqual(code(await api(srv.url, t('senior-b'), 'POST', '/v1/actions/req_missing/approve', { reason: 'x' })), [404, 'E_NOT_FOUND']);
  assert.deepEqual(code(await api(srv.url, t('senior-b'), 'GET', '/v1/actions/req_missing')), [404, 'E_NOT_FOUND']);
  const a = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action: { kind: 'sql', sql: 'DELETE FROM carts' }, context: { cwd: team.prod } });
  assert.equal(a.body.status, 'pending');
  assert.deepEqual(code(await api(srv.url, t('engineer'), 'POST', `/v1/actions/${a.body.id}/reject`, { reason: 'no' })), [200, undefined]);
  assert.deepEqual(code(await api(srv.url, t('senior-b'), 'POST', `/v1/actions/${a.body.id}/approve`, { reason: 'yes' })), [409, 'E_NOT_PENDING']);
  assert.deepEqual(code(await api(srv.url, t('senior-b'), 'GET', '/v1/requests?status=nonsense')), [400, 'E_BAD_INPUT']);
  assert.deepEqual(code(await api(srv.url, t('senior-b'), 'GET', '/v1/requests?colour=red')), [400, 'E_UNKNOWN_FIELD']);
  assert.deepEqual(code(await api(srv.url, t('agent-1'), 'GET', `/v1/actions/${a.body.id}?wait=soon`)), [400, 'E_BAD_INPUT']);
  assert.deepEqual(code(await api(srv.url, t('senior-b'), 'GET', '/v1/nothing-here')), [404, 'E_NOT_FOUND']);
  const list = await api(srv.url, t('senior-b'), 'GET', '/v1/requests?status=rejected');
  assert.deepEqual(list.body.requests.map((r: { id: string }) => r.id), [a.body.id]);
});

test('refusals write nothing: the chain verifies and has no entry for them', async () => {
  const before = (await api(srv.url, t('admin'), 'GET', '/v1/audit/verify')).body;
  await api(srv.url, t('agent-1'), 'POST', '/v1/actions', '{"broken');
  await api(srv.url, t('senior-b'), 'POST', '/v1/actions', { action: { kind: 'shell', command: 'ls' } });
  await api(srv.url, t('agent-1'), 'POST', '/v1/actions/req_missing/approve', { reason: 'x' });
  const afterwards = (await api(srv.url, t('admin'), 'GET', '/v1/audit/verify')).body;
  assert.equal(afterwards.ok, true);
  assert.equal(afterwards.entries, before.entries);
});

test('health, the placeholder page and the dashboard route', async () => {
  assert.deepEqual(await api(srv.url, null, 'GET', '/healthz'), { status: 200, body: { ok: true } });
  const page = await api(srv.url, null, 'GET', '/requests/req_123');
  assert.equal(page.status, 200);
  assert.match(page.body as string, /<title>Countersign<\/title>/);
});

test('host hooks over HTTP: a decision in the host protocol, and deny for a body that cannot be read', async () => {
  const input = {
    session_id: 's-1',
    transcript_path: '/tmp/t.jsonl',
    cwd: team.prod,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command: 'ls -la' },
    tool_use_id: 'toolu_1',
  };
  const ok = await api(srv.url, t('agent-1'), 'POST', '/v1/hooks/claude-code', input);
  assert.equal(ok.status, 200);
  assert.equal(ok.body.hookSpecificOutput.permissionDecision, 'allow');
  const broken = await api(srv.url, t('agent-1'), 'POST', '/v1/hooks/claude-code', '{"hook_event_name": "PreTo');
  assert.equal(broken.status, 200);
  assert.deepEqual([broken.body.hookSpecificOutput.permissionDecision, /\(E_BAD_INPUT\)/.test(broken.body.hookSpecificOutput.permissionDecisionReason)], ['deny', true]);
  assert.deepEqual(code(await api(srv.url, t('agent-1'), 'POST', '/v1/hooks/no-such-host', input)), [404, 'E_NOT_FOUND']);
  assert.deepEqual(code(await api(srv.url, t('senior-b'), 'POST', '/v1/hooks/claude-code', input)), [403, 'E_WRONG_PRINCIPAL_KIND']);
});

test('break-glass: admins only, a reason required, loudly audited', async () => {
  const a = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action: { kind: 'sql', sql: 'DROP TABLE glass' }, context: { cwd: team.prod } });
  const id = a.body.id as string;
  assert.deepEqual(code(await api(srv.url, t('senior-b'), 'POST', `/v1/actions/${id}/break-glass`, { reason: 'outage' })), [403, 'E_FORBIDDEN']);
  assert.deepEqual(code(await api(srv.url, t('admin'), 'POST', `/v1/actions/${id}/break-glass`, {})), [400, 'E_REASON_REQUIRED']);
  assert.deepEqual(code(await api(srv.url, t('agent-1'), 'POST', `/v1/actions/${id}/break-glass`, { reason: 'me' })), [403, 'E_AGENT_APPROVAL']);
  const ok = await api(srv.url, t('admin'), 'POST', `/v1/actions/${id}/break-glass`, { reason: 'outage, restoring from backup' });
  assert.deepEqual([ok.status, ok.body.status, ok.body.approvals.map((x: { by: string; kind: string }) => [x.by, x.kind])], [200, 'approved', [['admin', 'break-glass']]]);
  const entries = (await api(srv.url, t('admin'), 'GET', '/v1/audit?type=request.break-glass')).body.entries;
  assert.deepEqual(entries.map((e: { body: { request: string; by: string; warning: string } }) => [e.body.request, e.body.by, /BREAK-GLASS/.test(e.body.warning)]), [[id, 'admin', true]]);
});
