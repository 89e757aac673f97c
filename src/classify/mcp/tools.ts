// What Countersign knows about MCP tools, as data. A tool is recognised by its name (the servers
// people run publish stable names); anything not listed here falls to the argument checks in
// index.ts and then to `unknown`, so the policy — not a guess — decides about a tool nobody knows.

/** Tools that only read. Exact names from @modelcontextprotocol/server-filesystem and
 * server-memory; `read_*` and `list_*` (without a changing verb in the name) read on any server. */
export const READONLY_TOOLS = new Set([
  'read_file', 'read_text_file', 'read_media_file', 'read_multiple_files',
  'list_directory', 'list_directory_with_sizes', 'list_allowed_directories',
  'directory_tree', 'search_files', 'get_file_info',
  'read_graph', 'search_nodes', 'open_nodes',
]);

export const READONLY_PREFIXES = ['read_', 'list_'];

/** Words that make a name something other than a read, even with a reading prefix
 * ("read_and_delete_mail" is not a read). */
export const CHANGING_WORD = /(^|_)(write|edit|create|update|delete|remove|drop|destroy|purge|truncate|move|rename|set|put|post|patch|insert|upsert|reset|kill|stop|exec|execute|run|send|apply|deploy|install|uninstall|clear|wipe|erase|revoke|merge|push)(_|$)/;

/** Name prefixes whose effect is to remove something that is not cheaply regenerated. */
export const DESTRUCTIVE_PREFIXES = ['delete_', 'remove_', 'drop_', 'destroy_', 'purge_', 'truncate_', 'wipe_', 'erase_'];

/** Memory-server tools that add to the knowledge graph: a change, recoverable by deleting it. */
export const ADDING_TOOLS = new Set(['create_entities', 'create_relations', 'add_observations']);

/** Arguments that carry a shell command / SQL text (checked before names: the text says more). */
export const SHELL_ARGS = ['command', 'cmd', 'script'];
export const SQL_ARGS = ['sql'];
/** `query` is SQL only on a tool or server whose name says database; search tools take queries too. */
export const SQL_QUERY_NAME = /(sql|postgres|pg|mysql|maria|sqlite|database|(^|[_-])db([_-]|$)|duckdb|snowflake|bigquery|clickhouse|^query$|run_query|execute_query|^execute$)/i;

export const DIALECT_HINTS: [RegExp, 'postgresql' | 'mysql' | 'sqlite' | 'bigquery' | 'snowflake' | 'transactsql'][] = [
  [/postgres|(^|[_-])pg([_-]|$)|supabase|neon/i, 'postgresql'],
  [/mysql|maria/i, 'mysql'],
  [/sqlite/i, 'sqlite'],
  [/bigquery/i, 'bigquery'],
  [/snowflake/i, 'snowflake'],
  [/mssql|sqlserver/i, 'transactsql'],
];
