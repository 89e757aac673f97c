// Built-in PostgreSQL functions whose call changes or destroys something even inside a SELECT.
// Pure built-ins (count, lower, now, ...) are listed in pure-functions.ts; any other function is
// unknown, since its body is not visible here (see pg.ts).
import type { Risk } from '../../core/index.js';

export type FunctionEffect = { risk: Risk; effect: string; explain: string };

export const PG_FUNCTIONS: Record<string, FunctionEffect> = {
  pg_terminate_backend: { risk: 'destructive', effect: 'kill-sessions', explain: 'terminates database sessions; their open transactions are rolled back' },
  pg_cancel_backend: { risk: 'mutating', effect: 'cancel-query', explain: 'cancels a running query' },
  pg_drop_replication_slot: { risk: 'destructive', effect: 'drop-replication-slot', explain: 'drops a replication slot; a replica or CDC consumer loses its position' },
  lo_unlink: { risk: 'destructive', effect: 'delete-large-object', explain: 'deletes a large object' },
  pg_promote: { risk: 'destructive', effect: 'promote-replica', explain: 'promotes a standby to primary; replication to it ends' },
  pg_reload_conf: { risk: 'mutating', effect: 'reload-config', explain: 'reloads the server configuration' },
  pg_rotate_logfile: { risk: 'mutating', effect: 'rotate-log', explain: 'rotates the server log' },
  set_config: { risk: 'readonly', effect: 'session-setting', explain: 'changes a session setting' },
  pg_file_write: { risk: 'destructive', effect: 'write-server-file', explain: 'writes a file on the database server' },
  pg_file_unlink: { risk: 'destructive', effect: 'delete-server-file', explain: 'deletes a file on the database server' },
  lo_export: { risk: 'destructive', effect: 'write-server-file', explain: 'writes a file on the database server' },
  lo_import: { risk: 'mutating', effect: 'import-large-object', explain: 'reads a server file into a large object' },
  dblink_exec: { risk: 'unknown', effect: 'remote-sql', explain: 'runs SQL on another database that is not visible here' },
  dblink: { risk: 'unknown', effect: 'remote-sql', explain: 'runs SQL on another database that is not visible here' },
  setval: { risk: 'mutating', effect: 'set-sequence', explain: 'moves a sequence' },
  nextval: { risk: 'mutating', effect: 'advance-sequence', explain: 'advances a sequence' },
  pg_advisory_lock: { risk: 'readonly', effect: 'lock', explain: 'takes an advisory lock' },
  query_to_xml: { risk: 'unknown', effect: 'dynamic-sql', explain: 'runs SQL built from a string' },
};
