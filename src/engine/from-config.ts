// The engine's parts built from a loaded configuration: the real classifier, target resolution
// from context, and the compiled policy. (Call initClassifier() before the first submission.)
import type { Agent } from '../core/index.js';
import { classify } from '../classify/index.js';
import { findPrincipal, resolveTarget, type Config } from '../config/index.js';
import { evaluate } from '../policy/index.js';
import type { EngineParts } from './parts.js';

export function partsFromConfig(config: Config): EngineParts {
  const agents: Agent[] = config.agents.map((a) => ({ kind: 'agent', id: a.id, operator: a.operator, ...(a.name ? { name: a.name } : {}) }));
  return {
    classify: (action, cwd) => classify(action, cwd ? { cwd } : {}),
    // The agent's `target` is a hint that resolveTarget honours only when the context agrees.
    resolve: (_agent, input) => resolveTarget(config, input.action, input.context ?? {}, input.target),
    evaluate: (q) => evaluate(config.policy, q),
    principal: (id) => findPrincipal(config, id),
    target: (id) => config.targets.find((t) => t.id === id),
    agents: () => agents,
    limits: config.limits,
  };
}
