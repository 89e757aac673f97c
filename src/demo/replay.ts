// The replay itself: the agent's steps against the running server, narrated; then the pending
// replacement waits for two seniors while the agent long-polls, and the audit chain is verified.
import { isCountersignError } from '../core/index.js';
import type { StarterPrincipal } from '../config/index.js';
import type { Engine } from '../engine/index.js';
import { call, submit, waitDecided, type Http } from './agent.js';
import type { Narrator } from './narrate.js';
import type { Step } from './script.js';

export type ReplayOptions = { url: string; engine: Engine; principals: StarterPrincipal[]; steps: Step[]; say: Narrator; paceMs: number; bin: string; signal?: AbortSignal };

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

export async function replay(o: ReplayOptions): Promise<{ pending?: string; released?: { status: string; afterMs: number } }> {
  const token = (id: string): string => o.principals.find((p) => p.id === id)!.token;
  const agent: Http = { url: o.url, token: token('agent-1'), ...(o.signal ? { signal: o.signal } : {}) };
  const { say } = o;
  say.heading('The replay: agent-1 was asked to fix a failing cost report in production.');
  let pending: string | undefined;
  for (const [i, s] of o.steps.entries()) {
    await sleep(o.paceMs);
    say.step(i + 1, s.title);
    say.note(describe(s.body.action));
    const a = await submit(agent, s.body);
    say.answer(a.status, a.status === 'pending' ? `needs ${a.approval!.count} approvals (${a.approval!.roles.join(', ') || 'any human'})` : (a.reasons[0] ?? ''));
    if (a.status !== 'pending' && a.reasons.length > 1) for (const r of a.reasons.slice(1)) say.note(r);
    if (a.status === 'pending') for (const r of a.reasons) say.note(r);
    if (a.status !== s.expect) say.warn(`(expected ${s.expect}: the policy in this config differs from the starter policy)`);
    if (s.moral) say.note(s.moral);
    if (a.status === 'pending') pending = a.id;
  }
  if (!pending) return {};

  await sleep(o.paceMs);
  say.heading('Who may sign off the replacement?');
  try {
    await call({ url: o.url, token: token('senior-a') }, 'POST', `/v1/actions/${pending}/approve`, { reason: 'my agent, I trust it' });
    say.warn('senior-a approved: that should not happen.');
  } catch (err) {
    const code = isCountersignError(err) ? err.code : 'error';
    say.line(`   senior-a operates agent-1 and tried to approve: refused (${code}).`);
    say.note('In December 2025 the agent was treated as an extension of its operator, so no second person looked. Here the operator never counts.');
  }
  say.line('');
  say.line(o.say.bold(`The agent now waits (long-polling GET /v1/actions/${pending}?wait=300). Release it:`));
  say.line(`   1. Open ${o.url}/requests/${pending}`);
  say.line('   2. Sign in with senior-b\'s token, read the change table, approve with a reason.');
  say.line('   3. Sign out, sign in as senior-c, approve. (Or reject, to see the agent told no.)');
  say.line(`   From a terminal instead: ${o.bin} approve ${pending} --reason "checked the snapshot" --url ${o.url} --token <senior-b token>`);

  const view = await waitDecided(agent, pending);
  const last = Math.max(0, ...view.approvals.map((x) => x.at));
  const afterMs = view.status === 'approved' && last ? Math.max(0, Date.now() - last) : 0;
  say.heading(`The agent was released: ${view.status}${view.status === 'approved' ? ` (${afterMs} ms after the second approval)` : ''}.`);
  if (view.status === 'approved') {
    for (const x of view.approvals) say.note(`approved by ${x.by} (${x.role}): ${x.reason}`);
    const again = await submit(agent, o.steps.find((s) => s.expect === 'pending')!.body);
    say.answer(again.status, 'the agent runs the exact plan that was approved; the approval is used once');
    const changed = await submit(agent, o.steps.find((s) => s.expect === 'pending')!.body);
    say.answer(changed.status, 'asking again needs new approvals: an approval covers one run of one exact action');
  } else if (view.rejection) say.note(`rejected by ${view.rejection.by}: ${view.rejection.reason}`);
  const v = await o.engine.verifyAudit();
  say.line('');
  say.line(`Audit chain: ${v.ok ? `verifies (${v.entries} entries, head ${v.head?.hash.slice(0, 12)}...)` : `BROKEN at ${v.broken?.seq}: ${v.broken?.reason}`}. See it on ${o.url}/audit`);
  return { pending, released: { status: view.status, afterMs } };
}

function describe(a: Record<string, unknown>): string {
  if (a['kind'] === 'shell') return `$ ${String(a['command'])}`;
  if (a['kind'] === 'sql') return `SQL> ${String(a['sql'])}`;
  if (a['kind'] === 'terraform-plan') {
    const rc = ((a['plan'] as { resource_changes?: { address: string; change: { actions: string[] } }[] }).resource_changes ?? []).filter((c) => c.change.actions.join() !== 'no-op');
    return `$ ${String(a['command'] ?? 'terraform apply')}   # the plan: ${rc.map((c) => `${c.address} [${c.change.actions.join('+')}]`).join(', ')}`;
  }
  return JSON.stringify(a);
}
