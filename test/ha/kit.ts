// The scale-out harness: a team of many agents and senior humans, several real `countersign serve`
// processes on one PostgreSQL schema, and a load of agents submitting while humans approve.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { starterConfig } from '../../src/config/index.js';
import { spawnServe, type Server } from '../e2e/kit.js';
import { hashToken } from '../../src/config/tokens.js';

export const BIN = new URL('../../../bin/countersign', import.meta.url).pathname;

export type HaTeam = { dir: string; prod: string; staging: string; agents: { id: string; token: string }[]; humans: { id: string; token: string }[] };

/** `agents` agents (operated by "engineer", who is not a senior) and `humans` seniors. Limits are
 * raised so that the load measures the store, not the rate limits. */
export function makeHaTeam(agents = 50, humans = 10): HaTeam {
  const dir = mkdtempSync(join(tmpdir(), 'cs-ha-'));
  const token = (): string => `cs_${randomBytes(18).toString('base64url')}`;
  const base = starterConfig({ dir, listen: '127.0.0.1:0' });
  const team: HaTeam = {
    dir,
    prod: join(dir, 'workspaces', 'prod'),
    staging: join(dir, 'workspaces', 'staging'),
    agents: Array.from({ length: agents }, (_, i) => ({ id: `bot-${i}`, token: token() })),
    humans: Array.from({ length: humans }, (_, i) => ({ id: `approver-${i}`, token: token() })),
  };
  const humanLines = team.humans.map((h) => `    - {id: ${h.id}, name: ${h.id}, roles: [senior], token_sha256: ${hashToken(h.token)}}`).join('\n');
  const agentLines = team.agents.map((a) => `    - {id: ${a.id}, name: ${a.id}, operator: engineer, token_sha256: ${hashToken(a.token)}}`).join('\n');
  const yaml = base.yaml
    .replace('  humans:\n', `  humans:\n${humanLines}\n`)
    .replace('  agents:\n', `  agents:\n${agentLines}\n`)
    .replace(/rate_per_minute: \d+/, 'rate_per_minute: 1000000')
    .replace(/destructive_per_hour: \d+/, 'destructive_per_hour: 1000000');
  writeFileSync(join(dir, 'countersign.yaml'), yaml);
  mkdirSync(team.prod, { recursive: true });
  mkdirSync(team.staging, { recursive: true });
  return team;
}

export type Instance = Server;

export function serveOn(team: HaTeam, database: string): Promise<Instance> {
  return spawnServe(['--dir', team.dir, '--database', database, '--checkpoint-seconds', '0']);
}

export type Answer = { status: number; body: any };

export async function api(url: string, token: string, method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<Answer> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function pick<T>(xs: T[]): T {
  return xs[Math.floor(Math.random() * xs.length)]!;
}
