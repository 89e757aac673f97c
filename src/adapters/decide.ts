// The hook's decision flow, shared by the command hook (over HTTP) and the server's http hook
// (in-process): submit every action, wait for pending ones within a budget that stays below the
// host's own hook timeout, and turn the answers into one outcome. Any doubt ends in "deny".
import { CountersignError, ERRORS, type ErrorCode } from '../core/errors.js';
import type { RequestOutcome, SubmitAnswer, SubmitInput } from '../core/index.js';
import type { HookOutcome, ParsedCall } from './types.js';

export interface DecisionPort {
  submit(input: SubmitInput): Promise<SubmitAnswer>;
  /** Resolves when the request leaves `pending` or after about `ms` with its current status. */
  wait(id: string, ms: number): Promise<RequestOutcome>;
}

export type DecideOptions = {
  /** Total time the hook may spend waiting for approvals. */
  waitMs: number;
  /** Base URL of the dashboard, used when the server's answer carries no approval URL. */
  baseUrl: string;
  /** The longest single wait call; the server holds one at most 300 s. */
  pollMs?: number;
  now?: () => number;
  /** Aborted when the caller went away: stop waiting, and never submit again (a resubmission of
   * an approved action consumes the approval, which nobody would then use). */
  signal?: AbortSignal;
};

function checkCaller(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CountersignError('E_TIMEOUT', 'The caller went away before a decision; nothing was allowed and no approval was used.');
}

const STATUSES = new Set(['allowed', 'denied', 'pending']);

function checkAnswer(a: unknown): SubmitAnswer {
  const o = a as Partial<SubmitAnswer> | null;
  if (!o || typeof o !== 'object' || typeof o.id !== 'string' || !STATUSES.has(o.status as string)) {
    throw new CountersignError('E_INTERNAL', 'The server answered without an id and a status; check that COUNTERSIGN_URL points at a Countersign server.');
  }
  return { ...o, reasons: Array.isArray(o.reasons) ? o.reasons.map(String) : [] } as SubmitAnswer;
}

const sentence = (reasons: string[]): string => {
  const text = reasons.map((r) => r.trim()).filter(Boolean).join(' ');
  return text ? ` ${/[.!?]$/.test(text) ? text : `${text}.`}` : '';
};

export function approveUrl(answer: SubmitAnswer, baseUrl: string): string {
  return answer.approval?.url || `${baseUrl.replace(/\/+$/, '')}/requests/${encodeURIComponent(answer.id)}`;
}

function pendingOutcome(answer: SubmitAnswer, url: string): HookOutcome {
  const ap = answer.approval;
  const need = ap ? ` Approvals so far: ${ap.have} of ${ap.count}.` : '';
  return {
    decision: 'deny',
    requestId: answer.id,
    url,
    reason:
      `Countersign: this action is waiting for human approval (request ${answer.id}).${sentence(answer.reasons)}${need} ` +
      `Approve it at ${url} or with \`countersign approve ${answer.id} --reason "..."\`; the requester and its operator cannot approve. ` +
      'After approval, retry the identical action and it will be allowed once. Do not try to reach the same effect another way.',
  };
}

function deniedOutcome(id: string, status: string, reasons: string[]): HookOutcome {
  return {
    decision: 'deny',
    requestId: id,
    reason: `Countersign: this action is not allowed (request ${id}, ${status}).${sentence(reasons)} Do not retry it; ask a human what to do instead.`,
  };
}

async function decideOne(port: DecisionPort, input: SubmitInput, opts: DecideOptions, deadline: number): Promise<HookOutcome> {
  const now = opts.now ?? Date.now;
  checkCaller(opts.signal);
  const first = checkAnswer(await port.submit(input));
  if (first.status === 'allowed') return { decision: 'allow', requestId: first.id, reason: `Countersign: allowed (request ${first.id}).${sentence(first.reasons)}` };
  if (first.status === 'denied') return deniedOutcome(first.id, 'denied', first.reasons);
  const url = approveUrl(first, opts.baseUrl);
  for (;;) {
    const left = deadline - now();
    if (left <= 0) return pendingOutcome(first, url);
    checkCaller(opts.signal);
    const seen = await port.wait(first.id, Math.min(left, opts.pollMs ?? 20_000));
    checkCaller(opts.signal);
    if (!seen || typeof seen.status !== 'string') throw new CountersignError('E_INTERNAL', 'The server answered a wait without a status.');
    if (seen.status === 'pending') continue;
    if (seen.status === 'approved') {
      // Approved while we waited: the identical submission is what consumes the approval (once).
      const again = checkAnswer(await port.submit(input));
      if (again.status === 'allowed') return { decision: 'allow', requestId: again.id, reason: `Countersign: approved by humans; allowed once (request ${again.id}).` };
      if (again.status === 'pending') return pendingOutcome(again, approveUrl(again, opts.baseUrl));
      return deniedOutcome(again.id, again.status, again.reasons);
    }
    return deniedOutcome(first.id, seen.status, Array.isArray(seen.reasons) ? seen.reasons : []);
  }
}

/** Every action of the call must be allowed; the first that is not decides the outcome. */
export async function decide(port: DecisionPort, call: ParsedCall, opts: DecideOptions): Promise<HookOutcome> {
  if (call.actions.length === 0) return { decision: 'pass', reason: `Countersign: ${call.tool} changes nothing; no decision needed.` };
  const deadline = (opts.now ?? Date.now)() + opts.waitMs;
  const allowed: HookOutcome[] = [];
  for (const action of call.actions) {
    const input: SubmitInput = { action, context: { ...call.context } };
    const out = await decideOne(port, input, opts, deadline);
    if (out.decision !== 'allow') return out;
    allowed.push(out);
  }
  return allowed.length === 1 ? allowed[0]! : { decision: 'allow', requestId: allowed[0]!.requestId, reason: allowed.map((o) => o.reason).join(' ') };
}

/** An error whose message is already complete (it came from a parser or the server). */
export function errorWith(code: ErrorCode, message: string): CountersignError {
  const e = new CountersignError(code);
  e.message = message;
  return e;
}

/** The outcome for a failure anywhere in the hook: always deny, with what to do next. */
export function failureOutcome(err: unknown): HookOutcome {
  const e = err instanceof CountersignError ? err : undefined;
  const code = e?.code ?? 'E_INTERNAL';
  const message = e ? e.message : `${ERRORS.E_INTERNAL.message} ${err instanceof Error ? err.message : String(err)}`;
  const next: Partial<Record<string, string>> = {
    E_UNAVAILABLE: ' Start the server (`countersign serve`) or set COUNTERSIGN_URL to where it runs, then retry.',
    E_TIMEOUT: ' Check that the Countersign server is healthy, then retry.',
    E_UNAUTHENTICATED: ' Set COUNTERSIGN_TOKEN to this agent\'s token (from `countersign init`) in the environment the agent host runs in.',
  };
  return { decision: 'deny', code, reason: `Countersign blocked this action (${code}): ${message}${next[code] ?? ''}` };
}
