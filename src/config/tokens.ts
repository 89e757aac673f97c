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

/** The principal whose token this is, or null. Compares against every stored hash in constant
 * time per comparison and does not stop at the first hit, so timing says nothing about which
 * principal (if any) matched. */
export function authenticate(config: Config, bearerToken: string | null | undefined): Principal | null {
  if (typeof bearerToken !== 'string' || !PLAUSIBLE.test(bearerToken)) return null;
  const given = Buffer.from(hashToken(bearerToken), 'hex');
  let found: Principal | null = null;
  for (const h of config.humans) {
    if (timingSafeEqual(given, Buffer.from(h.tokenSha256, 'hex')) && !found) {
      found = { kind: 'human', id: h.id, roles: [...h.roles], ...(h.name ? { name: h.name } : {}) };
    }
  }
  for (const a of config.agents) {
    if (timingSafeEqual(given, Buffer.from(a.tokenSha256, 'hex')) && !found) {
      found = { kind: 'agent', id: a.id, operator: a.operator, ...(a.name ? { name: a.name } : {}) };
    }
  }
  return found;
}

/** "Bearer <token>" -> token; anything else -> null. */
export function bearer(header: string | null | undefined): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return m ? m[1]! : null;
}
