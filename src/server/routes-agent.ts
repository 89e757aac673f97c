// Agent calls: submit an action, read (and long-poll) a request, and host hooks over HTTP.
import { CountersignError } from '../core/index.js';
import type { Router } from './router.js';
import type { ServerDeps } from './deps.js';
import { principalOf, requireAgent } from './auth.js';
import { readJson, readText, sendJson } from './http-util.js';
import { parseSubmit } from './validate.js';
import { MAX_WAIT_MS } from '../engine/wait.js';

export function agentRoutes(r: Router, d: ServerDeps): void {
  r.add('POST', '/v1/actions', async ({ req, res }) => {
    const agent = requireAgent(principalOf(d.authenticate, req));
    const input = parseSubmit(await readJson(req, d.bodyLimit));
    sendJson(res, 200, await d.engine.submit(agent, input));
  });

  r.add('GET', '/v1/actions/:id', async ({ req, res, url, params }) => {
    const who = principalOf(d.authenticate, req);
    const waitMs = parseWait(url.searchParams.get('wait'), d.maxWaitMs);
    const id = params['id']!;
    const first = await d.engine.get(id);
    if (!first) throw new CountersignError('E_NOT_FOUND', `No request "${id}".`);
    // An agent sees only its own requests; what other agents do is for humans to see.
    if (who.kind === 'agent' && first.agentId !== who.id) throw new CountersignError('E_FORBIDDEN', `Request "${id}" belongs to another agent.`);
    const rec = waitMs > 0 ? await d.engine.waitRequest(id, waitMs) : first;
    sendJson(res, 200, d.engine.view(rec, who.kind === 'human' ? who : undefined));
  });

  r.add('POST', '/v1/hooks/:host', async ({ req, res, params }) => {
    const host = params['host']!;
    const handler = Object.prototype.hasOwnProperty.call(d.hooks, host) ? d.hooks[host] : undefined;
    if (!handler) throw new CountersignError('E_NOT_FOUND', `No HTTP hook for host "${host}"; known: ${Object.keys(d.hooks).join(', ') || 'none'}.`);
    const agent = requireAgent(principalOf(d.authenticate, req));
    // A body that cannot be read still goes to the hook, as nothing: the hook answers "deny" in
    // its host's protocol. A non-2xx answer would be a non-blocking error to some hosts, letting
    // the tool call run.
    // The raw text goes along so the hook can refuse duplicate keys; the signal tells it the
    // caller went away, so it stops waiting and never consumes an approval for nobody.
    const text = await readText(req, d.bodyLimit).catch(() => undefined);
    let body: unknown;
    try {
      body = text === undefined ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const out = await handler(body, { agent, engine: d.engine, ...(text === undefined ? {} : { text }), signal: gone.signal });
    sendJson(res, out.status, out.body);
  });
}

/** `?wait=SECONDS`, capped at the configured maximum (and never above 300 s). */
export function parseWait(v: string | null, maxMs = MAX_WAIT_MS): number {
  if (v === null || v === '') return 0;
  const n = Number(v);
  const cap = Math.min(maxMs, MAX_WAIT_MS);
  if (!Number.isFinite(n) || n < 0) throw new CountersignError('E_BAD_INPUT', `"wait" must be a number of seconds between 0 and ${cap / 1000}.`);
  return Math.min(n * 1000, cap);
}
