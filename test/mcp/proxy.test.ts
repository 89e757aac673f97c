// End to end: SDK Client -> `countersign mcp` (stdio) -> the real filesystem MCP server, decided by
// a real `countersign serve`. Reads pass; writes to protected paths wait for two senior approvals
// and then run once; denied calls are tool errors that change nothing; a dead server blocks all.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { api, serve, type Server, type TeamDir } from '../e2e/kit.js';
import { approveTwice, directClient, mcpTeam, proxiedClient, requestIdIn, text } from './kit.js';

let team: TeamDir;
let server: Server;
let agent: string;
const clients: Client[] = [];

before(async () => {
  team = mcpTeam();
  server = await serve(team);
  agent = team.tokens.get('agent-1')!;
});

after(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await server?.stop();
});

async function client(o: Parameters<typeof proxiedClient>[3] = {}): Promise<Client> {
  const c = await proxiedClient(server.url, agent, team.prod, o);
  clients.push(c);
  return c;
}

test('tools/list is the upstream list, unchanged', async () => {
  const direct = await directClient(team.prod);
  clients.push(direct);
  const proxied = await client();
  assert.deepEqual(await proxied.listTools(), await direct.listTools());
});

test('a read passes through', async () => {
  const c = await client();
  const r = await c.callTool({ name: 'read_text_file', arguments: { path: join(team.prod, 'README.md') } });
  assert.deepEqual([r.isError ?? false, text(r)], [false, 'hello from prod\n']);
});

test('without elicitation: a protected write is refused with the request id; after two approvals the identical call runs once', async () => {
  const c = await client();
  const path = join(team.prod, '.claude', 'settings.json');
  const call = { name: 'write_file', arguments: { path, content: '{"hooks": {}}' } };
  const first = await c.callTool(call);
  assert.equal(first.isError, true);
  assert.match(text(first), /waiting for human approval \(request req_/);
  assert.equal(existsSync(path), false);
  const id = requestIdIn(text(first));
  assert.match(text(first), new RegExp(`/requests/${id}`));
  await approveTwice(server.url, team.tokens, id);
  const second = await c.callTool(call);
  assert.equal(second.isError ?? false, false, text(second));
  assert.equal(readFileSync(path, 'utf8'), '{"hooks": {}}');
  const used = await api(server.url, team.tokens.get('admin')!, 'GET', `/v1/actions/${id}`);
  assert.equal(used.body.status, 'used');
  // The approval is spent: the same call again is a new request.
  const third = await c.callTool(call);
  assert.equal(third.isError, true);
  assert.notEqual(requestIdIn(text(third)), id);
});

test('with elicitation: the call waits while two seniors approve, then runs once', async () => {
  const c = await client({ elicitation: true });
  const asked: string[] = [];
  c.setRequestHandler(ElicitRequestSchema, async (req) => {
    asked.push(req.params.message);
    if (asked.length > 1) return { action: 'decline' };
    const id = requestIdIn(req.params.message);
    // The human approves elsewhere (the dashboard), while this call waits.
    setTimeout(() => void approveTwice(server.url, team.tokens, id), 200);
    return { action: 'accept', content: { wait: true } };
  });
  const path = join(team.prod, '.git', 'config');
  const call = { name: 'write_file', arguments: { path, content: '[core]\n\tbare = true\n' } };
  const r = await c.callTool(call);
  assert.equal(r.isError ?? false, false, text(r));
  assert.equal(readFileSync(path, 'utf8'), '[core]\n\tbare = true\n');
  assert.equal(asked.length, 1);
  assert.match(asked[0]!, /does not approve it/);
  // A second identical call is a new request; declining to wait leaves the disk alone.
  const again = await c.callTool({ ...call, arguments: { path, content: '[core]\n\tbare = false\n' } });
  assert.equal(again.isError, true);
  assert.match(text(again), /You chose not to wait/);
  assert.equal(readFileSync(path, 'utf8'), '[core]\n\tbare = true\n');
});

test('a denied call is a tool error and nothing changes on disk', async () => {
  const c = await client();
  const before = readFileSync(join(team.prod, '.git', 'config'), 'utf8');
  const r = await c.callTool({ name: 'move_file', arguments: { source: join(team.prod, '.git', 'config'), destination: join(team.prod, 'config.bak') } });
  assert.equal(r.isError, true);
  assert.match(text(r), /not allowed \(request req_[^,]+, denied\)/);
  assert.match(text(r), /Moving git internals/);
  assert.deepEqual([readFileSync(join(team.prod, '.git', 'config'), 'utf8'), existsSync(join(team.prod, 'config.bak'))], [before, false]);
});

test('Countersign unreachable: every call is a tool error, nothing runs', async () => {
  const c = await client({ env: { COUNTERSIGN_URL: 'http://127.0.0.1:9' } });
  const read = await c.callTool({ name: 'read_text_file', arguments: { path: join(team.prod, 'README.md') } });
  assert.equal(read.isError, true);
  assert.match(text(read), /E_UNAVAILABLE/);
  const path = join(team.prod, 'notes.txt');
  const write = await c.callTool({ name: 'write_file', arguments: { path, content: 'x' } });
  assert.equal(write.isError, true);
  assert.equal(existsSync(path), false);
});
