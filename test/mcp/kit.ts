// MCP test harness: the real @modelcontextprotocol/server-filesystem behind `countersign mcp`, with
// the SDK's Client on the agent's side and a real `countersign serve` deciding.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN, api, makeTeam, type TeamDir } from '../e2e/kit.js';

export const FS_SERVER = new URL('../../../node_modules/@modelcontextprotocol/server-filesystem/dist/index.js', import.meta.url).pathname;

/** The starter team plus one deny rule: moving a protected path through MCP is never allowed. */
export function mcpTeam(): TeamDir {
  const team = makeTeam((yaml) =>
    yaml.replace(
      /^policy:\n {2}rules:\n/m,
      `policy:
  rules:
    - id: mcp-never-move-protected
      description: Moving git internals or agent settings through an MCP tool is never allowed
      when: {kind: mcp, finding: [file.move-protected]}
      decide: deny
`,
    ),
  );
  mkdirSync(join(team.prod, '.git'), { recursive: true });
  mkdirSync(join(team.prod, '.claude'), { recursive: true });
  writeFileSync(join(team.prod, '.git', 'config'), '[core]\n\tbare = false\n');
  writeFileSync(join(team.prod, 'README.md'), 'hello from prod\n');
  return team;
}

export type ClientOpts = { elicitation?: boolean; env?: Record<string, string>; extra?: string[] };

/** An MCP client talking to `countersign mcp` over stdio, the way an agent host would. */
export async function proxiedClient(url: string, token: string, workspace: string, o: ClientOpts = {}): Promise<Client> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', '--target', 'prod', '--cwd', workspace, ...(o.extra ?? []), '--', process.execPath, FS_SERVER, workspace],
    env: { ...env, COUNTERSIGN_URL: url, COUNTERSIGN_TOKEN: token, ...(o.env ?? {}) },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'test-agent', version: '1.0' }, { capabilities: o.elicitation ? { elicitation: { form: {} } } : {} });
  await client.connect(transport);
  return client;
}

export async function directClient(workspace: string): Promise<Client> {
  const client = new Client({ name: 'test-direct', version: '1.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [FS_SERVER, workspace], stderr: 'pipe' }));
  return client;
}

export function text(r: unknown): string {
  const c = (r as { content?: { type: string; text?: string }[] }).content ?? [];
  return c.map((x) => x.text ?? '').join('\n');
}

export function requestIdIn(s: string): string {
  const m = /request (req_[A-Za-z0-9_-]+)/.exec(s);
  if (!m) throw new Error(`no request id in: ${s}`);
  return m[1]!;
}

export async function approveTwice(url: string, tokens: Map<string, string>, id: string): Promise<void> {
  for (const who of ['senior-b', 'senior-c']) {
    const r = await api(url, tokens.get(who)!, 'POST', `/v1/actions/${id}/approve`, { reason: `reviewed by ${who}` });
    if (r.status !== 200) throw new Error(`approve by ${who}: ${JSON.stringify(r.body)}`);
  }
}
