// Deciding one action offline, the way the server would (resolve the target from the context,
// classify, evaluate), with the per-rule explanation. Used by `policy explain` and `policy test`.
import type { Action, Agent } from '../core/index.js';
import { explain, type ClassifyFn, type Explanation } from '../policy/index.js';
import { resolveTarget, type Resolution, type ResolveContext } from './resolve-target.js';
import type { Config } from './types.js';

export type OfflineQuery = { action: Action; context?: ResolveContext; hint?: string; agent?: string };
export type OfflineResult = Explanation & { resolution: Resolution; report: ReturnType<ClassifyFn>; agent: Agent };

export function decideOffline(config: Config, classify: ClassifyFn, q: OfflineQuery): OfflineResult {
  const agent = agentFor(config, q.agent);
  const resolution = resolveTarget(config, q.action, q.context ?? {}, q.hint);
  const cwd = q.context?.cwd;
  const report = classify(q.action, cwd ? { cwd } : {});
  const ex = explain(config.policy, { action: q.action, report, environment: resolution.environment, target: resolution.target, agent });
  return { ...ex, resolution, report, agent };
}

/** The named agent, else the config's first agent, else a placeholder (offline only). */
export function agentFor(config: Config, id: string | undefined): Agent {
  const a = id === undefined ? config.agents[0] : config.agents.find((x) => x.id === id);
  if (id !== undefined && !a) throw new Error(`agent "${id}" is not declared under principals.agents`);
  return a ? { kind: 'agent', id: a.id, operator: a.operator } : { kind: 'agent', id: 'offline-agent', operator: 'offline-operator' };
}
