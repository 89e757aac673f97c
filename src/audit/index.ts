export { canonicalize, CanonicalError } from '../core/index.js';
export { sha256Hex, nodeHasher } from './sha256.js';
export { redact, redactText, REDACTED } from './redact.js';
export { entryHash, nextEntry, canonicalBody, ENTRY_PREFIX_V1, type Head } from './chain.js';
export { verifyChain, ChainVerifier, type ChainReport, type ChainBreak } from './verify.js';
export {
  loadOrCreateKey,
  signCheckpoint,
  verifyCheckpointSignature,
  checkCheckpoint,
  KEY_FILE,
  type Checkpoint,
  type CheckpointKey,
} from './checkpoint.js';
