// Bearer tokens. The config stores only SHA-256 hashes; a token is shown once, by `countersign init`.
//   newToken('agent') -> "cs_agent_<43 base64url chars>" (32 random bytes)
//   hashToken(token)  -> lower-case hex SHA-256 of the UTF-8 token
//   authenticate(config, token) -> the principal (without its hash) or null
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../core/index.js';
import type { Config } from './types.js';

export type TokenKind = 'agent' | 'human';

export function newToken(kind: TokenKind): string {
  return `cs_${kind}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

// Tokens are printable ASCII without spaces; anything else (empty, huge, a stray header value)
// is garbage and never reaches the comparison.
const PLAUSIBLE = /^[\x21-\x7e]{16,512}$/;

type Entry = { hash: Buffer; principal: Principal };
const ENTRIES = new WeakMap<Config, Entry[]>();

/** Stored hashes decoded once per loaded config (a request should not pay for every principal). */
function entries(config: Config): Entry[] {
  let list = ENTRIES.get(config);
  if (!list) {
    list = [
      ...config.humans.map((h) => ({ hash: Buffer.from(h.tokenSha256, 'hex'), principal: { kind: 'human', id: h.id, roles: [...h.roles], ...(h.name ? { name: h.name } : {}) } as Principal })),
      ...config.agents.map((a) => ({ hash: Buffer.from(a.tokenSha256, 'hex'), principal: { kind: 'agent', id: a.id, operator: a.operator, ...(a.name ? { name: a.name } : {}) } as Principal })),
    ];
    ENTRIES.set(config, list);
  }
  return list;
}

/** The principal whose token this is, or null. Compares against every stored hash in constant
 * time per comparison and does not stop at the first hit, so timing says nothing about which
 * principal (if any) matched. Returns a fresh copy: callers may not change the config's view. */
export function authenticate(config: Config, bearerToken: string | null | undefined): Principal | null {
  if (typeof bearerToken !== 'string' || !PLAUSIBLE.test(bearerToken)) return null;
  const given = createHash('sha256').update(bearerToken, 'utf8').digest();
  let found: Principal | null = null;
  for (const e of entries(config)) {
    if (timingSafeEqual(given, e.hash) && !found) found = e.principal;
  }
  if (!found) return null;
  return found.kind === 'human' ? { ...found, roles: [...found.roles] } : { ...found };
}

/** "Bearer <token>" -> token; anything else -> null. */
export function bearer(header: string | null | undefined): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return m ? m[1]! : null;
}
