// ALTERs that take a service out or lose data although they only "change a setting": a role that
// can no longer log in, a database that takes no connections, a server without fsync, a column
// rewritten to a constant. Returns undefined when none of these applies (the caller decides then).
import type { Finding } from '../../core/index.js';
import { sqlFinding } from './finding.js';
import { list, unwrap, type Fields } from './pg-node.js';

/** Server settings whose change risks losing data or availability. */
const DANGEROUS_SETTINGS = new Set([
  'fsync', 'full_page_writes', 'synchronous_commit', 'data_directory', 'listen_addresses', 'port', 'max_connections',
  'shared_preload_libraries', 'session_preload_libraries', 'local_preload_libraries', 'wal_level', 'archive_mode',
  'archive_command', 'archive_library', 'restore_command', 'hba_file', 'ident_file', 'config_file', 'ssl',
  'default_transaction_read_only', 'zero_damaged_pages', 'ignore_checksum_failure', 'ignore_system_indexes',
  'max_wal_senders', 'max_replication_slots', 'primary_conninfo', 'hot_standby', 'superuser_reserved_connections',
  'password_encryption', 'wal_keep_size', 'max_wal_size', 'allow_system_table_mods', 'dynamic_library_path',
]);

/** Settings that only tune performance or logging. */
const HARMLESS = /^(work_mem|maintenance_work_mem|effective_cache_size|random_page_cost|seq_page_cost|effective_io_concurrency|default_statistics_target|statement_timeout|lock_timeout|idle_in_transaction_session_timeout|log_[a-z_]+|track_[a-z_]+|autovacuum_[a-z_]+|checkpoint_[a-z_]+|max_parallel_[a-z_]+|parallel_[a-z_]+|jit[a-z_]*|timezone|datestyle|search_path|application_name|client_min_messages|deadlock_timeout|temp_buffers|shared_buffers|wal_buffers|huge_pages|cpu_[a-z_]+|enable_[a-z_]+|from_collapse_limit|join_collapse_limit|geqo[a-z_]*|default_text_search_config|lc_[a-z_]+)$/;

const defs = (f: Fields): [string, Fields | undefined][] => list(f.options).map((o) => {
  const d = unwrap(o)?.[1];
  return [String(d?.defname ?? ''), unwrap(d?.arg)?.[1]];
});

const intValue = (a: Fields | undefined): number | undefined => (a ? (typeof a.ival === 'number' ? a.ival : 0) : undefined);
const falseValue = (a: Fields | undefined): boolean => a?.boolval === false || (a !== undefined && !('boolval' in a) && /^(false|off|0|no)$/i.test(String(a.sval ?? (a.ival === undefined ? '' : a.ival))));

export function pgAlterFindings(t: string, f: Fields): Finding[] | undefined {
  if (t === 'AlterSystemStmt' || t === 'AlterDatabaseSetStmt' || t === 'AlterRoleSetStmt') return setting(t, f);
  if (t === 'AlterRoleStmt') {
    const role = String((f.role as Fields | undefined)?.rolename ?? '');
    for (const [name, arg] of defs(f)) {
      if (name === 'canlogin' && arg?.boolval === false) return [sqlFinding('role-nologin', 'destructive', 'disable-login', `ALTER ROLE ${role} NOLOGIN: whatever logs in as ${role} is locked out`, role)];
      if (name === 'connectionlimit' && intValue(arg) === 0) return [sqlFinding('role-no-connections', 'destructive', 'disable-login', `ALTER ROLE ${role} CONNECTION LIMIT 0: ${role} can no longer connect`, role)];
      if (name === 'validUntil' && String(arg?.sval ?? '').toLowerCase() !== 'infinity') return [sqlFinding('role-expiry', 'destructive', 'disable-login', `ALTER ROLE ${role} VALID UNTIL ${String(arg?.sval)}: its password stops working then (at once if that is past)`, role)];
    }
    return undefined;
  }
  if (t === 'AlterDatabaseStmt') {
    const db = String(f.dbname ?? '');
    for (const [name, arg] of defs(f)) {
      if (name === 'connection_limit' && intValue(arg) === 0) return [sqlFinding('database-no-connections', 'destructive', 'disable-database', `ALTER DATABASE ${db} CONNECTION LIMIT 0: nothing can connect to it`, db)];
      if (name === 'allow_connections' && falseValue(arg)) return [sqlFinding('database-no-connections', 'destructive', 'disable-database', `ALTER DATABASE ${db} ALLOW_CONNECTIONS false: nothing can connect to it`, db)];
    }
    return undefined;
  }
  return undefined;
}

function setting(t: string, f: Fields): Finding[] {
  const set = f.setstmt as Fields | undefined;
  const name = String(set?.name ?? '').toLowerCase();
  const where = t === 'AlterSystemStmt' ? 'ALTER SYSTEM' : t === 'AlterDatabaseSetStmt' ? `ALTER DATABASE ${String(f.dbname ?? '')}` : 'ALTER ROLE';
  if (set?.kind === 'VAR_RESET_ALL') return [sqlFinding('setting-reset-all', t === 'AlterSystemStmt' ? 'unknown' : 'mutating', 'change-setting', `${where} RESET ALL puts every setting back to its default`)];
  if (DANGEROUS_SETTINGS.has(name)) return [sqlFinding('setting-dangerous', 'destructive', 'change-setting', `${where} changes ${name}, which can lose data or take the service out`, name)];
  if (HARMLESS.test(name) || t !== 'AlterSystemStmt') return [sqlFinding('setting', 'mutating', 'change-setting', `${where} changes ${name}`, name)];
  return [sqlFinding('setting-unknown', 'unknown', 'change-setting', `ALTER SYSTEM changes ${name}, a server setting whose effect is not known here`, name)];
}
