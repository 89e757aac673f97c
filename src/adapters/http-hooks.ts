// Host hooks that the server answers directly over HTTP (no process per tool call), by host name:
// the server mounts each at `POST /v1/hooks/<host>`.
import type { Agent, RequestOutcome, SubmitAnswer, SubmitInput } from '../core/index.js';
import { output, parse } from './claude-code/index.js';
import { decide, errorWith, failureOutcome, type DecisionPort } from './decide.js';
import { parseStrictJson } from './strict-json.js';
import type { HookOutcome } from './types.js';

/** The slice of the engine a hook needs; the server passes its engine in. */
export interface HookEngine {
  submit(agent: Agent, input: SubmitInput): Promise<SubmitAnswer>;
  /** Resolves when the request leaves `pending` or after `ms` (then with its current status). */
  wait(id: string, ms: number): Promise<RequestOutcome>;
  /** Base URL approvers open, e.g. http://127.0.0.1:7300 */
  publicUrl: string;
  /** How long an http hook holds a pending request open before denying; default 25 s (or
   * COUNTERSIGN_HOOK_WAIT seconds). Keep it below the `timeout` in the host's hook config. */
  hookWaitMs?: number;
}

/** `text` is the raw body (checked for duplicate keys when given); `signal` aborts when the caller
 * has gone away. */
export type HttpHookHandler = (body: unknown, ctx: { agent: Agent; engine: HookEngine; text?: string; signal?: AbortSignal }) => Promise<{ status: number; body: unknown }>;

/** engine.wait, cut short when the caller goes away (the wait itself holds nothing). */
function waitOrGone(engine: HookEngine, id: string, ms: number, signal: AbortSignal | undefined): Promise<RequestOutcome> {
  if (!signal) return engine.wait(id, ms);
  if (signal.aborted) return Promise.resolve({ id, status: 'pending', reasons: [] });
  return new Promise<RequestOutcome>((resolve, reject) => {
    const onAbort = () => resolve({ id, status: 'pending', reasons: [] });
    signal.addEventListener('abort', onAbort, { once: true });
    engine.wait(id, ms).then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function waitMs(engine: HookEngine): number {
  if (typeof engine.hookWaitMs === 'number') return engine.hookWaitMs;
  const env = Number(process.env['COUNTERSIGN_HOOK_WAIT']);
  return Number.isFinite(env) && env >= 0 && process.env['COUNTERSIGN_HOOK_WAIT'] ? env * 1000 : 25_000;
}

/** Claude Code's `http` hook: always HTTP 200 with Claude's JSON, since Claude treats a non-2xx
 * answer as a non-blocking error (the call would run unless the hook has `onFailure: "block"`). */
export const claudeCodeHttpHook: HttpHookHandler = async (raw, { agent, engine, text, signal }) => {
  let body = raw;
  let strictError: unknown;
  try {
    // Text that is not JSON reaches here as no body and is refused below (E_BAD_INPUT), as before.
    if (text !== undefined && raw !== undefined) body = parseStrictJson(text);
  } catch (err) {
    strictError = err;
  }
  // Anything that throws below, parsing included, must still end in Claude's deny with a 200.
  let event = 'PreToolUse';
  let outcome: HookOutcome;
  try {
    const parsed = parse(body);
    event = parsed.ok ? parsed.call.event : parsed.event;
    if (strictError) throw strictError;
    if (!parsed.ok) throw errorWith(parsed.code, parsed.message);
    const port: DecisionPort = { submit: (input) => engine.submit(agent, input), wait: (id, ms) => waitOrGone(engine, id, ms, signal) };
    outcome = await decide(port, parsed.call, { waitMs: waitMs(engine), baseUrl: engine.publicUrl, ...(signal ? { signal } : {}) });
  } catch (err) {
    outcome = failureOutcome(err);
  }
  try {
    return { status: 200, body: output(outcome, event) ?? {} };
  } catch {
    return { status: 200, body: output(failureOutcome(new Error('the answer could not be rendered')), 'PreToolUse') ?? {} };
  }
};

export const HTTP_HOOKS: Record<string, HttpHookHandler> = { 'claude-code': claudeCodeHttpHook };
