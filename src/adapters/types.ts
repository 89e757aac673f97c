// What every host adapter shares: a parsed tool call, the outcome to render, and the rendered answer.
// Adapters are pure: parse() and render() do no I/O, so one corpus of fixtures can test every host.
import type { Action, ErrorCode } from '../core/index.js';

export type HookContext = { cwd?: string; session?: string; host: string };

/** One tool call a host asked about. `actions` is empty for a tool that changes nothing
 * (a read or a search): Countersign has nothing to decide and the host's own flow continues. */
export type ParsedCall = { event: string; tool: string; actions: Action[]; context: HookContext };

export type ParseResult =
  | { ok: true; call: ParsedCall }
  | { ok: false; event: string; code: ErrorCode; message: string };

/** `pass` = no opinion (the host continues as if no hook ran); `ask` = let the local user confirm. */
export type HookDecision = 'allow' | 'deny' | 'ask' | 'pass';

export type HookOutcome = {
  decision: HookDecision;
  /** One paragraph for the agent and the human: what was decided, why, and what to do next. */
  reason: string;
  requestId?: string;
  url?: string;
  code?: ErrorCode;
};

export type Rendered = { stdout: string; stderr: string; exitCode: number };

export interface HostAdapter {
  readonly host: string;
  /** Events this adapter answers; anything else is refused (fail closed). */
  readonly events: readonly string[];
  parse(input: unknown): ParseResult;
  /** The host's exact answer. Every deny path must block in this host (see docs/hosts.md). */
  render(outcome: HookOutcome, event: string): Rendered;
}

export const HOSTS = ['claude-code', 'cursor', 'gemini', 'codex', 'kiro'] as const;
export type HostName = (typeof HOSTS)[number];

export function isHostName(s: string | undefined): s is HostName {
  return (HOSTS as readonly string[]).includes(s ?? '');
}
