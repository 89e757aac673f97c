// bench/mcp: the MCP proxy's added latency per tools/call. The SDK's Client calls read_text_file on
// the real @modelcontextprotocol/server-filesystem, directly and through `countersign mcp` (stdio),
// which submits every call to a real `countersign serve` (classify, decide, persist, audit) before
// forwarding it. Direct and proxied samples alternate, so machine load hits both alike.
// Run: npx tsc -p . && node dist/bench/mcp/run.js [--calls N]
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { serve } from '../../test/e2e/kit.js';
import { directClient, mcpTeam, proxiedClient } from '../../test/mcp/kit.js';

const i = process.argv.indexOf('--calls');
const calls = i > 0 ? Number(process.argv[i + 1]) : 300;

const round = (x: number): number => Math.round(x * 100) / 100;
function stats(ms: number[]): { n: number; p10: number; p50: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { n: s.length, p10: round(at(0.1)), p50: round(at(0.5)), p99: round(at(0.99)) };
}

// Many distinct reads: the repeat breaker (same action 20 times a minute) must not pause the bench.
const team = mcpTeam();
const yaml = join(team.dir, 'countersign.yaml');
const { readFileSync } = await import('node:fs');
writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/rate_per_minute: \d+/, 'rate_per_minute: 1000000'));
for (let f = 0; f < calls + 50; f++) writeFileSync(join(team.prod, `f${f}.txt`), `file ${f}\n`);
const server = await serve(team);
const clients: Client[] = [];
try {
  const t0 = performance.now();
  const direct = await directClient(team.prod);
  const tDirect = performance.now() - t0;
  const t1 = performance.now();
  const proxied = await proxiedClient(server.url, team.tokens.get('agent-1')!, team.prod);
  const tProxied = performance.now() - t1;
  clients.push(direct, proxied);
  const read = async (c: Client, f: number): Promise<number> => {
    const s = performance.now();
    const r = await c.callTool({ name: 'read_text_file', arguments: { path: join(team.prod, `f${f}.txt`) } });
    const ms = performance.now() - s;
    if (r.isError) throw new Error(JSON.stringify(r));
    return ms;
  };
  for (let w = 0; w < 50; w++) {
    await read(direct, w);
    await read(proxied, w);
  }
  const d: number[] = [];
  const p: number[] = [];
  const diff: number[] = [];
  for (let n = 0; n < calls; n++) {
    const a = await read(direct, n + 50);
    const b = await read(proxied, n + 50);
    d.push(a);
    p.push(b);
    diff.push(b - a);
  }
  console.log(JSON.stringify({
    machine: `${cpus().length} x ${cpus()[0]?.model}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
    node: process.version,
    connectMs: { direct: round(tDirect), proxied: round(tProxied) },
    direct: stats(d),
    proxied: stats(p),
    addedPerCall: stats(diff),
  }, null, 2));
} finally {
  for (const c of clients) await c.close().catch(() => undefined);
  await server.stop();
}
