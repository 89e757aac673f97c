// The end-to-end harness: a team directory (from `countersign init --dir DIR --json` when this
// build has it, else the same starter config built in-process), and the real `bin/countersign
// serve` as a child process on a free loopback port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { starterConfig } from '../../src/config/index.js';

export const BIN = new URL('../../../bin/countersign', import.meta.url).pathname;
const INIT_BUILT = existsSync(new URL('../../src/cli/commands/init.js', import.meta.url));

export type TeamDir = { dir: string; tokens: Map<string, string>; prod: string; staging: string };

/** `yamlEdit` may change the config text (limits, TTLs) before the server reads it. */
export function makeTeam(yamlEdit?: (yaml: string) => string): TeamDir {
  const dir = mkdtempSync(join(tmpdir(), 'cs-e2e-'));
  let tokens = new Map<string, string>();
  let yaml: string | null = null;
  if (INIT_BUILT) {
    const r = spawnSync(process.execPath, [BIN, 'init', '--dir', dir, '--json'], { encoding: 'utf8' });
    if (r.status === 0) {
      const out = JSON.parse(r.stdout) as { principals: { id: string; token: string }[] };
      tokens = new Map(out.principals.map((p) => [p.id, p.token]));
    }
  }
  if (tokens.size === 0) {
    const s = starterConfig({ dir, listen: '127.0.0.1:0' });
    yaml = s.yaml;
    tokens = new Map(s.principals.map((p) => [p.id, p.token]));
  }
  const file = join(dir, 'countersign.yaml');
  if (yaml === null) yaml = readFileSync(file, 'utf8');
  writeFileSync(file, yamlEdit ? yamlEdit(yaml) : yaml);
  const prod = join(dir, 'workspaces', 'prod');
  const staging = join(dir, 'workspaces', 'staging');
  mkdirSync(prod, { recursive: true });
  mkdirSync(staging, { recursive: true });
  return { dir, tokens, prod, staging };
}

export type Server = { url: string; child: ChildProcess; stderr(): string; stop(): Promise<number | null>; kill9(): Promise<void> };

export async function serve(team: TeamDir, extra: string[] = []): Promise<Server> {
  return spawnServe(['--dir', team.dir, ...extra]);
}

/** `bin/countersign serve ARGS --listen 127.0.0.1:0 --json`, resolved once it prints its URL. */
export async function spawnServe(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args, '--listen', '127.0.0.1:0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url,
    child,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export type Answer = { status: number; body: any };

export async function api(url: string, token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (static page, export): keep the text
  }
  return { status: res.status, body: parsed };
}

/** Runs the CLI and returns its exit code and output. */
export function cli(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A `terraform show -json` plan with the given resource changes. */
export function plan(...changes: [address: string, actions: string[]][]): unknown {
  return {
    format_version: '1.2',
    terraform_version: '1.11.0',
    resource_changes: changes.map(([address, actions]) => {
      const parts = address.split('.');
      return { address, mode: 'managed', type: parts[parts.length - 2], name: parts[parts.length - 1], change: { actions, before: {}, after: {} } };
    }),
  };
}
