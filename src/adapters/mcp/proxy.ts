// The downstream face of the proxy: a low-level MCP Server that looks like the upstream server to
// the agent. tools/list is forwarded unchanged (and watched); every tools/call goes through the
// gate; resources, prompts, completions and logging are forwarded as they are (they read, they do
// not act); the upstream's notifications and its requests to the client (elicitation, sampling)
// are relayed the other way.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema, CompleteRequestSchema, CreateMessageRequestSchema, CreateMessageResultSchema, ElicitRequestSchema, ElicitResultSchema,
  ErrorCode, GetPromptRequestSchema, ListPromptsRequestSchema, ListResourcesRequestSchema, ListResourceTemplatesRequestSchema, ListToolsRequestSchema,
  McpError, ReadResourceRequestSchema, SetLevelRequestSchema, SubscribeRequestSchema, ToolListChangedNotificationSchema, UnsubscribeRequestSchema,
  type ServerCapabilities,
} from '@modelcontextprotocol/sdk/types.js';
import { gate, type Asker, type GateOptions } from './gate.js';
import { ToolWatch, type ToolDef, type ToolsChange } from './tool-watch.js';

export type ProxyOptions = GateOptions & {
  /** Longest a forwarded call may run upstream. */
  callTimeoutMs: number;
  reportToolsChange(c: ToolsChange): Promise<void>;
  log?(line: string): void;
};

export const VERSION = '0.1.0';

/** A downstream Server bound to a connected upstream Client. Connect it to a transport. */
export function createProxyServer(upstream: Client, o: ProxyOptions): Server {
  const caps = upstream.getServerCapabilities() ?? {};
  const info = upstream.getServerVersion();
  const offered: ServerCapabilities = {
    tools: { listChanged: true },
    ...(caps.resources ? { resources: caps.resources } : {}),
    ...(caps.prompts ? { prompts: caps.prompts } : {}),
    ...(caps.logging ? { logging: caps.logging } : {}),
    ...(caps.completions ? { completions: caps.completions } : {}),
  };
  const instructions = upstream.getInstructions();
  const server = new Server({ name: info?.name ?? o.server, version: info?.version ?? VERSION }, { capabilities: offered, ...(instructions ? { instructions } : {}) });
  const watch = new ToolWatch((c) => o.reportToolsChange(c));

  server.setRequestHandler(ListToolsRequestSchema, async (req, extra) => {
    const r = await upstream.listTools(req.params, { signal: extra.signal });
    if (!req.params?.cursor && !r.nextCursor) {
      try {
        await watch.observe(r.tools as ToolDef[], 'tools/list');
      } catch (err) {
        // A changed tool list that cannot be recorded is not handed to the agent.
        throw new McpError(ErrorCode.InternalError, `Countersign: the tool list of ${o.server} changed and the change could not be audited (${err instanceof Error ? err.message : String(err)}); not listing it.`);
      }
    }
    return r;
  });

  server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    const token = req.params._meta?.progressToken;
    const progress = (message: string, n = 0): Promise<void> =>
      token === undefined ? Promise.resolve() : extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: n, message } });
    let ticks = 0;
    const asker: Asker = {
      mode() {
        const e = server.getClientCapabilities()?.elicitation;
        return !e ? null : e.url ? 'url' : e.form ? 'form' : null;
      },
      async ask(p) {
        const opts = { signal: extra.signal, timeout: o.waitMs + 60_000 };
        const r = p.mode === 'url'
          ? await server.elicitInput({ mode: 'url', message: p.message, url: p.url, elicitationId: p.elicitationId }, opts)
          : await server.elicitInput({ mode: 'form', message: p.message, requestedSchema: { type: 'object', properties: { wait: { type: 'boolean', title: 'Keep waiting for approval', default: true } } } }, opts);
        return r.action;
      },
      complete: (id) => server.createElicitationCompletionNotifier(id)(),
      progress: (m) => progress(m, ++ticks),
    };
    const verdict = await gate(o, req.params.name, req.params.arguments, asker, extra.signal);
    if (!verdict.forward) return verdict.result;
    o.log?.(`forwarding ${req.params.name} (request ${verdict.requestId})`);
    return upstream.callTool(req.params, undefined, {
      signal: extra.signal,
      timeout: o.callTimeoutMs,
      ...(token === undefined ? {} : { onprogress: (p) => void extra.sendNotification({ method: 'notifications/progress', params: { ...p, progressToken: token } }), resetTimeoutOnProgress: true }),
    });
  });

  if (caps.resources) {
    server.setRequestHandler(ListResourcesRequestSchema, (req, extra) => upstream.listResources(req.params, { signal: extra.signal }));
    server.setRequestHandler(ListResourceTemplatesRequestSchema, (req, extra) => upstream.listResourceTemplates(req.params, { signal: extra.signal }));
    server.setRequestHandler(ReadResourceRequestSchema, (req, extra) => upstream.readResource(req.params, { signal: extra.signal }));
    if (caps.resources.subscribe) {
      server.setRequestHandler(SubscribeRequestSchema, (req, extra) => upstream.subscribeResource(req.params, { signal: extra.signal }));
      server.setRequestHandler(UnsubscribeRequestSchema, (req, extra) => upstream.unsubscribeResource(req.params, { signal: extra.signal }));
    }
  }
  if (caps.prompts) {
    server.setRequestHandler(ListPromptsRequestSchema, (req, extra) => upstream.listPrompts(req.params, { signal: extra.signal }));
    server.setRequestHandler(GetPromptRequestSchema, (req, extra) => upstream.getPrompt(req.params, { signal: extra.signal }));
  }
  if (caps.completions) server.setRequestHandler(CompleteRequestSchema, (req, extra) => upstream.complete(req.params, { signal: extra.signal }));
  if (caps.logging) server.setRequestHandler(SetLevelRequestSchema, (req, extra) => upstream.setLoggingLevel(req.params.level, { signal: extra.signal }));

  // Upstream -> downstream. A changed tool list is audited before the agent hears about it.
  upstream.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
    try {
      const r = await upstream.listTools();
      if (!r.nextCursor) await watch.observe(r.tools as ToolDef[], 'notifications/tools/list_changed');
    } catch (err) {
      o.log?.(`the tool list changed and could not be audited: ${err instanceof Error ? err.message : String(err)} (the next tools/list will refuse until it can)`);
    }
    await server.sendToolListChanged().catch(() => undefined);
  });
  upstream.fallbackNotificationHandler = async (n) => {
    await server.notification(n as Parameters<Server['notification']>[0]).catch(() => undefined);
  };
  // Relayed only where the upstream client declared the capability (the SDK refuses the rest).
  relay(() => upstream.setRequestHandler(ElicitRequestSchema, (req, extra) => server.request({ method: 'elicitation/create', params: req.params }, ElicitResultSchema, { signal: extra.signal })));
  relay(() => upstream.setRequestHandler(CreateMessageRequestSchema, (req, extra) => server.request({ method: 'sampling/createMessage', params: req.params }, CreateMessageResultSchema, { signal: extra.signal })));
  return server;
}

function relay(register: () => void): void {
  try {
    register();
  } catch {
    // the upstream client does not offer this capability; the server will not ask for it
  }
}
