// Copying paths into a point and back, keeping what `ls -l` shows: file bytes, permission bits
// (including setuid/sticky), symlinks as links (never followed), directory structure, mtimes.
// Ownership is kept only when Countersign runs as root (chown needs it); documented in recovery.md.
import { chmodSync, chownSync, copyFileSync, lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CountersignError } from '../../../core/index.js';

export type Entry = {
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'absent';
  mode?: number;
  uid?: number;
  gid?: number;
  mtimeMs?: number;
  link?: string;
  /** Where the bytes are, relative to the kind's directory. */
  stored?: string;
  bytes?: number;
};

/** Bytes the regular files under `paths` hold (symlinks not followed). Stops early past `limit`. */
export function sizeOf(paths: string[], limit: number): number {
  let n = 0;
  const visit = (p: string): void => {
    if (n > limit) return;
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return;
    }
    if (st.isFile()) n += st.size;
    else if (st.isDirectory()) for (const c of readdirSync(p)) visit(join(p, c));
  };
  for (const p of paths) visit(p);
  return n;
}

export function snapshot(paths: string[], dir: string, skipped: string[]): Entry[] {
  const entries: Entry[] = [];
  let k = 0;
  mkdirSync(join(dir, 'data'), { recursive: true });
  const visit = (p: string): void => {
    const st = lstatSync(p);
    const base = { path: p, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtimeMs: st.mtimeMs };
    if (st.isSymbolicLink()) entries.push({ ...base, type: 'symlink', link: readlinkSync(p) });
    else if (st.isDirectory()) {
      entries.push({ ...base, type: 'dir' });
      for (const c of readdirSync(p).sort()) visit(join(p, c));
    } else if (st.isFile()) {
      const stored = `data/${k++}`;
      copyFileSync(p, join(dir, stored));
      // The copy is data, never something to run: no setuid/exec bits inside the data directory.
      chmodSync(join(dir, stored), 0o600);
      entries.push({ ...base, type: 'file', stored, bytes: st.size });
    } else skipped.push(`${p} (not a file, directory or symlink)`);
  };
  for (const p of paths) {
    try {
      lstatSync(p);
    } catch {
      entries.push({ path: p, type: 'absent' });
      continue;
    }
    visit(p);
  }
  return entries;
}

/** Puts every top path back as it was: what is there now is removed first. */
export function restoreEntries(entries: Entry[], tops: string[], dir: string): void {
  const asRoot = process.getuid?.() === 0;
  for (const t of tops) rmSync(t, { recursive: true, force: true });
  const dirs: Entry[] = [];
  for (const e of entries) {
    if (e.type === 'absent') continue;
    mkdirSync(dirname(e.path), { recursive: true });
    if (e.type === 'dir') {
      // Owner-writable until its children are back; its own mode is set last.
      mkdirSync(e.path, { recursive: true, mode: 0o700 });
      dirs.push(e);
    } else if (e.type === 'symlink') symlinkSync(e.link!, e.path);
    else if (e.type === 'file') {
      copyFileSync(join(dir, e.stored!), e.path);
      chmodSync(e.path, e.mode!);
      if (asRoot) chownSync(e.path, e.uid!, e.gid!);
      utimesSync(e.path, new Date(), new Date(e.mtimeMs!));
    } else throw new CountersignError('E_RECOVERY_CORRUPT', `Unknown entry type in the recovery point for ${e.path}.`);
  }
  for (const d of dirs.reverse()) {
    chmodSync(d.path, d.mode!);
    if (asRoot) chownSync(d.path, d.uid!, d.gid!);
    utimesSync(d.path, new Date(), new Date(d.mtimeMs!));
  }
}
