// The credential broker's exec side: submit a command bound to a target, then run it once, here,
// with the target's credentials. See docs/broker.md.
export { submitExec, parseExecSubmit, type ExecSubmit } from './submit.js';
export { startRun, type ExecEvent, type Running, DEFAULT_TIMEOUT_S, MAX_TIMEOUT_S } from './run.js';
export { shellJoin, shellQuote } from './quote.js';
export { AGENT_ENV_ALLOWLIST, pickAgentEnv } from './env.js';
export { exposesCredentials } from './guard.js';
export { StreamRedactor } from './redact.js';
