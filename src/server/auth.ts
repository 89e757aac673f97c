// Bearer-token authentication. The token's principal kind decides which calls it may make.
import type { IncomingMessage } from 'node:http';
import { CountersignError } from '../core/index.js';
import type { Agent, Human, Principal } from '../core/index.js';

export type Authenticate = (token: string) => Principal | null;

export function bearer(req: IncomingMessage, url?: URL): string | null {
  const h = req.headers['authorization'];
  if (typeof h === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    return m ? m[1]! : null;
  }
  // Only the event stream accepts ?token=: browsers' EventSource cannot send headers.
  return url?.searchParams.get('token') ?? null;
}

export function principalOf(auth: Authenticate, req: IncomingMessage, url?: URL): Principal {
  const token = bearer(req, url);
  if (!token) throw new CountersignError('E_UNAUTHENTICATED');
  let p: Principal | null;
  try {
    p = auth(token);
  } catch {
    p = null; // an authenticator that fails authenticates nobody
  }
  if (!p) throw new CountersignError('E_UNAUTHENTICATED', 'The token is not known. Check COUNTERSIGN_TOKEN or the hook headers.');
  return p;
}

export function requireAgent(p: Principal): Agent {
  if (p.kind !== 'agent') throw new CountersignError('E_WRONG_PRINCIPAL_KIND', `"${p.id}" is a human; only an agent token may submit actions.`);
  return p;
}

export function requireHuman(p: Principal): Human {
  if (p.kind !== 'human') throw new CountersignError('E_WRONG_PRINCIPAL_KIND', `"${p.id}" is an agent; this call needs a human token.`);
  return p;
}
