// The environment an approved command runs with: a few harmless variables from the agent, the
// rest from Countersign itself, and the target's credentials on top.
//
// PATH and HOME come from Countersign, not from the agent: an agent-chosen PATH picks which
// program receives the credentials (a fake `psql` in a directory the agent controls), and an
// agent-chosen HOME picks the start-up files it reads (~/.psqlrc can run shell commands).
import { CountersignError, type Target } from '../../core/index.js';

/** Variables the agent may pass through: display and locale only, nothing that chooses code. */
export const AGENT_ENV_ALLOWLIST = ['LANG', 'LANGUAGE', 'TERM', 'TZ', 'COLUMNS', 'LINES', 'NO_COLOR', 'FORCE_COLOR'];
const AGENT_ENV_PATTERN = /^LC_[A-Z]+$/;

/** Variables taken from Countersign's own environment. */
export const SERVER_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TMPDIR'];

export function agentEnvAllowed(name: string): boolean {
  return AGENT_ENV_ALLOWLIST.includes(name) || AGENT_ENV_PATTERN.test(name);
}

/** The subset of `env` an agent-side client may send (the CLI uses this to build its request). */
export function pickAgentEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && agentEnvAllowed(k)) out[k] = v;
  return out;
}

/** Checks what an agent sent: only allowlisted names, only short strings. */
export function checkAgentEnv(v: unknown): Record<string, string> {
  if (v === undefined) return {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CountersignError('E_BAD_INPUT', '"env" must be an object of strings.');
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (!agentEnvAllowed(k)) throw new CountersignError('E_FORBIDDEN', `The agent may not set ${k} for a brokered command; only ${AGENT_ENV_ALLOWLIST.join(', ')} and LC_* pass through.`);
    if (typeof val !== 'string' || val.length > 256 || val.includes('\0')) throw new CountersignError('E_BAD_INPUT', `"env.${k}" must be a string of at most 256 characters.`);
    out[k] = val;
  }
  return out;
}

export function composeEnv(agent: Record<string, string>, target: Target, server: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = { ...agent };
  for (const k of SERVER_ENV) if (server[k] !== undefined) env[k] = server[k]!;
  env['PATH'] ??= '/usr/local/bin:/usr/bin:/bin';
  Object.assign(env, target.credentials?.env ?? {});
  return env;
}

/** Credential variables whose value is a secret (a user name or a host is not). A connection URL
 * counts: it usually carries a password. */
export const SECRET_NAME = /pass|pwd|secret|token|key|cred|auth|private|cookie|session|signature|cert|dsn|url|uri/i;

/** The values that must never leave the broker in output: secret variables and file contents, when
 * long enough to be recognised (a 1–3 character value would redact ordinary text and protect nothing). */
export function secretsOf(target: Target): string[] {
  const c = target.credentials ?? {};
  const values = [...Object.entries(c.env ?? {}).filter(([k]) => SECRET_NAME.test(k)).map(([, v]) => v), ...Object.values(c.files ?? {})];
  return [...new Set(values.filter((v) => v.length >= 4))].sort((a, b) => b.length - a.length);
}
