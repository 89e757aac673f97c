// Signed checkpoints in the chain itself: the server periodically signs the current head and
// appends the signature as a "checkpoint" entry. Copy checkpoints somewhere the server cannot write
// (a ticket, another machine); later, checkCheckpoint() against a copy of the log proves the first
// `seq` entries were not rewritten since.
import type { Clock, Store } from '../core/index.js';
import { signCheckpoint, type Checkpoint, type CheckpointKey } from '../audit/index.js';

/** Signs the current head and appends it as a checkpoint entry; null when the log is empty. */
export async function writeCheckpoint(store: Pick<Store, 'auditHead' | 'appendAudit'>, key: CheckpointKey, clock: Clock): Promise<Checkpoint | null> {
  const head = await store.auditHead();
  if (!head) return null;
  const cp = signCheckpoint(head, clock.now(), key);
  // The head may have moved on meanwhile; the checkpoint still vouches for the entry it names.
  await store.appendAudit([{ type: 'checkpoint', body: { ...cp, publicKey: key.publicKeyPem } }]);
  return cp;
}
