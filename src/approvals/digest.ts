// What an approval binds to: the exact action, on the resolved target, in its environment, run from
// the resolved working directory. A changed action (or the same action against another target, or
// from another directory, where "rm -rf src" deletes another src) has another digest, so it is a
// new request that needs its own approvals.
import { canonicalize, type Action, type Hasher } from '../core/index.js';

export type DigestInput = {
  action: Action;
  targetId: string | null;
  environment: string;
  /** The working directory the action runs in, after symlinks are resolved: relative paths in the
   * action mean different things in different directories. Absent when the context names none. */
  cwd?: string;
};

/** sha256 of JCS({action, target, environment, cwd?}). Without a cwd the digest is the one older
 * versions computed, so approvals of cwd-less actions stay valid across the upgrade. */
export function actionDigest(input: DigestInput, hasher: Hasher): string {
  const cwd = typeof input.cwd === 'string' && input.cwd !== '' ? { cwd: input.cwd } : {};
  return hasher.sha256(canonicalize({ action: input.action, target: input.targetId, environment: input.environment, ...cwd }));
}
