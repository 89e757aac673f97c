// The HTTP server (node:http, no framework). Every error is {error: {code, message}} with the
// status from the catalogue; a handler that throws something unexpected answers E_INTERNAL, which
// no client reads as "allowed".
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CountersignError } from '../core/index.js';
import { HTTP_HOOKS } from '../adapters/http-hooks.js';
import type { Engine } from '../engine/index.js';
import type { Authenticate } from './auth.js';
import type { ServerDeps } from './deps.js';
import { DEFAULT_BODY_LIMIT, sendError, sendJson } from './http-util.js';
import { Router } from './router.js';
import { MAX_WAIT_MS } from '../engine/wait.js';
import { agentRoutes } from './routes-agent.js';
import { auditRoutes } from './routes-audit.js';
import { brokerRoutes } from './routes-broker.js';
import { humanRoutes } from './routes-human.js';
import { eventRoutes } from './sse.js';
import { serveStatic } from './static.js';

export type ServerOptions = {
  engine: Engine;
  authenticate: Authenticate;
  hooks?: ServerDeps['hooks'];
  bodyLimit?: number;
  maxWaitMs?: number;
  staticDir?: string;
};

export type RunningServer = { url: string; server: Server; close(): Promise<void> };

export function createApp(opts: ServerOptions): { handle(req: IncomingMessage, res: ServerResponse): void; closeStreams(): void } {
  const deps: ServerDeps = {
    engine: opts.engine,
    authenticate: opts.authenticate,
    hooks: opts.hooks ?? HTTP_HOOKS,
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    maxWaitMs: opts.maxWaitMs ?? MAX_WAIT_MS,
    ...(opts.staticDir ? { staticDir: opts.staticDir } : {}),
  };
  const streams = new Set<() => void>();
  const router = new Router();
  router.add('GET', '/healthz', async ({ res }) => sendJson(res, 200, { ok: true }));
  agentRoutes(router, deps);
  humanRoutes(router, deps);
  auditRoutes(router, deps);
  brokerRoutes(router, deps);
  eventRoutes(router, deps, streams);

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendError(res, new CountersignError('E_BAD_INPUT', 'The request URL is malformed.'));
    }
    const method = req.method ?? 'GET';
    const m = router.match(method, url.pathname);
    let work: Promise<void>;
    if (m === 'method') work = Promise.reject(new CountersignError('E_BAD_INPUT', `${method} is not supported on ${url.pathname}.`));
    else if (m) work = m.handler({ req, res, url, params: m.params });
    else if (url.pathname.startsWith('/v1/') || url.pathname === '/v1') work = Promise.reject(new CountersignError('E_NOT_FOUND', `No API route ${url.pathname}; see docs/http-api.md.`));
    else if (method === 'GET' || method === 'HEAD') work = serveStatic(res, deps.staticDir, url.pathname, method === 'HEAD');
    else work = Promise.reject(new CountersignError('E_NOT_FOUND', `No route ${method} ${url.pathname}.`));
    work.catch((err) => sendError(res, err));
  };
  return { handle, closeStreams: () => [...streams].forEach((c) => c()) };
}

/** Listens on host:port (loopback by default; port 0 picks a free one) and starts the engine's sweeper. */
export async function startServer(opts: ServerOptions & { host?: string; port?: number; publicUrl?: string }): Promise<RunningServer> {
  const app = createApp(opts);
  const server = createHttpServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, app.handle);
  server.headersTimeout = 30_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 7300, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${shown === '0.0.0.0' || shown === '[::]' ? '127.0.0.1' : shown}:${addr.port}`;
  opts.engine.publicUrl = opts.publicUrl ?? url;
  opts.engine.start();
  return {
    url,
    server,
    async close() {
      opts.engine.stop();
      app.closeStreams();
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeIdleConnections();
        // Long-polls in flight are cut after a grace period rather than holding shutdown open.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
    },
  };
}
