// The hooks against the real server: a captured-shape Claude Code payload through the command hook
// and the http hook, the pending -> approve -> retry-once cycle, approval and rejection while the
// hook waits, and every host's own format end to end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureText, runHook } from './run-hook.js';
import { human, startTeam, type Team } from './team.js';

let team: Team;
before(async () => {
  team = await startTeam({ hookWaitSeconds: 1 });
});
after(async () => {
  await team?.stop();
});

const env = (): Record<string, string> => ({ COUNTERSIGN_URL: team.url, COUNTERSIGN_TOKEN: team.token('agent-1'), COUNTERSIGN_HOOK_WAIT: '1' });
/** A fixture with its working directory moved into one of the team's workspaces. */
function payload(path: string, cwd: string, patch: Record<string, unknown> = {}): string {
  const o = JSON.parse(fixtureText(path)) as Record<string, unknown>;
  if ('workspace_roots' in o) o['workspace_roots'] = [cwd];
  o['cwd'] = cwd;
  return JSON.stringify({ ...o, ...patch });
}
const claudeBash = (cwd: string, command: string): string => payload('claude-code/pretooluse-bash.json', cwd, { tool_input: { command } });
const requestId = (text: string): string => /request (req_[a-z0-9]+)/.exec(text)![1]!;

test('claude-code command hook: pending denies with id and URL; after approval the identical retry is allowed once', async () => {
  const cmd = 'kubectl delete deployment checkout --context prod-cluster';
  const first = await runHook('claude-code', claudeBash(team.prod, cmd), env());
  assert.equal(first.code, 2, first.stderr);
  const id = requestId(first.stderr);
  assert.match(first.stderr, new RegExp(`Approve it at ${team.url}/requests/${id} or with \`countersign approve ${id}`));
  assert.match(first.stderr, /retry the identical action and it will be allowed once/);
  // The agent's operator may not approve; the other humans may.
  const byOperator = await human(team, 'senior-a', 'POST', `/v1/actions/${id}/approve`, { reason: 'mine' });
  assert.equal(byOperator.body.error.code, 'E_OPERATOR_APPROVAL');
  for (const who of ['senior-b', 'senior-c']) {
    const r = await human(team, who, 'POST', `/v1/actions/${id}/approve`, { reason: 'checked the rollout plan' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    if (r.body.status === 'approved') break;
  }
  const retry = await runHook('claude-code', claudeBash(team.prod, cmd), env());
  assert.equal(retry.code, 0, retry.stderr);
  assert.deepEqual(JSON.parse(retry.stdout), {
    hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: JSON.parse(retry.stdout).hookSpecificOutput.permissionDecisionReason },
  });
  assert.equal(requestId(retry.stdout), id);
  const again = await runHook('claude-code', claudeBash(team.prod, cmd), env());
  assert.equal(again.code, 2, 'an approval is used once');
  assert.notEqual(requestId(again.stderr), id);
});

test('command hook: an approval that arrives while the hook waits lets the call run; a rejection denies it', async () => {
  const cmd = 'helm uninstall payments --kube-context prod-cluster';
  const waiting = runHook('codex', payload('codex/pretooluse-bash.json', team.prod, { tool_input: { command: cmd } }), { ...env(), COUNTERSIGN_HOOK_WAIT: '20' });
  const id = await pendingId('helm uninstall payments');
  for (const who of ['senior-b', 'senior-c']) {
    const r = await human(team, who, 'POST', `/v1/actions/${id}/approve`, { reason: 'planned removal' });
    if (r.body.status === 'approved') break;
  }
  const r = await waiting;
  assert.deepEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr }, { code: 0, stdout: '', stderr: '' });

  const cmd2 = 'helm uninstall ledger --kube-context prod-cluster';
  const waiting2 = runHook('kiro', payload('kiro/pretooluse-bash.json', team.prod, { tool_input: { command: cmd2 } }), { ...env(), COUNTERSIGN_HOOK_WAIT: '20' });
  const id2 = await pendingId('helm uninstall ledger');
  await human(team, 'senior-b', 'POST', `/v1/actions/${id2}/reject`, { reason: 'ledger is still in use' });
  const r2 = await waiting2;
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, new RegExp(`not allowed \\(request ${id2}, rejected\\).*ledger is still in use`));
});

async function pendingId(fragment: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const r = await human(team, 'admin', 'GET', '/v1/requests?status=pending');
    const hit = (r.body.requests as { id: string; action: { command?: string } }[]).find((q) => q.action.command?.includes(fragment));
    if (hit) return hit.id;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`no pending request for ${fragment}`);
}

const http = async (body: unknown, token = team.token('agent-1')): Promise<{ status: number; body: any }> => {
  const res = await fetch(`${team.url}/v1/hooks/claude-code`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

test('claude-code http hook: allow, pending deny, approve, retry once; PermissionRequest; malformed input is a 200 deny', async () => {
  const ok = await http(JSON.parse(claudeBash(team.staging, 'ls -la')));
  assert.equal(ok.status, 200);
  assert.equal(ok.body.hookSpecificOutput.permissionDecision, 'allow');

  const input = JSON.parse(claudeBash(team.prod, 'kubectl delete service cart --context prod-cluster'));
  const held = await http(input);
  assert.equal(held.status, 200);
  assert.equal(held.body.hookSpecificOutput.permissionDecision, 'deny');
  const id = requestId(held.body.hookSpecificOutput.permissionDecisionReason);
  for (const who of ['senior-b', 'senior-c']) {
    const r = await human(team, who, 'POST', `/v1/actions/${id}/approve`, { reason: 'ok' });
    if (r.body.status === 'approved') break;
  }
  const retry = await http(input);
  assert.equal(retry.body.hookSpecificOutput.permissionDecision, 'allow');
  assert.equal(requestId(retry.body.hookSpecificOutput.permissionDecisionReason), id);

  const perm = await http(JSON.parse(payload('claude-code/permissionrequest-bash.json', team.staging, { tool_input: { command: 'git status' } })));
  assert.deepEqual(perm, { status: 200, body: { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } } });

  const bad = await http({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: {} });
  assert.equal(bad.status, 200);
  assert.equal(bad.body.hookSpecificOutput.permissionDecision, 'deny');
  assert.match(bad.body.hookSpecificOutput.permissionDecisionReason, /E_BAD_INPUT.*tool_input\.command/);

  // Not an agent token: refused before the hook runs (Claude blocks on it only with onFailure "block").
  const human401 = await http(input, 'not-a-token');
  assert.equal(human401.status, 401);
});

test('every host format through the real server: a staging read is allowed, a production change is held', async () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['claude-code', 'claude-code/pretooluse-bash.json', { tool_input: { command: 'git log -5' } }],
    ['cursor', 'cursor/before-shell.json', { command: 'git log -5' }],
    ['gemini', 'gemini/beforetool-shell.json', { tool_input: { command: 'git log -5' } }],
    ['codex', 'codex/pretooluse-bash.json', { tool_input: { command: 'git log -5' } }],
    ['kiro', 'kiro/pretooluse-bash.json', { tool_input: { command: 'git log -5' } }],
  ];
  const allowShape: Record<string, (stdout: string) => void> = {
    'claude-code': (s) => assert.equal(JSON.parse(s).hookSpecificOutput.permissionDecision, 'allow'),
    cursor: (s) => assert.deepEqual(JSON.parse(s), { permission: 'allow' }),
    gemini: (s) => assert.equal(JSON.parse(s).decision, 'allow'),
    codex: (s) => assert.equal(s, ''),
    kiro: (s) => assert.equal(s, ''),
  };
  for (const [host, file, patch] of cases) {
    const allowed = await runHook(host, payload(file, team.staging, patch), env());
    assert.equal(allowed.code, 0, `${host}: ${allowed.stderr}`);
    allowShape[host]!(allowed.stdout);
    const held = await runHook(host, payload(file, team.prod), env());
    assert.equal(held.code, 2, `${host} must block: ${held.stdout}`);
    assert.match(held.stderr, /Countersign: this action (is waiting for human approval|is not allowed) \(request req_/, host);
  }
});

test('file tools: an agent cannot edit its own guard; an apply_patch is judged on every file it names', async () => {
  // Claude's Write of .claude/settings.json (the fixture) would switch the hook off: held, even in staging.
  const guard = await runHook('claude-code', payload('claude-code/pretooluse-write.json', team.staging, { tool_input: { file_path: `${team.staging}/.claude/settings.json`, content: '{}' } }), env());
  assert.equal(guard.code, 2, guard.stdout);
  const gid = requestId(guard.stderr);
  assert.equal((await human(team, 'admin', 'GET', `/v1/actions/${gid}`)).body.risk, 'destructive');

  const patch = (files: string): string =>
    payload('codex/pretooluse-apply-patch.json', team.staging, { tool_input: { command: `*** Begin Patch\n${files}*** End Patch\n` } });
  const fine = await runHook('codex', patch('*** Add File: notes/today.md\n+standup\n*** Update File: src/cart.ts\n@@\n-old\n+new\n'), env());
  assert.deepEqual({ code: fine.code, stdout: fine.stdout, stderr: fine.stderr }, { code: 0, stdout: '', stderr: '' });
  const sneaky = await runHook('codex', patch('*** Add File: notes/today.md\n+standup\n*** Add File: .git/hooks/pre-push\n+exit 0\n'), env());
  assert.equal(sneaky.code, 2);
  const sid = requestId(sneaky.stderr);
  const view = (await human(team, 'admin', 'GET', `/v1/actions/${sid}`)).body;
  assert.deepEqual({ path: view.action.path, risk: view.risk }, { path: `${team.staging}/.git/hooks/pre-push`, risk: 'destructive' });
});
