// Server-sent events: `request` (a request view on every change), `status` (freeze state) and
// `audit` ({seq, type}). Humans see everything; an agent sees only its own requests.
import type { Router } from './router.js';
import type { ServerDeps } from './deps.js';
import { principalOf } from './auth.js';

const KEEPALIVE_MS = 15_000;
/** A client that stops reading is cut off rather than buffered for without bound. */
const MAX_BUFFERED = 4 * 1024 * 1024;

export function eventRoutes(r: Router, d: ServerDeps, open: Set<() => void>): void {
  r.add('GET', '/v1/events', async ({ req, res, url }) => {
    const who = principalOf(d.authenticate, req, url);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 2000\n: connected as ${who.id}\n\n`);
    const send = (event: string, data: unknown): void => {
      if (res.writableLength > MAX_BUFFERED) return close();
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    send('status', await d.engine.status());
    const unsubscribe = d.engine.subscribe((e) => {
      if (e.type === 'request') {
        if (who.kind === 'agent' && e.request.agentId !== who.id) return;
        send('request', d.engine.view(e.request, who.kind === 'human' ? who : undefined));
      } else if (e.type === 'status') send('status', e.status);
      else if (who.kind === 'human') for (const x of e.entries) send('audit', x);
    });
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    let closed = false;
    function close(): void {
      if (closed) return;
      closed = true;
      clearInterval(keepalive);
      unsubscribe();
      open.delete(close);
      res.end();
    }
    open.add(close);
    req.on('close', close);
  });
}
