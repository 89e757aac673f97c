// Host hooks that the server answers directly over HTTP (no process per tool call), by host name:
// the server mounts each at `POST /v1/hooks/<host>`. The integrations work fills this table.
import type { Agent, RequestOutcome, SubmitAnswer, SubmitInput } from '../core/index.js';

/** The slice of the engine a hook needs; the server passes its engine in. */
export interface HookEngine {
  submit(agent: Agent, input: SubmitInput): Promise<SubmitAnswer>;
  /** Resolves when the request leaves `pending` or after `ms` (then with its current status). */
  wait(id: string, ms: number): Promise<RequestOutcome>;
  /** Base URL approvers open, e.g. http://127.0.0.1:7300 */
  publicUrl: string;
}

export type HttpHookHandler = (body: unknown, ctx: { agent: Agent; engine: HookEngine }) => Promise<{ status: number; body: unknown }>;

export const HTTP_HOOKS: Record<string, HttpHookHandler> = {};
