// Taking a recovery point for a request before its action runs: every kind that applies takes its
// part into recovery/<request-id>/<kind>/, the whole is sealed (checksums, digest) and verified
// before anything runs. A failure removes the partial point and throws: the caller decides, by
// the policy's recovery_point setting, whether the action may still run.
import { existsSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CountersignError, isCountersignError, type RequestRecord, type Target } from '../../core/index.js';
import { KINDS } from './kinds.js';
import { listFiles, seal, verifySealed } from './manifest.js';
import { pointDir } from './points.js';
import { recoverySettings } from './settings.js';
import type { Manifest, PartRecord, RecoveryKind } from './types.js';

export type TakeOptions = {
  dataDir: string;
  target: Target | null;
  cwd: string;
  env: Record<string, string>;
  now?: number;
  kinds?: readonly RecoveryKind[];
};

/** The kinds that apply to this request (after the target's `disabled` list). */
export function applicableKinds(request: RequestRecord, target: Target | null, kinds: readonly RecoveryKind[] = KINDS): RecoveryKind[] {
  const off = recoverySettings(target).disabled;
  return kinds.filter((k) => !off.includes(k.name) && k.applies(request.action, request.report, target));
}

/** Returns the sealed, verified manifest, or null when no kind applies or none found anything to keep. */
export async function takeRecoveryPoint(request: RequestRecord, o: TakeOptions): Promise<Manifest | null> {
  const kinds = applicableKinds(request, o.target, o.kinds);
  if (!kinds.length) return null;
  const settings = recoverySettings(o.target);
  const dir = pointDir(o.dataDir, request.id);
  if (existsSync(dir)) throw new CountersignError('E_RECOVERY_FAILED', `A recovery point for request ${request.id} already exists at ${dir}; a request runs once, so this one is left untouched.`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    const parts: PartRecord[] = [];
    let used = 0;
    for (const k of kinds) {
      const kdir = join(dir, k.name);
      mkdirSync(kdir, { recursive: true, mode: 0o700 });
      const part = await k.take({ request, target: o.target, dir: kdir, cwd: o.cwd, env: o.env, maxBytes: settings.maxBytes - used });
      if (!part) {
        rmSync(kdir, { recursive: true, force: true });
        continue;
      }
      parts.push(part);
      used = sizeOfDir(dir);
      if (used > settings.maxBytes) throw new CountersignError('E_RECOVERY_TOO_LARGE', `The recovery point reached ${used} bytes, more than the target's recovery.max_bytes (${settings.maxBytes}).`);
    }
    if (!parts.length) {
      rmSync(dir, { recursive: true, force: true });
      return null;
    }
    const m = await seal(dir, { v: 1, request: request.id, target: request.targetId, environment: request.environment, created: o.now ?? Date.now(), parts });
    await verifySealed(dir, m);
    for (const p of parts) await KINDS.find((k) => k.name === p.kind)!.verify(p, join(dir, p.kind), o.env);
    return m;
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    if (isCountersignError(err)) throw err;
    throw new CountersignError('E_RECOVERY_FAILED', `Taking the recovery point for ${request.id} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function sizeOfDir(dir: string): number {
  return listFiles(dir).reduce((n, f) => n + lstatSync(join(dir, f)).size, 0);
}
