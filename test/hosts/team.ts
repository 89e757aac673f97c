// A real Countersign for the host tests: the starter team and policy in a fresh directory, served
// by the real `bin/countersign serve` on a free loopback port (embedded SQLite).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { starterConfig } from '../../src/config/starter.js';

export const BIN = new URL('../../../bin/countersign', import.meta.url).pathname;

export type Team = {
  dir: string;
  url: string;
  token(id: string): string;
  prod: string;
  staging: string;
  stop(): Promise<void>;
};

export async function startTeam(opts: { hookWaitSeconds?: number; ratePerMinute?: number } = {}): Promise<Team> {
  const dir = mkdtempSync(join(tmpdir(), 'cs-hosts-'));
  const starter = starterConfig({ dir, listen: '127.0.0.1:0' });
  let yaml = starter.yaml;
  if (opts.hookWaitSeconds !== undefined) yaml = yaml.replace(/hook_wait_seconds: \d+/, `hook_wait_seconds: ${opts.hookWaitSeconds}`);
  if (opts.ratePerMinute !== undefined) yaml = yaml.replace(/rate_per_minute: \d+/, `rate_per_minute: ${opts.ratePerMinute}`);
  writeFileSync(join(dir, 'countersign.yaml'), yaml);
  const prod = join(dir, 'workspaces', 'prod');
  const staging = join(dir, 'workspaces', 'staging');
  mkdirSync(prod, { recursive: true });
  mkdirSync(staging, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--dir', dir, '--listen', '127.0.0.1:0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errText = '';
  child.stderr!.on('data', (d) => (errText += d));
  const url = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${errText}`)));
  });
  const tokens = new Map(starter.principals.map((p) => [p.id, p.token]));
  return {
    dir,
    url,
    prod,
    staging,
    token: (id) => tokens.get(id)!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A human's call to the real server (approve, reject, read a request). */
export async function human(team: Team, who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(team.url + path, {
    method,
    headers: { authorization: `Bearer ${team.token(who)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}
