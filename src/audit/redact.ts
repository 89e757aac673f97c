// Secrets never reach the audit chain: bodies are redacted BEFORE hashing, so the chain can be
// shared and verified by people who must not see credentials. Redaction only ever removes text.

export const REDACTED = '[redacted]';

// A key whose name ends in one of these holds a secret whatever its value ("accessToken",
// "PGPASSWORD", "x-api-key", "client_secret"). "tokenHash" or "maxTokens" do not end in one.
const SECRET_KEY = /(password|passwd|passphrase|secret|token|authorization|credential|credentials|apikey|privatekey|cookie)$/;

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[-_. ]/g, ''));
}

// Secrets embedded in free text (commands, SQL, connection strings). Each keeps the harmless part
// so the audit still says what was run.
const TEXT_RULES: { re: RegExp; to: string }[] = [
  // scheme://user:PASS@host — the password of a connection string or URL
  { re: /([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)[^\s@'"]+@/gi, to: `$1${REDACTED}@` },
  // Authorization: Bearer xxx / Basic xxx, and bare "Bearer xxx"
  { re: /\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi, to: `$1$2${REDACTED}` },
  // NAME_PASSWORD=value, --password=value, --token value, api_key: value
  {
    re: /((?:--?)?[A-Za-z0-9_.-]*(?:password|passwd|secret|token|api[-_]?key)["']?\s*(?:=\s*|:\s*|\s+(?=\S*[0-9])))("[^"]*"|'[^']*'|[^\s"'&;|]+)/gi,
    to: `$1${REDACTED}`,
  },
  // well-known token shapes: GitHub, OpenAI/Anthropic-style, Slack, AWS access key ids, JWTs
  { re: /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, to: REDACTED },
  { re: /\bsk-[A-Za-z0-9_-]{16,}\b/g, to: REDACTED },
  { re: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, to: REDACTED },
  { re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, to: REDACTED },
  { re: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, to: REDACTED },
];

// Every rule below needs one of these; most strings (paths, verdicts, ids) have none, so one cheap
// test spares them the eight full passes. Keep it in step with TEXT_RULES.
const MAYBE_SECRET = /:\/\/|bearer|basic|pass|secret|token|api[-_]?key|gh[pousr]_|sk-|xox|AKIA|ASIA|eyJ/i;

export function redactText(text: string): string {
  if (text.length < 8 || !MAYBE_SECRET.test(text)) return text;
  let out = text;
  for (const { re, to } of TEXT_RULES) out = out.replace(re, to);
  return out;
}

/** A redacted deep copy of `value`; the input is not changed. */
export function redact<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  // Serialise as JSON will (a Date becomes its ISO text), so what is hashed is what was meant.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return walk((toJSON as () => unknown).call(value));
  if (Array.isArray(value)) return value.map(walk);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = v !== undefined && v !== null && isSecretKey(k) ? REDACTED : walk(v);
  }
  return out;
}
