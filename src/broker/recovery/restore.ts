// Putting the world back from a recovery point. Nothing is restored until the whole point checks
// out: the manifest's digest (against the audited one when the caller has it), every file's size
// and sha256, and each kind's own check (pg_restore --list, git objects present).
import { join } from 'node:path';
import { CountersignError } from '../../core/index.js';
import { kindNamed } from './kinds.js';
import { readManifest, verifySealed } from './manifest.js';
import { pointDir } from './points.js';
import type { Manifest } from './types.js';

export type RestoreOptions = {
  dataDir: string;
  env: Record<string, string>;
  /** The digest the audit log recorded when the point was taken; a mismatch is E_RECOVERY_CORRUPT. */
  auditedDigest?: string;
  say?: (line: string) => void;
};

/** Verifies the whole point; returns its manifest. */
export async function verifyRecoveryPoint(requestId: string, o: Pick<RestoreOptions, 'dataDir' | 'env' | 'auditedDigest'>): Promise<Manifest> {
  const dir = pointDir(o.dataDir, requestId);
  const m = readManifest(dir, requestId);
  await verifySealed(dir, m, o.auditedDigest);
  for (const p of m.parts) {
    const k = kindNamed(p.kind);
    if (!k) throw new CountersignError('E_RECOVERY_CORRUPT', `The point names a kind "${p.kind}" this Countersign does not know.`);
    await k.verify(p, join(dir, p.kind), o.env);
  }
  return m;
}

export async function restoreRecoveryPoint(requestId: string, o: RestoreOptions): Promise<Manifest> {
  return applyRecoveryPoint(await verifyRecoveryPoint(requestId, o), o);
}

/** Restores a point that verifyRecoveryPoint has just accepted. */
export async function applyRecoveryPoint(m: Manifest, o: RestoreOptions): Promise<Manifest> {
  const requestId = m.request;
  const dir = pointDir(o.dataDir, requestId);
  const say = o.say ?? (() => undefined);
  for (const p of m.parts) {
    say(`${p.kind}: restoring ${p.what.join('; ')}`);
    await kindNamed(p.kind)!.restore({ part: p, dir: join(dir, p.kind), requestId, env: o.env, say: (l) => say(`${p.kind}: ${l}`) });
    say(`${p.kind}: not restorable by this point: ${p.notRestorable}`);
  }
  return m;
}
