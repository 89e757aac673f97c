// What Countersign knows about MCP tools, as data. A tool is recognised by its name (the servers
// people run publish stable names); anything not listed here falls to the argument checks in
// index.ts and then to `unknown`, so the policy — not a guess — decides about a tool nobody knows.

/** Tools known by exact name, with every argument their server accepts: the filesystem server
 * (@modelcontextprotocol/server-filesystem) and the memory server. Only these are trusted by name,
 * and only when the call sends no argument outside the list (a server that accepts `exec` on its
 * `search_files` is not the server we know). Writes and moves are judged by path in index.ts. */
export const KNOWN_TOOLS: Record<string, { risk: 'readonly' | 'mutating' | 'destructive'; args: string[] }> = {
  read_file: { risk: 'readonly', args: ['path', 'head', 'tail'] },
  read_text_file: { risk: 'readonly', args: ['path', 'head', 'tail'] },
  read_media_file: { risk: 'readonly', args: ['path'] },
  read_multiple_files: { risk: 'readonly', args: ['paths'] },
  list_directory: { risk: 'readonly', args: ['path'] },
  list_directory_with_sizes: { risk: 'readonly', args: ['path', 'sortBy'] },
  list_allowed_directories: { risk: 'readonly', args: [] },
  directory_tree: { risk: 'readonly', args: ['path', 'excludePatterns'] },
  search_files: { risk: 'readonly', args: ['path', 'pattern', 'excludePatterns'] },
  get_file_info: { risk: 'readonly', args: ['path'] },
  // Judged by path in index.ts; listed so their content (SQL in a migration file) is not read as a command.
  write_file: { risk: 'mutating', args: ['path', 'content'] },
  edit_file: { risk: 'mutating', args: ['path', 'edits', 'dryRun'] },
  create_directory: { risk: 'mutating', args: ['path'] },
  move_file: { risk: 'mutating', args: ['source', 'destination'] },
  read_graph: { risk: 'readonly', args: [] },
  search_nodes: { risk: 'readonly', args: ['query'] },
  open_nodes: { risk: 'readonly', args: ['names'] },
  create_entities: { risk: 'mutating', args: ['entities'] },
  create_relations: { risk: 'mutating', args: ['relations'] },
  add_observations: { risk: 'mutating', args: ['observations'] },
  delete_entities: { risk: 'destructive', args: ['entityNames'] },
  delete_observations: { risk: 'destructive', args: ['deletions'] },
  delete_relations: { risk: 'destructive', args: ['relations'] },
};

/** Verbs a tool name must start with to be read as a read on a server we do not know. */
export const READ_VERBS = ['read', 'list', 'get', 'search', 'describe', 'show', 'view'];

/** Changing verbs, found anywhere in the name, also inside a word ("list_resetdb"): these rarely
 * occur inside an innocent read's name, so a hit costs at most an `unknown`. */
export const CHANGING_INSIDE = /reset|empty|overwrite|delete|drop|purge|truncat|destroy|wipe|erase|remove|kill|exec|write|update|insert|upsert|modify|replace|rename|revoke|deploy|install|terminat|shutdown|restart|format|flush|prune|rollback|migrat|import|restore|evict|shred|clean|nuke/;

/** Shorter verbs that are also parts of ordinary words ("settings", "output"): whole tokens only. */
export const CHANGING_WORD = /^(edit|create|set|put|post|patch|move|mv|rm|del|run|stop|send|apply|push|merge|clear|add|save|commit|sync|copy|cp|make|new|start|enable|disable|grant|lock|unlock|publish|upload|archive|close|open|approve|reject|cancel|trigger|invoke|call|do|fix|mutate|change|alter)$/;

/** A tool name's tokens: split at non-letters and camelCase humps, lower case. */
export function nameTokens(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z]+/).filter(Boolean);
}

/** Name prefixes whose effect is to remove something that is not cheaply regenerated. */
export const DESTRUCTIVE_PREFIXES = ['delete_', 'remove_', 'drop_', 'destroy_', 'purge_', 'truncate_', 'wipe_', 'erase_'];

/** Memory-server tools that add to the knowledge graph: a change, recoverable by deleting it. */
export const ADDING_TOOLS = new Set(['create_entities', 'create_relations', 'add_observations']);

/** Argument names (lower case, without _ or -) that carry a shell command, SQL text, or code. */
export const SHELL_ARGS = new Set(['command', 'cmd', 'commands', 'commandline', 'shellcommand', 'script', 'shell', 'exec', 'bash', 'sh', 'run', 'argv']);
export const SQL_ARGS = new Set(['sql', 'statement', 'statements', 'stmt', 'query', 'queries', 'sqlquery']);
export const CODE_ARGS = new Set(['code', 'program', 'expression', 'eval', 'javascript', 'python', 'snippet']);
/** Words that start a changing SQL statement: a string argument starting so is parsed as SQL. */
export const SQL_LEAD = /^\s*(\(\s*)*(with|drop|delete|truncate|update|insert|alter|create|grant|revoke|merge|replace|rename|copy|vacuum|call|exec|execute|do|set|lock|reindex|cluster|comment|import|load|attach|detach|pragma|upsert|begin|select)\b/i;

/** A tool or server whose name says database: its `query` argument is SQL whatever it looks like. */
export const SQL_QUERY_NAME = /(sql|postgres|pg|mysql|maria|sqlite|database|(^|[_-])db([_-]|$)|duckdb|snowflake|bigquery|clickhouse|^query$|run_query|execute_query|^execute$)/i;

export const DIALECT_HINTS: [RegExp, 'postgresql' | 'mysql' | 'sqlite' | 'bigquery' | 'snowflake' | 'transactsql'][] = [
  [/postgres|(^|[_-])pg([_-]|$)|supabase|neon/i, 'postgresql'],
  [/mysql|maria/i, 'mysql'],
  [/sqlite/i, 'sqlite'],
  [/bigquery/i, 'bigquery'],
  [/snowflake/i, 'snowflake'],
  [/mssql|sqlserver/i, 'transactsql'],
];
