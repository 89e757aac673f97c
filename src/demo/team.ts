// The demo team: the starter config (`countersign init`) written into a fresh directory, with the
// server address the demo listens on.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CountersignError } from '../core/index.js';
import { parseConfig, starterConfig, type Starter } from '../config/index.js';

export type DemoTeam = { dir: string; file: string; starter: Starter; prod: string; staging: string };

export function writeDemoTeam(dir: string | undefined, port: number): DemoTeam {
  const root = dir ? resolve(dir) : mkdtempSync(join(tmpdir(), 'countersign-demo-'));
  const file = join(root, 'countersign.yaml');
  // A demo never overwrites a real team's config (its tokens would stop working).
  if (existsSync(file)) throw new CountersignError('E_USAGE', `${file} already exists; give --dir an empty or new directory, or leave --dir out for a temporary one.`);
  const starter = starterConfig({ dir: root, listen: `127.0.0.1:${port}` });
  parseConfig(starter.yaml, file);
  const prod = join(root, 'workspaces', 'prod');
  const staging = join(root, 'workspaces', 'staging');
  for (const p of [join(prod, 'cost-reporting'), join(staging, 'cost-reporting')]) mkdirSync(p, { recursive: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(file, starter.yaml, { mode: 0o600 });
  return { dir: root, file, starter, prod, staging };
}
