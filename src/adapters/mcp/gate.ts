// One tools/call, decided: allowed -> forward; denied -> a tool error with the reason (the model
// reads it); pending -> ask the human in the client (URL elicitation pointing at the approval page,
// or a form that only says "waiting"), wait for the approvers, and forward once when approved.
// Without elicitation the answer is a tool error naming the request and where to approve it; the
// identical call after approval is allowed once. Any failure: a tool error, nothing forwarded.
import type { SubmitAnswer, SubmitInput } from '../../core/index.js';
import { approveUrl, failureOutcome, type DecisionPort } from '../decide.js';

export type ToolResult = { isError: true; content: { type: 'text'; text: string }[] };
export type GateVerdict = { forward: true; requestId: string } | { forward: false; result: ToolResult };

/** What the proxy can ask of the downstream client while a call waits. */
export type Asker = {
  mode(): 'url' | 'form' | null;
  /** Resolves with the client's action: accept | decline | cancel. */
  ask(p: { mode: 'url'; message: string; url: string; elicitationId: string } | { mode: 'form'; message: string }): Promise<string>;
  complete(elicitationId: string): Promise<void>;
  progress?(message: string): Promise<void>;
};

export type GateOptions = {
  port: DecisionPort;
  baseUrl: string;
  server: string;
  target?: string;
  cwd: string;
  session?: string;
  /** How long a call may wait for approvers after the client agreed to wait. */
  waitMs: number;
};

const error = (text: string): GateVerdict => ({ forward: false, result: { isError: true, content: [{ type: 'text', text }] } });
const said = (reasons: string[]): string => (reasons.length ? ` ${reasons.join(' ')}` : '');

function denied(id: string, status: string, reasons: string[]): GateVerdict {
  return error(`Countersign: this tool call is not allowed (request ${id}, ${status}).${said(reasons)} Nothing was run. Do not retry it; ask a human what to do instead.`);
}

function pending(a: SubmitAnswer, url: string, why = ''): GateVerdict {
  const ap = a.approval;
  const need = ap ? ` It needs ${ap.count} approval(s)${ap.roles.length ? ` from ${ap.roles.join('/')}` : ''}; ${ap.have} so far.` : '';
  return error(
    `Countersign: this tool call is waiting for human approval (request ${a.id}).${why}${said(a.reasons)}${need} ` +
      `Approve it at ${url} or with \`countersign approve ${a.id} --reason "..."\`. After approval, make the identical call again and it is allowed once. Nothing was run.`,
  );
}

export async function gate(o: GateOptions, tool: string, args: Record<string, unknown> | undefined, asker: Asker, signal: AbortSignal): Promise<GateVerdict> {
  const input: SubmitInput = {
    action: { kind: 'mcp', server: o.server, tool, arguments: args ?? {} },
    ...(o.target ? { target: o.target } : {}),
    context: { cwd: o.cwd, host: 'mcp', ...(o.session ? { session: o.session } : {}) },
  };
  try {
    const first = await o.port.submit(input);
    if (first.status === 'allowed') return { forward: true, requestId: first.id };
    if (first.status !== 'pending') return denied(first.id, first.status, first.reasons ?? []);
    const url = approveUrl(first, o.baseUrl);
    const mode = asker.mode();
    if (mode === null || o.waitMs <= 0) return pending(first, url);
    const message =
      `Countersign holds this ${o.server}/${tool} call for human approval (request ${first.id}): ${first.reasons.join(' ')} ` +
      (mode === 'url' ? 'Open the link to see it; approvers sign off there.' : `Approvers sign off at ${url}. Keep waiting? (Answering here does not approve it.)`);
    const action = await asker.ask(mode === 'url' ? { mode, message, url, elicitationId: first.id } : { mode, message });
    if (action !== 'accept') return pending(first, url, ' You chose not to wait.');
    const outcome = await waitFor(o, first.id, asker, signal);
    if (mode === 'url') await asker.complete(first.id).catch(() => undefined);
    if (outcome.status === 'pending') return pending(first, url, ` No decision within ${Math.round(o.waitMs / 1000)} s.`);
    if (outcome.status !== 'approved') return denied(first.id, outcome.status, outcome.reasons);
    // The identical submission consumes the approval, once; a second identical call needs another.
    const again = await o.port.submit(input);
    if (again.status === 'allowed') return { forward: true, requestId: again.id };
    if (again.status === 'pending') return pending(again, approveUrl(again, o.baseUrl));
    return denied(again.id, again.status, again.reasons ?? []);
  } catch (err) {
    return error(failureOutcome(err).reason + ' Nothing was run.');
  }
}

async function waitFor(o: GateOptions, id: string, asker: Asker, signal: AbortSignal): Promise<{ status: string; reasons: string[] }> {
  const deadline = Date.now() + o.waitMs;
  for (;;) {
    if (signal.aborted) return { status: 'cancelled', reasons: ['The client cancelled the call.'] };
    const left = deadline - Date.now();
    if (left <= 0) return { status: 'pending', reasons: [] };
    await asker.progress?.(`waiting for approval of request ${id}`).catch(() => undefined);
    const seen = await o.port.wait(id, Math.min(left, 10_000));
    if (seen.status !== 'pending') return { status: seen.status, reasons: seen.reasons ?? [] };
  }
}
