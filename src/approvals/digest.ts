// What an approval binds to: the exact action, on the resolved target, in its environment.
// A changed action (or the same action against another target) has another digest, so it is a
// new request that needs its own approvals.
import { canonicalize, type Action, type Hasher } from '../core/index.js';

export type DigestInput = { action: Action; targetId: string | null; environment: string };

/** sha256 of JCS({action, target, environment}). */
export function actionDigest(input: DigestInput, hasher: Hasher): string {
  return hasher.sha256(canonicalize({ action: input.action, target: input.targetId, environment: input.environment }));
}
