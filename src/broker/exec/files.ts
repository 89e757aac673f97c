// Credential files (a kubeconfig, a client certificate) written for the duration of a run, mode
// 0600, and removed when the last run that uses them ends.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { CountersignError } from '../../core/index.js';

const users = new Map<string, number>();

export function placeFiles(files: Record<string, string>): () => void {
  const paths = Object.keys(files);
  for (const p of paths) {
    if (!isAbsolute(p)) throw new CountersignError('E_CONFIG_INVALID', `Credential file "${p}" is not an absolute path; write it as /run/countersign/<name> in the target's credentials.files.`);
  }
  for (const p of paths) {
    mkdirSync(dirname(p), { recursive: true, mode: 0o700 });
    const tmp = `${p}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, files[p]!, { mode: 0o600 });
    renameSync(tmp, p);
    users.set(p, (users.get(p) ?? 0) + 1);
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    for (const p of paths) {
      const n = (users.get(p) ?? 1) - 1;
      if (n > 0) users.set(p, n);
      else {
        users.delete(p);
        rmSync(p, { force: true });
      }
    }
  };
}
