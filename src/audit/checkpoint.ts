// Signed checkpoints: the server signs {seq, hash, at} of its chain head with an Ed25519 key kept
// beside the database. A copy of the log kept elsewhere, plus a checkpoint, proves that the first
// `seq` entries were not rewritten afterwards: rewriting any of them changes the hash at `seq`.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CountersignError, canonicalize, type AuditEntry } from '../core/index.js';

export const KEY_FILE = 'audit-key.pem';

export type CheckpointKey = { privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string; keyId: string };

export type Checkpoint = {
  seq: number;
  hash: string;
  at: number;
  /** sha256 of the public key's SPKI DER, hex: which key signed. */
  keyId: string;
  /** base64 Ed25519 signature over "countersign/checkpoint/v1\n" + JCS({seq, hash, at}). */
  sig: string;
};

const CHECKPOINT_PREFIX = 'countersign/checkpoint/v1\n';

function toKey(privateKey: KeyObject): CheckpointKey {
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: createHash('sha256').update(der).digest('hex'),
  };
}

/** Loads `<dir>/audit-key.pem`, creating it (mode 0600) on first start. A key file readable by
 * others is refused: anyone who can read it can forge checkpoints. */
export function loadOrCreateKey(dir: string): CheckpointKey {
  const file = join(dir, KEY_FILE);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw keyError(file, e);
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      // 'wx': two processes starting at once must not overwrite each other's key.
      writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    } catch (w) {
      if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw keyError(file, w);
      pem = readFileSync(file, 'utf8');
    }
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new CountersignError('E_INTERNAL', `The checkpoint key ${file} is readable by other users. Run \`chmod 600 ${file}\`.`);
  }
  try {
    return toKey(createPrivateKey(pem));
  } catch (e) {
    throw keyError(file, e);
  }
}

function keyError(file: string, e: unknown): CountersignError {
  return new CountersignError('E_INTERNAL', `The checkpoint key ${file} could not be read or created (${(e as Error).message}). Fix its permissions or move it away to create a new one.`);
}

function payload(seq: number, hash: string, at: number): Buffer {
  return Buffer.from(CHECKPOINT_PREFIX + canonicalize({ seq, hash, at }), 'utf8');
}

export function signCheckpoint(head: { seq: number; hash: string }, at: number, key: CheckpointKey): Checkpoint {
  const sig = sign(null, payload(head.seq, head.hash, at), key.privateKey).toString('base64');
  return { seq: head.seq, hash: head.hash, at, keyId: key.keyId, sig };
}

/** True when `cp` was signed by the key whose public half is `publicKeyPem`. */
export function verifyCheckpointSignature(cp: Checkpoint, publicKeyPem: string): boolean {
  try {
    const pub = createPublicKey(publicKeyPem);
    return verify(null, payload(cp.seq, cp.hash, cp.at), pub, Buffer.from(cp.sig, 'base64'));
  } catch {
    return false; // an unreadable key or signature proves nothing
  }
}

/** Checks a signed checkpoint against a copy of the log: the signature holds and the copy's entry
 * at `cp.seq` has the signed hash. (Verify the copy's chain itself with verifyChain.) */
export function checkCheckpoint(cp: Checkpoint, publicKeyPem: string, entries: Iterable<AuditEntry>): { ok: true } | { ok: false; reason: string } {
  if (!verifyCheckpointSignature(cp, publicKeyPem)) return { ok: false, reason: 'the signature does not verify with this public key' };
  for (const e of entries) {
    if (e.seq !== cp.seq) continue;
    return e.hash === cp.hash ? { ok: true } : { ok: false, reason: `entry ${cp.seq} has a different hash than the checkpoint signed: the log was rewritten` };
  }
  return { ok: false, reason: `the log has no entry ${cp.seq}: it was truncated` };
}
