// The real MCP server, started as a child process and spoken to with the SDK's Client. It gets the
// proxy's environment minus Countersign's own token: the server is not the agent.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { VERSION } from './proxy.js';

export async function connectUpstream(command: string[], env: Record<string, string | undefined> = process.env, cwd?: string): Promise<Client> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !k.startsWith('COUNTERSIGN_')) clean[k] = v;
  const transport = new StdioClientTransport({ command: command[0]!, args: command.slice(1), env: clean, stderr: 'inherit', ...(cwd ? { cwd } : {}) });
  // Declares elicitation and sampling so the server's own requests can be relayed to the agent's
  // client; not roots (a server that asks for roots would take the agent's word for its scope).
  const client = new Client({ name: 'countersign-mcp-proxy', version: VERSION }, { capabilities: { elicitation: { form: {}, url: {} }, sampling: {} } });
  await client.connect(transport);
  return client;
}
