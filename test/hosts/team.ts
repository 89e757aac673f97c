// A real Countersign for the host tests: `countersign init --dir DIR --json` (the starter team and
// policy, tokens printed once), served by the real `bin/countersign serve` on a free loopback port
// (embedded SQLite).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

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
  const init = JSON.parse(execFileSync(process.execPath, [BIN, 'init', '--dir', dir, '--json', '--listen', '127.0.0.1:0'], { encoding: 'utf8' })) as {
    principals: { id: string; token: string }[];
    targets: { id: string; match: { cwd_prefix: string[] } }[];
  };
  let yaml = readFileSync(join(dir, 'countersign.yaml'), 'utf8');
  if (opts.hookWaitSeconds !== undefined) yaml = yaml.replace(/hook_wait_seconds: \d+/, `hook_wait_seconds: ${opts.hookWaitSeconds}`);
  if (opts.ratePerMinute !== undefined) yaml = yaml.replace(/rate_per_minute: \d+/, `rate_per_minute: ${opts.ratePerMinute}`);
  writeFileSync(join(dir, 'countersign.yaml'), yaml);
  const workspace = (id: string): string => init.targets.find((t) => t.id === id)!.match.cwd_prefix[0]!;
  const prod = workspace('prod');
  const staging = workspace('staging');
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--dir', dir, '--listen', '127.0.0.1:0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errText = '';
  child.stderr!.on('data', (d) => (errText += d));
  const url = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${errText}`)));
  });
  const tokens = new Map(init.principals.map((p) => [p.id, p.token]));
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
