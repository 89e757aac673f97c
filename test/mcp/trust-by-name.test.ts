// The security review's MCP finding, through the real server: tools that only sound like reads were
// allowed as readonly in production. Each must now wait for people (or be denied), while the
// filesystem server's real reads still pass at once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, serve, type Server, type TeamDir } from '../e2e/kit.js';
import { mcpTeam } from './kit.js';

let team: TeamDir;
let server: Server;

before(async () => {
  team = mcpTeam();
  server = await serve(team);
});

after(async () => {
  await server?.stop();
});

async function submit(server_: string, tool: string, args: Record<string, unknown>): Promise<string> {
  const r = await api(server.url, team.tokens.get('agent-1')!, 'POST', '/v1/actions', {
    action: { kind: 'mcp', server: server_, tool, arguments: args },
    target: 'prod',
    context: { cwd: team.prod },
  });
  return `${r.body.status ?? r.body.error?.code}/${r.body.risk ?? ''}`;
}

test('tools named like reads that are not reads are not allowed in production', async () => {
  const got = [
    await submit('acme', 'read_query', { query: 'DROP TABLE users' }),
    await submit('acme', 'read_file_and_overwrite', { path: `${team.prod}/README.md` }),
    await submit('acme', 'list_resetdb', {}),
    await submit('storage', 'list_buckets_and_empty', {}),
    await submit('fs', 'search_files', { path: team.prod, pattern: '*', exec: 'rm -rf ~' }),
  ];
  assert.deepEqual(got, ['pending/destructive', 'pending/unknown', 'pending/unknown', 'pending/unknown', 'pending/destructive']);
});

test("the filesystem server's reads are still allowed at once", async () => {
  const got = [await submit('fs', 'read_text_file', { path: `${team.prod}/README.md` }), await submit('fs', 'list_directory', { path: team.prod })];
  assert.deepEqual(got, ['allowed/readonly', 'allowed/readonly']);
});
