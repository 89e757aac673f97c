export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite/index.js';
export { verifyStore } from './verify-store.js';
export { toStoreError } from './store-error.js';
export { writeCheckpoint } from './checkpoints.js';
