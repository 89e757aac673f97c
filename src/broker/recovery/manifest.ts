// Sealing a recovery point: every file the kinds wrote is listed with its size and sha256, and the
// manifest itself is digested (canonical JSON). The digest goes into the audit log, so a point whose
// files or manifest were changed afterwards is detected at rollback, not restored.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { canonicalize, CountersignError } from '../../core/index.js';
import type { Manifest } from './types.js';

export const MANIFEST = 'manifest.json';

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** Regular files under `dir` (symlinks are recorded by the files kind in its data, never followed). */
export function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) out.push(...listFiles(p, base));
    else if (st.isFile() && relative(base, p) !== MANIFEST) out.push(relative(base, p));
  }
  return out;
}

export async function checksums(dir: string): Promise<Manifest['files']> {
  const out: Manifest['files'] = [];
  for (const rel of listFiles(dir)) out.push({ path: rel, bytes: lstatSync(join(dir, rel)).size, sha256: await sha256File(join(dir, rel)) });
  return out;
}

export function digestOf(m: Omit<Manifest, 'digest'> | Manifest): string {
  const { digest: _omit, ...rest } = m as Manifest;
  return createHash('sha256').update('countersign/recovery/v1\n' + canonicalize(rest)).digest('hex');
}

export async function seal(dir: string, m: Omit<Manifest, 'files' | 'bytes' | 'digest'>): Promise<Manifest> {
  const files = await checksums(dir);
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  const body = { ...m, files, bytes };
  const sealed: Manifest = { ...body, digest: digestOf(body) };
  writeFileSync(join(dir, MANIFEST), JSON.stringify(sealed, null, 2) + '\n', { mode: 0o600 });
  return sealed;
}

export function readManifest(dir: string, requestId: string): Manifest {
  const p = join(dir, MANIFEST);
  if (!existsSync(p)) throw new CountersignError('E_RECOVERY_MISSING', `No recovery point for request ${requestId} at ${dir} (pruned, never taken, or another data directory); nothing can be restored from Countersign.`);
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(p, 'utf8')) as Manifest;
  } catch {
    throw new CountersignError('E_RECOVERY_CORRUPT', `The manifest ${p} is not valid JSON; the point cannot be trusted. Restore from your own backups.`);
  }
  if (!m || m.v !== 1 || m.request !== requestId || !Array.isArray(m.parts) || !Array.isArray(m.files)) {
    throw new CountersignError('E_RECOVERY_CORRUPT', `The manifest ${p} does not describe a recovery point of request ${requestId}.`);
  }
  return m;
}

/** Checks the manifest's digest (and the audited one, when known) and every file's size and
 * checksum, and that no file was added. Throws E_RECOVERY_CORRUPT naming the first mismatch. */
export async function verifySealed(dir: string, m: Manifest, audited?: string): Promise<void> {
  const corrupt = (what: string): CountersignError =>
    new CountersignError('E_RECOVERY_CORRUPT', `Request ${m.request}: ${what}. The point was changed after it was taken; it is not restored. Restore from your own backups and investigate who changed ${dir}.`);
  if (digestOf(m) !== m.digest) throw corrupt('the manifest does not match its own digest');
  if (audited !== undefined && audited !== m.digest) throw corrupt(`the manifest digest ${m.digest.slice(0, 12)}… is not the one in the audit log (${audited.slice(0, 12)}…)`);
  const onDisk = listFiles(dir);
  const listed = new Set(m.files.map((f) => f.path));
  for (const f of onDisk) if (!listed.has(f)) throw corrupt(`${f} is not in the manifest`);
  for (const f of m.files) {
    const p = join(dir, f.path);
    if (!existsSync(p)) throw corrupt(`${f.path} is missing`);
    if (lstatSync(p).size !== f.bytes) throw corrupt(`${f.path} has ${lstatSync(p).size} bytes, the manifest says ${f.bytes}`);
    if ((await sha256File(p)) !== f.sha256) throw corrupt(`${f.path} does not match its sha256`);
  }
}
