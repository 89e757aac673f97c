// What the engine needs from the pure layers above it, as one small interface. The composition
// root (`fromConfig` in ./from-config.ts) builds it from the loaded configuration; keeping the seam
// here lets the engine sequence I/O without knowing how a rule or a classifier is written.
import type { Action, Agent, Decision, Principal, RiskReport, SubmitInput, Target } from '../core/index.js';

export type Limits = {
  /** Submissions per agent per minute; 0 turns the limit off. */
  ratePerMinute: number;
  /** The same action (same digest) submitted `repeats` times within `windowSeconds` pauses the
   * agent for `pauseSeconds`. */
  breaker: { repeats: number; windowSeconds: number; pauseSeconds: number };
  /** Destructive proposals per agent per hour; 0 turns the budget off. */
  destructivePerHour: number;
};

export const DEFAULT_LIMITS: Limits = {
  ratePerMinute: 600,
  breaker: { repeats: 20, windowSeconds: 60, pauseSeconds: 300 },
  destructivePerHour: 60,
};

/** `why` says which signal chose the target, for the audit entry. */
/** `cwd` is the working directory as it really is (symlinks resolved), when the context names one:
 * the engine classifies relative paths from it and binds approvals to it. */
export type Resolved = { target: Target | null; environment: string; why?: string; cwd?: string };

export type EvalQuery = { agent: Agent; action: Action; report: RiskReport; target: Target | null; environment: string };

export interface EngineParts {
  /** Total: never throws by contract (the engine still treats a throw as unknown). */
  classify(action: Action, cwd?: string): RiskReport;
  resolve(agent: Agent, input: SubmitInput): Resolved;
  evaluate(q: EvalQuery): Decision;
  principal(id: string): Principal | undefined;
  /** A configured target by id, with its credentials (the broker's side only; optional for tests). */
  target?(id: string): Target | undefined;
  /** Every configured agent (for the dashboard's agents page). */
  agents(): Agent[];
  limits: Limits;
}

