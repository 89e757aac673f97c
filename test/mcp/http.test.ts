// The Streamable HTTP mode: `countersign mcp --listen 127.0.0.1:0` with the SDK's HTTP client.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { BIN, serve, type Server, type TeamDir } from '../e2e/kit.js';
import { approveTwice, FS_SERVER, mcpTeam, requestIdIn, text } from './kit.js';

let team: TeamDir;
let server: Server;
let proxy: ChildProcess;
let mcpUrl: string;
const clients: Client[] = [];

before(async () => {
  team = mcpTeam();
  server = await serve(team);
  proxy = spawn(process.execPath, [BIN, 'mcp', '--listen', '127.0.0.1:0', '--target', 'prod', '--cwd', team.prod, '--', process.execPath, FS_SERVER, team.prod], {
    env: { ...process.env, COUNTERSIGN_URL: server.url, COUNTERSIGN_TOKEN: team.tokens.get('agent-1')! },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  mcpUrl = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proxy.stdout! }).once('line', (l) => resolve((JSON.parse(l) as { url: string }).url));
    proxy.once('exit', (code) => reject(new Error(`countersign mcp exited ${code}`)));
  });
});

after(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  proxy?.kill('SIGTERM');
  await server?.stop();
});

async function client(elicitation = false): Promise<Client> {
  const c = new Client({ name: 'http-agent', version: '1.0' }, { capabilities: elicitation ? { elicitation: { form: {} } } : {} });
  await c.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { authorization: `Bearer ${team.tokens.get('agent-1')}` } } }));
  clients.push(c);
  return c;
}

test('over HTTP: a client without the agent token is turned away', async () => {
  for (const auth of [undefined, `Bearer ${team.tokens.get('senior-b')}`]) {
    const res = await fetch(mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }),
    });
    assert.equal(res.status, 401);
  }
});

test('over HTTP: a read passes, a denied move is a tool error and changes nothing', async () => {
  const c = await client();
  const read = await c.callTool({ name: 'read_text_file', arguments: { path: join(team.prod, 'README.md') } });
  assert.deepEqual([read.isError ?? false, text(read)], [false, 'hello from prod\n']);
  const moved = await c.callTool({ name: 'move_file', arguments: { source: join(team.prod, '.git', 'config'), destination: join(team.prod, 'x') } });
  assert.equal(moved.isError, true);
  assert.match(text(moved), /denied/);
  assert.equal(existsSync(join(team.prod, 'x')), false);
});

test('over HTTP: elicitation rides the call, the write runs after two approvals', async () => {
  const c = await client(true);
  c.setRequestHandler(ElicitRequestSchema, async (req) => {
    setTimeout(() => void approveTwice(server.url, team.tokens, requestIdIn(req.params.message)), 100);
    return { action: 'accept', content: { wait: true } };
  });
  const path = join(team.prod, '.mcp.json');
  const r = await c.callTool({ name: 'write_file', arguments: { path, content: '{}' } });
  assert.equal(r.isError ?? false, false, text(r));
  assert.equal(readFileSync(path, 'utf8'), '{}');
});
