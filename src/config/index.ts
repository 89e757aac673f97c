// The config layer's public API (stable; the engine, server, adapters and CLI build on it):
//
//   loadConfig(path, opts?) -> Config                 sync; E_CONFIG_PARSE / E_CONFIG_INVALID / E_POLICY_INVALID
//   parseConfig(text, fileName?, opts?) -> Config     the same from text (errors name fileName:line:col)
//   loadConfigChecked / parseConfigChecked            async: also checks rule examples with the real classifier
//   authenticate(config, bearerToken) -> Principal | null
//   hashToken(token), newToken('agent' | 'human'), bearer(authorizationHeader)
//   resolveTarget(config, action, context, hint?) -> {target, environment, why}
//   findPrincipal(config, id), publicTarget(target)
//   starterConfig(opts) -> {yaml, principals, targets} for `countersign init`
//
// docs/config.md describes the file; docs/policy.md the rules.
export { loadConfig, parseConfig, loadConfigChecked, parseConfigChecked, findPrincipal, type ParseOptions } from './parse.js';
export { authenticate, hashToken, newToken, bearer, type TokenKind } from './tokens.js';
export { resolveTarget, publicTarget, type ResolveContext, type Resolution } from './resolve-target.js';
export { DEFAULT_LIMITS, DEFAULT_LISTEN, DEFAULT_BODY_LIMIT } from './settings.js';
export type { Config, HumanEntry, AgentEntry, ServerSettings, LimitSettings } from './types.js';
export type { Env } from './env-refs.js';
export { starterConfig, type Starter, type StarterPrincipal, type StarterTarget } from './starter.js';
export { starterPolicyYaml, ENVIRONMENT_SCALE_TYPES, STACK_DESTROY_FINDINGS, ENVIRONMENT_SCALE_CLI } from './starter-policy.js';
export { decideOffline, agentFor, type OfflineQuery, type OfflineResult } from './offline.js';
export { parseCases, runCases, type PolicyCase, type CaseResult } from './policy-cases.js';
