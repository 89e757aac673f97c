// The server's http hook when its caller goes away, and hook input with a key given twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runHook } from './run-hook.js';
import { human, startTeam, type Team } from './team.js';

let team: Team;
before(async () => {
  team = await startTeam({ hookWaitSeconds: 20 });
});
after(async () => {
  await team?.stop();
});

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

async function pendingId(fragment: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const r = await human(team, 'admin', 'GET', '/v1/requests?status=pending');
    const hit = (r.body.requests as { id: string; action: { command?: string } }[]).find((q) => q.action.command?.includes(fragment));
    if (hit) return hit.id;
    await sleep(50);
  }
  throw new Error(`no pending request for ${fragment}`);
}

test('http hook: a caller that went away is not waited for, and its approval is not used for it', async () => {
  const command = 'kubectl delete deployment search --context prod-cluster';
  const body = JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 's', cwd: team.prod, tool_name: 'Bash', tool_input: { command } });
  const gone = new AbortController();
  const call = fetch(`${team.url}/v1/hooks/claude-code`, { method: 'POST', headers: { authorization: `Bearer ${team.token('agent-1')}`, 'content-type': 'application/json' }, body, signal: gone.signal }).catch((e: Error) => e.name);
  const id = await pendingId('delete deployment search');
  gone.abort();
  assert.equal(await call, 'AbortError');
  await sleep(300);
  for (const who of ['senior-b', 'senior-c']) {
    const r = await human(team, who, 'POST', `/v1/actions/${id}/approve`, { reason: 'planned' });
    if (r.body.status === 'approved') break;
  }
  // Before the fix the abandoned hook woke on the approval and resubmitted: the request became used.
  await sleep(1000);
  const view = (await human(team, 'admin', 'GET', `/v1/actions/${id}`)).body;
  assert.deepEqual({ status: view.status }, { status: 'approved' });
  // The agent's own retry is what uses it.
  const retry = await fetch(`${team.url}/v1/hooks/claude-code`, { method: 'POST', headers: { authorization: `Bearer ${team.token('agent-1')}`, 'content-type': 'application/json' }, body });
  const answer = (await retry.json()) as { hookSpecificOutput: { permissionDecision: string } };
  assert.equal(answer.hookSpecificOutput.permissionDecision, 'allow');
});

test('hook input with a key given twice is denied (E_BAD_JSON) by the http hook and the command hook', async () => {
  // JSON.parse keeps the last "command" (ls, allowed); a host keeping the first would run rm -rf.
  const body = `{"hook_event_name":"PreToolUse","session_id":"s","cwd":${JSON.stringify(team.staging)},"tool_name":"Bash","tool_input":{"command":"rm -rf ~","command":"ls"}}`;
  const res = await fetch(`${team.url}/v1/hooks/claude-code`, { method: 'POST', headers: { authorization: `Bearer ${team.token('agent-1')}`, 'content-type': 'application/json' }, body });
  const http = (await res.json()) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } };
  const cmd = await runHook('claude-code', body, { COUNTERSIGN_URL: team.url, COUNTERSIGN_TOKEN: team.token('agent-1'), COUNTERSIGN_HOOK_WAIT: '0' });
  const code = (s: string): string | undefined => /\((E_[A-Z_]+)\)/.exec(s)?.[1];
  assert.deepEqual(
    { http: [res.status, http.hookSpecificOutput.permissionDecision, code(http.hookSpecificOutput.permissionDecisionReason)], cmd: [cmd.code, code(cmd.stderr)] },
    { http: [200, 'deny', 'E_BAD_JSON'], cmd: [2, 'E_BAD_JSON'] },
  );
});
