// Word lists shared by the verb-grammar tables (verbs.ts).

/** Verbs most CLIs use for "only look". */
export const READ_WORDS: readonly string[] = [
  'list', 'ls', 'get', 'describe', 'show', 'info', 'status', 'search', 'browse', 'help', 'version',
  'whoami', 'evaluate', 'diff', 'validate', 'check', 'logs', 'log', 'tail', 'query', 'ping', 'lookup',
  'stat', 'cat', 'head', 'du', 'find', 'exists', 'url', 'health', 'healthcheck', 'view', 'inspect',
  'read', 'verify', 'print', 'explain', 'preview', 'print-config', 'test-connection',
];
/** Verbs most CLIs use for routine changes. */
export const CHANGE_WORDS: readonly string[] = [
  'create', 'add', 'update', 'set', 'put', 'edit', 'apply', 'deploy', 'import', 'upload', 'enable', 'publish',
  'install', 'start', 'restart', 'push', 'write', 'copy', 'cp', 'mv', 'move', 'rename', 'patch', 'post', 'new', 'init',
  'execute', 'submit', 'invoke', 'trigger', 'call', 'resize', 'attach', 'promote', 'clone', 'tag', 'label',
];
/** Verbs that delete what they name. */
export const DELETE_WORDS: readonly string[] = ['delete', 'del', 'rm', 'remove', 'destroy', 'purge', 'drop', 'wipe', 'truncate', 'erase'];

/** Read words that are also nouns (`gcloud logging logs delete`, `az search service delete`): a
 * destructive verb after them still decides. */
export const NOUN_LIKE_READS: ReadonlySet<string> = new Set(['logs', 'log', 'search', 'query', 'status', 'health', 'view', 'info', 'inspect', 'check', 'diff', 'tail', 'watch', 'lookup', 'find', 'print', 'top', 'trace', 'report', 'stats', 'metrics', 'events', 'history']);
