// `countersign mcp --target T [--listen HOST:PORT] -- <server command...>`: the MCP proxy. The agent
// talks to Countersign as if it were the server; every tools/call is decided first (docs/mcp.md).
import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { connectUpstream, countersignApi, createProxyServer, listenHttp, type ProxyOptions } from '../../adapters/mcp/index.js';
import { parseArgs, UsageError } from '../args.js';
import { DEFAULT_URL, report } from '../client.js';

const HELP = `Usage: countersign mcp --target T [--server NAME] [--wait SECONDS] [--url URL]
                       [--listen HOST:PORT] [--cwd DIR] [--call-timeout SECONDS] -- <server command...>

Starts <server command> (an MCP server speaking stdio) and serves it to the agent, over stdio or,
with --listen, Streamable HTTP at http://HOST:PORT/mcp (clients send the same agent token as
Authorization: Bearer <token>). tools/list is passed through unchanged (a
list that changes mid-session is written to the audit log); every tools/call is submitted to
Countersign as {kind: mcp, server: NAME, tool, arguments} with context {host: mcp, cwd} and is
forwarded only when allowed. Pending calls ask the client to wait (elicitation) for up to --wait
seconds (default 50); without elicitation the call returns an error naming the request to approve.
  --server NAME   the server name in actions (default: T); list it under the target's match.mcp_server
  --cwd DIR       the workspace the calls act in (default: the current directory)
Token: COUNTERSIGN_TOKEN (an agent token, not passed to the server). URL: --url or COUNTERSIGN_URL.
`;

export async function run(argv: string[]): Promise<number> {
  try {
    const { flags, positionals, rest } = parseArgs(argv, { boolean: ['help'], string: ['target', 'server', 'url', 'wait', 'listen', 'cwd', 'call-timeout'] });
    if (flags['help']) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`put the server command after "--" (got "${positionals[0]}")`);
    if (typeof flags['target'] !== 'string') throw new UsageError('--target T is required');
    if (rest.length === 0) throw new UsageError('no server command after "--"');
    const token = process.env['COUNTERSIGN_TOKEN'];
    if (!token) throw new UsageError('set COUNTERSIGN_TOKEN to the agent token; without it every call would be refused');
    const url = (typeof flags['url'] === 'string' ? flags['url'] : (process.env['COUNTERSIGN_URL'] ?? DEFAULT_URL)).replace(/\/+$/, '');
    const api = countersignApi(url, token);
    const target = flags['target'];
    const server = typeof flags['server'] === 'string' ? flags['server'] : target;
    const session = process.env['COUNTERSIGN_SESSION'];
    const log = (line: string): void => void process.stderr.write(`countersign mcp: ${line}\n`);
    const opts: ProxyOptions = {
      port: api,
      baseUrl: url,
      server,
      target,
      cwd: resolve(typeof flags['cwd'] === 'string' ? flags['cwd'] : process.cwd()),
      ...(session ? { session } : {}),
      waitMs: seconds(flags['wait'], 50, 'wait') * 1000,
      callTimeoutMs: seconds(flags['call-timeout'], 600, 'call-timeout') * 1000,
      reportToolsChange: (c) => api.toolsChanged({ ...c, server, target, ...(session ? { session } : {}) }),
      log,
    };
    if (typeof flags['listen'] === 'string') {
      const { host, port } = listenAddress(flags['listen']);
      const http = await listenHttp(host, port, () => connectUpstream(rest, process.env, opts.cwd), { ...opts, token });
      process.stdout.write(`${JSON.stringify({ url: http.url })}\n`);
      await new Promise<void>((done) => {
        const stop = (): void => void http.close().finally(done);
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      return 0;
    }
    // The server runs in the workspace, so a relative path means to it what it meant to the classifier.
    const upstream = await connectUpstream(rest, process.env, opts.cwd);
    const proxy = createProxyServer(upstream, opts);
    await proxy.connect(new StdioServerTransport());
    await new Promise<void>((done) => {
      // Either side going away ends the session; the other side is closed with it.
      upstream.onclose = () => void proxy.close().finally(done);
      proxy.onclose = () => void upstream.close().finally(done);
      process.stdin.once('end', () => void proxy.close().finally(done));
    });
    return 0;
  } catch (err) {
    return report('mcp', err);
  }
}

function seconds(v: string | true | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n) || n < 0 || n > 3600) throw new UsageError(`--${name} must be a number of seconds (0 to 3600)`);
  return n;
}

function listenAddress(s: string): { host: string; port: number } {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]*)):(\d{1,5})$/.exec(s);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`--listen "${s}" is not HOST:PORT (e.g. 127.0.0.1:7400, or 127.0.0.1:0 for any free port)`);
  return { host: m[1] || m[2] || '127.0.0.1', port };
}
