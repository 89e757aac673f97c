// Runaway-agent limits: a per-agent rate limit, a breaker for an agent repeating the same action,
// and an hourly budget of destructive proposals. Counts come from the Tally (merged into the
// store's shared counters every second); each limit is audited once per window when it first
// trips, so a runaway agent cannot flood the audit log.
import { CountersignError } from '../core/index.js';
import type { Agent, AuditAppend, Risk, Store } from '../core/index.js';
import type { Limits } from './parts.js';
import type { Tally } from './tally.js';

export type BreakerState = { until: number; reason: string; digest: string };

export const breakerKey = (agentId: string): string => `breaker:${agentId}`;
export const rateKey = (agentId: string): string => `rate:${agentId}`;

export async function readBreaker(store: Store, agentId: string, now: number): Promise<BreakerState | null> {
  const b = await store.getState<BreakerState>(breakerKey(agentId));
  return b && b.until > now ? b : null;
}

/** Throws E_RATE_LIMITED, E_BREAKER_OPEN or E_BUDGET_EXHAUSTED; returns when the agent may go on. */
export async function checkLimits(store: Store, tally: Tally, limits: Limits, agent: Agent, digest: string, risk: Risk, now: number): Promise<void> {
  const open = await readBreaker(store, agent.id, now);
  if (open) throw breakerError(open);

  const rate = limits.ratePerMinute > 0 ? tally.bump(rateKey(agent.id), 60_000, now, 1) : 0;
  const repeats = limits.breaker.repeats > 0 ? tally.bump(`repeat:${agent.id}:${digest}`, Math.max(1, limits.breaker.windowSeconds) * 1000, now, 1) : 0;
  const destructive = limits.destructivePerHour > 0 && risk === 'destructive' ? tally.bump(`destructive:${agent.id}`, 3_600_000, now, 1) : 0;
  const minute = Math.floor(now / 60_000);

  if (limits.breaker.repeats > 0 && repeats > limits.breaker.repeats) {
    throw breakerError(await tripBreaker(store, agent, digest, limits, now, `the same action was submitted ${repeats} times within ${limits.breaker.windowSeconds} s`));
  }
  if (limits.ratePerMinute > 0 && rate > limits.ratePerMinute) {
    if (rate === limits.ratePerMinute + 1) await store.appendAudit([tripped(agent, 'rate', { max: limits.ratePerMinute, minute })]);
    throw new CountersignError('E_RATE_LIMITED', `Agent "${agent.id}" sent more than ${limits.ratePerMinute} actions this minute; slow down and retry in a minute.`);
  }
  if (limits.destructivePerHour > 0 && destructive > limits.destructivePerHour) {
    if (destructive === limits.destructivePerHour + 1) await store.appendAudit([tripped(agent, 'destructive-budget', { max: limits.destructivePerHour })]);
    throw new CountersignError(
      'E_BUDGET_EXHAUSTED',
      `Agent "${agent.id}" proposed more than ${limits.destructivePerHour} destructive actions this hour; a human should look at what it is doing.`,
    );
  }
}

/** Opens the agent's breaker (stored, so every instance honours it) and audits it. */
export async function tripBreaker(store: Store, agent: Pick<Agent, 'id' | 'operator'>, digest: string, limits: Limits, now: number, reason: string): Promise<BreakerState> {
  const state: BreakerState = { until: now + limits.breaker.pauseSeconds * 1000, reason, digest };
  await store.setState(breakerKey(agent.id), state, [tripped(agent, 'breaker', { ...state })]);
  return state;
}

function breakerError(b: BreakerState): CountersignError {
  return new CountersignError('E_BREAKER_OPEN', `Paused until ${new Date(b.until).toISOString()}: ${b.reason}. Change approach instead of retrying.`, {
    until: b.until,
  });
}

function tripped(agent: Pick<Agent, 'id' | 'operator'>, limit: string, detail: Record<string, unknown>): AuditAppend {
  return { type: 'limit.tripped', body: { agent: agent.id, operator: agent.operator, limit, ...detail } };
}
