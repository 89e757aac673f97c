// Human calls: who am I, list requests, approve / reject / break-glass, agents, freeze and thaw.
import { CountersignError } from '../core/index.js';
import type { RequestStatus } from '../core/index.js';
import type { Router } from './router.js';
import type { ServerDeps } from './deps.js';
import { principalOf, requireHuman } from './auth.js';
import { readJson, sendJson } from './http-util.js';
import { parseReason } from './validate.js';

const STATUSES: readonly RequestStatus[] = ['allowed', 'denied', 'pending', 'approved', 'rejected', 'expired', 'cancelled', 'used', 'executed', 'failed'];

export function humanRoutes(r: Router, d: ServerDeps): void {
  const e = d.engine;

  r.add('GET', '/v1/me', async ({ req, res }) => {
    sendJson(res, 200, { principal: principalOf(d.authenticate, req) });
  });

  r.add('GET', '/v1/requests', async ({ req, res, url }) => {
    const human = requireHuman(principalOf(d.authenticate, req));
    const q = url.searchParams;
    for (const k of q.keys()) if (!['status', 'agent', 'limit'].includes(k)) throw new CountersignError('E_UNKNOWN_FIELD', `Query parameter "${k}" is not known; use status, agent, limit.`);
    const status = q.get('status') ? q.get('status')!.split(',').map((s) => s.trim()) : undefined;
    for (const s of status ?? []) if (!(STATUSES as readonly string[]).includes(s)) throw new CountersignError('E_BAD_INPUT', `Unknown status "${s}"; use ${STATUSES.join(', ')}.`);
    const limit = intParam(q.get('limit'), 100, 1, 1000, 'limit');
    const list = await e.list({
      ...(status ? { status: status as RequestStatus[] } : {}),
      ...(q.get('agent') ? { agentId: q.get('agent')! } : {}),
      limit,
    });
    sendJson(res, 200, { requests: list.map((x) => e.view(x, human)) });
  });

  for (const [verb, fn] of [
    ['approve', e.approve],
    ['reject', e.reject],
    ['break-glass', e.breakGlass],
  ] as const) {
    r.add('POST', `/v1/actions/:id/${verb}`, async ({ req, res, params }) => {
      // An agent token is refused with E_AGENT_APPROVAL by the engine, not a generic kind error:
      // the refusal says exactly which rule holds.
      const who = principalOf(d.authenticate, req);
      const body = await readJson(req, d.bodyLimit);
      if (who.kind !== 'human') throw new CountersignError('E_AGENT_APPROVAL', `"${who.id}" is an agent; only humans decide requests.`);
      const reason = parseReason(body);
      const rec = await fn(who, params['id']!, reason);
      sendJson(res, 200, e.view(rec, who.kind === 'human' ? who : undefined));
    });
  }

  r.add('GET', '/v1/agents', async ({ req, res }) => {
    requireHuman(principalOf(d.authenticate, req));
    const agents = await Promise.all(
      e.agents().map(async (a) => {
        const [recent, rate, breaker] = await Promise.all([e.list({ agentId: a.id, limit: 10 }), e.rateNow(a.id), e.breaker(a.id)]);
        return {
          id: a.id,
          operator: a.operator,
          recent: recent.map((x) => e.view(x)),
          ratePerMinute: rate,
          breaker: breaker ? { open: true, until: breaker.until, reason: breaker.reason } : { open: false },
        };
      }),
    );
    sendJson(res, 200, { agents });
  });

  r.add('GET', '/v1/status', async ({ req, res }) => {
    principalOf(d.authenticate, req);
    sendJson(res, 200, await e.status());
  });
  r.add('POST', '/v1/freeze', async ({ req, res }) => {
    const human = requireHuman(principalOf(d.authenticate, req));
    sendJson(res, 200, await e.freeze(human, parseReason(await readJson(req, d.bodyLimit))));
  });
  r.add('POST', '/v1/thaw', async ({ req, res }) => {
    const human = requireHuman(principalOf(d.authenticate, req));
    sendJson(res, 200, await e.thaw(human, parseReason(await readJson(req, d.bodyLimit))));
  });
}

export function intParam(v: string | null, dflt: number, min: number, max: number, name: string): number {
  if (v === null || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new CountersignError('E_BAD_INPUT', `"${name}" must be an integer of at least ${min}.`);
  return Math.min(n, max);
}
