export { openPostgresStore, parseDatabaseUrl, poolConfig, type PostgresStore, type PostgresStoreOptions } from './pg-store.js';
export { migrate, PG_SCHEMA_VERSION } from './schema.js';
export { copySqliteToPostgres, type CopyReport } from './copy.js';
