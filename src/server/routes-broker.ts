// The credential broker and the MCP proxy's calls (docs/broker.md, docs/mcp.md):
// - POST /v1/exec: submit a command bound to a target whose credentials the broker holds;
// - POST /v1/actions/:id/execute: run it once, here, streaming NDJSON events back;
// - POST /v1/mcp/tools-changed: an MCP server's tool list changed mid-session (audited).
import { CountersignError } from '../core/index.js';
import { startRun, submitExec, type ExecEvent } from '../broker/exec/index.js';
import type { Router } from './router.js';
import type { ServerDeps } from './deps.js';
import { principalOf, requireAgent } from './auth.js';
import { readJson, sendJson } from './http-util.js';

export function brokerRoutes(r: Router, d: ServerDeps): void {
  r.add('POST', '/v1/exec', async ({ req, res }) => {
    const agent = requireAgent(principalOf(d.authenticate, req));
    sendJson(res, 200, await submitExec(d.engine, agent, await readJson(req, d.bodyLimit)));
  });

  r.add('POST', '/v1/actions/:id/execute', async ({ req, res, params }) => {
    const agent = requireAgent(principalOf(d.authenticate, req));
    const body = await readJson(req, d.bodyLimit, true);
    const running = await startRun(d.engine, agent, params['id']!, body ?? undefined);
    // From here the request is taken: the answer is a stream that always ends with an exit event.
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) gone.abort();
    });
    const emit = (e: ExecEvent): void => {
      if (!res.destroyed) res.write(JSON.stringify(e) + '\n');
    };
    await running.run(emit, gone.signal);
    res.end();
  });

  r.add('POST', '/v1/mcp/tools-changed', async ({ req, res }) => {
    const agent = requireAgent(principalOf(d.authenticate, req));
    const body = parseToolsChanged(await readJson(req, d.bodyLimit));
    const [entry] = await d.engine.appendAudit([{ type: 'mcp.tools-changed', body: { agent: agent.id, operator: agent.operator, ...body } }]);
    sendJson(res, 200, { seq: entry?.seq ?? null });
  });
}

const LISTS = ['added', 'removed', 'changed'] as const;

function parseToolsChanged(v: unknown): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CountersignError('E_BAD_INPUT', 'Send {"server", "before", "after", "added", "removed", "changed", "target"?, "session"?}.');
  const b = v as Record<string, unknown>;
  const fields = ['server', 'target', 'session', 'before', 'after', 'reason', ...LISTS];
  for (const k of Object.keys(b)) if (!fields.includes(k)) throw new CountersignError('E_UNKNOWN_FIELD', `"${k}" is not a field of a tools-changed report.`);
  const str = (k: string, required: boolean): void => {
    if (b[k] === undefined && !required) return;
    if (typeof b[k] !== 'string' || (b[k] as string).length > 512) throw new CountersignError('E_BAD_INPUT', `"${k}" must be a string of at most 512 characters.`);
  };
  str('server', true);
  for (const k of ['target', 'session', 'before', 'after', 'reason']) str(k, false);
  for (const k of LISTS) {
    const l = b[k];
    if (!Array.isArray(l) || l.length > 1000 || !l.every((x) => typeof x === 'string' && x.length <= 256)) throw new CountersignError('E_BAD_INPUT', `"${k}" must be a list of tool names.`);
  }
  return b;
}
