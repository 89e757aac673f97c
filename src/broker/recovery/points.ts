// Where recovery points live: <data dir>/recovery/<request-id>/ with manifest.json and one folder
// per kind. Listing and pruning read manifests only.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CountersignError } from '../../core/index.js';
import { MANIFEST } from './manifest.js';
import type { Manifest } from './types.js';

const ID = /^[A-Za-z0-9_-]{1,128}$/;

export function recoveryRoot(dataDir: string): string {
  return join(dataDir, 'recovery');
}

export function pointDir(dataDir: string, requestId: string): string {
  // The id becomes a directory name: nothing that could climb out of the recovery folder.
  if (!ID.test(requestId)) throw new CountersignError('E_BAD_INPUT', `"${requestId}" is not a request id (letters, digits, _ and - only).`);
  return join(recoveryRoot(dataDir), requestId);
}

export type PointSummary = { request: string; target: string | null; created: number; bytes: number; kinds: string[]; what: string[]; digest: string | null; dir: string; problem?: string };

export function listPoints(dataDir: string): PointSummary[] {
  const root = recoveryRoot(dataDir);
  if (!existsSync(root)) return [];
  const out: PointSummary[] = [];
  for (const id of readdirSync(root).sort()) {
    const dir = join(root, id);
    if (!statSync(dir).isDirectory()) continue;
    try {
      const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
      out.push({ request: id, target: m.target, created: m.created, bytes: m.bytes, kinds: m.parts.map((p) => p.kind), what: m.parts.flatMap((p) => p.what), digest: m.digest, dir });
    } catch {
      out.push({ request: id, target: null, created: statSync(dir).mtimeMs, bytes: 0, kinds: [], what: [], digest: null, dir, problem: 'no readable manifest (an interrupted take, or damaged)' });
    }
  }
  return out.sort((a, b) => a.created - b.created);
}

/** Removes points created before `cutoff` (ms since the epoch). Returns what was (or would be) removed. */
export function prunePoints(dataDir: string, cutoff: number | ((p: PointSummary) => number), dryRun = false): PointSummary[] {
  const old = listPoints(dataDir).filter((p) => p.created < (typeof cutoff === 'number' ? cutoff : cutoff(p)));
  if (!dryRun) {
    for (const p of old) {
      dropGitRefs(p);
      rmSync(p.dir, { recursive: true, force: true });
    }
  }
  return old;
}

/** The git kind keeps its objects alive with refs/countersign/<id>/* in the repository itself. */
function dropGitRefs(p: PointSummary): void {
  let repos: string[] = [];
  try {
    const m = JSON.parse(readFileSync(join(p.dir, MANIFEST), 'utf8')) as Manifest;
    repos = m.parts.filter((x) => x.kind === 'git').flatMap((x) => ((x.data['repos'] ?? []) as { repo: string }[]).map((r) => r.repo));
  } catch {
    return;
  }
  for (const repo of repos) {
    const refs = spawnSync('git', ['-C', repo, 'for-each-ref', '--format=%(refname)', `refs/countersign/${p.request}/`], { encoding: 'utf8' }).stdout ?? '';
    for (const ref of refs.split('\n').filter(Boolean)) spawnSync('git', ['-C', repo, 'update-ref', '-d', ref]);
  }
}
