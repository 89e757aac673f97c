// Host hooks that the server answers directly over HTTP (no process per tool call), by host name:
// the server mounts each at `POST /v1/hooks/<host>`.
import type { Agent, RequestOutcome, SubmitAnswer, SubmitInput } from '../core/index.js';
import { output, parse } from './claude-code/index.js';
import { decide, errorWith, failureOutcome, type DecisionPort } from './decide.js';
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

export type HttpHookHandler = (body: unknown, ctx: { agent: Agent; engine: HookEngine }) => Promise<{ status: number; body: unknown }>;

function waitMs(engine: HookEngine): number {
  if (typeof engine.hookWaitMs === 'number') return engine.hookWaitMs;
  const env = Number(process.env['COUNTERSIGN_HOOK_WAIT']);
  return Number.isFinite(env) && env >= 0 && process.env['COUNTERSIGN_HOOK_WAIT'] ? env * 1000 : 25_000;
}

/** Claude Code's `http` hook: always HTTP 200 with Claude's JSON, since Claude treats a non-2xx
 * answer as a non-blocking error (the call would run unless the hook has `onFailure: "block"`). */
export const claudeCodeHttpHook: HttpHookHandler = async (body, { agent, engine }) => {
  const parsed = parse(body);
  const event = parsed.ok ? parsed.call.event : parsed.event;
  let outcome: HookOutcome;
  try {
    if (!parsed.ok) throw errorWith(parsed.code, parsed.message);
    const port: DecisionPort = { submit: (input) => engine.submit(agent, input), wait: (id, ms) => engine.wait(id, ms) };
    outcome = await decide(port, parsed.call, { waitMs: waitMs(engine), baseUrl: engine.publicUrl });
  } catch (err) {
    outcome = failureOutcome(err);
  }
  return { status: 200, body: output(outcome, event) ?? {} };
};

export const HTTP_HOOKS: Record<string, HttpHookHandler> = { 'claude-code': claudeCodeHttpHook };
