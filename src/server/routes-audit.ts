// The audit log over HTTP: page through it, verify it, export it as JSONL (humans only).
import type { AuditEntry } from '../core/index.js';
import { CountersignError } from '../core/index.js';
import type { Router } from './router.js';
import type { ServerDeps } from './deps.js';
import { principalOf, requireHuman } from './auth.js';
import { sendJson } from './http-util.js';
import { intParam } from './routes-human.js';

const SCAN_LIMIT = 100_000;

export function auditRoutes(r: Router, d: ServerDeps): void {
  const e = d.engine;

  r.add('GET', '/v1/audit', async ({ req, res, url }) => {
    requireHuman(principalOf(d.authenticate, req));
    const q = url.searchParams;
    for (const k of q.keys()) if (!['from', 'limit', 'type', 'agent'].includes(k)) throw new CountersignError('E_UNKNOWN_FIELD', `Query parameter "${k}" is not known; use from, limit, type, agent.`);
    const from = intParam(q.get('from'), 1, 1, Number.MAX_SAFE_INTEGER, 'from');
    const limit = intParam(q.get('limit'), 100, 1, 1000, 'limit');
    const type = q.get('type');
    const agent = q.get('agent');
    const entries: AuditEntry[] = [];
    let scanned = 0;
    for await (const x of e.auditEntries(from)) {
      if (++scanned > SCAN_LIMIT || entries.length >= limit) break;
      if (type && x.type !== type) continue;
      if (agent && x.body['agent'] !== agent) continue;
      entries.push(x);
    }
    sendJson(res, 200, { entries, head: await e.store.auditHead() });
  });

  r.add('GET', '/v1/audit/verify', async ({ req, res }) => {
    requireHuman(principalOf(d.authenticate, req));
    sendJson(res, 200, await e.verifyAudit());
  });

  r.add('GET', '/v1/audit/export', async ({ req, res }) => {
    requireHuman(principalOf(d.authenticate, req));
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
    for await (const x of e.auditEntries(1)) {
      if (!res.write(JSON.stringify(x) + '\n')) await new Promise((ok) => res.once('drain', ok));
    }
    res.end();
  });
}
