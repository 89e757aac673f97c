// Streamable HTTP mode: `countersign mcp --listen 127.0.0.1:PORT -- <server command>`. Each MCP
// session gets its own upstream server process and its own proxy, so sessions never share state.
// The client must present the agent's own token (`Authorization: Bearer …`): otherwise anyone who
// can reach the port would act as that agent. Host headers are checked (DNS rebinding).
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { createProxyServer, type ProxyOptions } from './proxy.js';

export type HttpProxy = { url: string; server: HttpServer; close(): Promise<void> };

type Session = { transport: StreamableHTTPServerTransport; upstream: Client };

export async function listenHttp(host: string, port: number, connect: () => Promise<Client>, opts: ProxyOptions & { token: string }): Promise<HttpProxy> {
  const sessions = new Map<string, Session>();
  const want = createHash('sha256').update(opts.token).digest();
  const authorised = (req: IncomingMessage): boolean => {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    return m !== null && timingSafeEqual(createHash('sha256').update(m[1]!).digest(), want);
  };
  let allowedHosts: string[] = [];

  const reject = (res: ServerResponse, status: number, message: string): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/mcp') return reject(res, 404, 'The MCP endpoint is /mcp.');
    if (!authorised(req)) return reject(res, 401, "Send the agent's Countersign token as Authorization: Bearer <token>.");
    const sid = req.headers['mcp-session-id'];
    const known = typeof sid === 'string' ? sessions.get(sid) : undefined;
    if (known) return known.transport.handleRequest(req, res);
    if (req.method !== 'POST') return reject(res, 400, 'No such session; start one with an initialize request.');
    const body = await readBody(req);
    if (!isInitializeRequest(body)) return reject(res, 400, 'No such session; start one with an initialize request.');
    const upstream = await connect();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableDnsRebindingProtection: true,
      allowedHosts,
      onsessioninitialized: (id) => void sessions.set(id, { transport, upstream }),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
      void upstream.close().catch(() => undefined);
    };
    await createProxyServer(upstream, opts).connect(transport);
    await transport.handleRequest(req, res, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      opts.log?.(`http: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) reject(res, 500, 'Countersign could not reach the MCP server; nothing was run.');
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  const addr = server.address() as AddressInfo;
  allowedHosts = [`${host}:${addr.port}`, `localhost:${addr.port}`, `127.0.0.1:${addr.port}`, `[::1]:${addr.port}`];
  return {
    url: `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}/mcp`,
    server,
    async close() {
      for (const s of sessions.values()) {
        await s.transport.close().catch(() => undefined);
        await s.upstream.close().catch(() => undefined);
      }
      sessions.clear();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 4 * 1024 * 1024) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', reject);
  });
}
