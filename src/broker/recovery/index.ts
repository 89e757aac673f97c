// Recovery points before destruction, and rollback. See docs/recovery.md.
export type { RecoveryKind, PartRecord, Manifest, TakeCtx, RestoreCtx } from './types.js';
export { KINDS, kindNamed } from './kinds.js';
export { takeRecoveryPoint, applicableKinds, type TakeOptions } from './take.js';
export { applyRecoveryPoint, restoreRecoveryPoint, verifyRecoveryPoint, type RestoreOptions } from './restore.js';
export { listPoints, prunePoints, pointDir, recoveryRoot, type PointSummary } from './points.js';
export { recoverySettings, parseBytes, parseDuration, type RecoverySettings } from './settings.js';
export { runWithRecovery, rollbackOf, type Outcome } from './broker-hook.js';
