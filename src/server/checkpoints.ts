// Signed checkpoints of the audit head, appended to the log itself on a timer when the head has
// moved. A copy of the log kept elsewhere plus one checkpoint proves the first `seq` entries were
// not rewritten afterwards; the public key is written beside the database for verifiers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateKey, signCheckpoint, type CheckpointKey } from '../audit/index.js';
import type { Engine } from '../engine/index.js';

export const PUBLIC_KEY_FILE = 'audit-key.pub.pem';

export function startCheckpoints(engine: Engine, dataDir: string, everyMs: number): { key: CheckpointKey; stop(): void; once(): Promise<void> } {
  const key = loadOrCreateKey(dataDir);
  writeFileSync(join(dataDir, PUBLIC_KEY_FILE), key.publicKeyPem);
  let lastSeq = -1;
  let busy = false;
  const once = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const head = await engine.store.auditHead();
      // A checkpoint is itself an entry: only sign when something other than it was appended.
      if (!head || head.seq === lastSeq) return;
      const cp = signCheckpoint(head, engine.clock.now(), key);
      const [written] = await engine.appendAudit([{ type: 'checkpoint', body: { ...cp } }]);
      lastSeq = written ? written.seq : head.seq;
    } finally {
      busy = false;
    }
  };
  const timer = everyMs > 0 ? setInterval(() => void once().catch(() => undefined), everyMs) : undefined;
  timer?.unref();
  return { key, once, stop: () => timer && clearInterval(timer) };
}
