// What an HTTP request does, judged from its method, URL and body. DELETE and PURGE remove;
// GET, HEAD and OPTIONS read; a POST or PUT reads like a change unless its path names a
// destructive action (Jenkins `/doDelete`, Elasticsearch `/_delete_by_query`, `/admin/flush`) or
// its body is a GraphQL mutation that deletes.
import type { Risk } from '../../core/index.js';

export type Judgement = { risk: Risk; effect: string; explanation: string };

// Path words that name a destructive action when sent with POST/PUT/PATCH.
// (Spring's /actuator/shutdown, Prometheus' /-/quit, Vault's /sys/seal, Consul's .../deregister.)
const ACTION_WORDS = new Set(['delete', 'destroy', 'purge', 'drop', 'flush', 'flushall', 'flushdb', 'wipe', 'truncate', 'remove', 'shutdown', 'terminate', 'uninstall', 'revoke', 'erase', 'kill', 'decommission', 'deregister', 'unregister', 'evict', 'seal', 'quit']);
// Elasticsearch / OpenSearch endpoints that take data or the cluster out.
const ES_ACTIONS = new Set(['_close', '_shrink', '_freeze', '_forcemerge?only_expunge_deletes', '_shutdown']);

function pathOf(url: string): string {
  const noScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = noScheme.indexOf('/');
  return slash < 0 ? '' : noScheme.slice(slash);
}

function words(segment: string): string[] {
  return segment.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** The first path segment (or query action) that names a destructive action, if any. */
export function destructivePathWord(url: string): string | undefined {
  const path = pathOf(url);
  const [p, query = ''] = path.split('?', 2) as [string, string?];
  for (const seg of p.split('/')) {
    if (ES_ACTIONS.has(seg)) return seg;
    // Elasticsearch's _flush only writes the translog to disk; it loses nothing.
    if (seg.startsWith('_flush')) continue;
    if (words(seg).some((w) => ACTION_WORDS.has(w))) return seg;
  }
  // `?action=delete`, `?op=purge`
  for (const kv of query.split('&')) {
    const [k = '', v = ''] = kv.split('=');
    if (/^(action|op|operation|cmd|command)$/i.test(k) && words(v).some((w) => ACTION_WORDS.has(w))) return kv;
  }
  return undefined;
}

const MAX_SCAN = 65_536;
const DELETE_WORD = /(delete|remove|destroy|purge|drop|wipe|truncate)/i;

/** A GraphQL mutation whose text names a delete. One search for "mutation", then one linear scan
 * after it: no backtracking, however the body repeats itself. */
function graphqlDeletes(body: string): boolean {
  const i = body.search(/\bmutation\b/i);
  return i >= 0 && DELETE_WORD.test(body.slice(i, i + MAX_SCAN));
}

export function judgeRequest(methodIn: string, url: string, body: string | undefined): Judgement {
  const method = methodIn.toUpperCase();
  const where = url || '(no URL)';
  // `curl -X "$METHOD"`: a method computed at run time could be DELETE.
  if (!/^[A-Z]+$/.test(method)) return { risk: 'unknown', effect: 'http-unknown-method', explanation: `${methodIn} ${where}: the HTTP method is computed at run time, so what the request does cannot be known` };
  if (method === 'DELETE') return { risk: 'destructive', effect: 'http-delete', explanation: `DELETE ${where}: deletes the resource at that address` };
  if (method === 'PURGE' || method === 'BAN') return { risk: 'destructive', effect: 'cache-purge', explanation: `${method} ${where}: purges cached content; the origin takes the full load` };
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || method === 'TRACE') return { risk: 'readonly', effect: 'http-read', explanation: `${method} ${where}: only reads` };
  const word = destructivePathWord(url);
  if (word !== undefined) return { risk: 'destructive', effect: 'http-destructive-action', explanation: `${method} ${where}: the endpoint "${word}" deletes or takes something out` };
  if (body !== undefined && graphqlDeletes(body)) return { risk: 'destructive', effect: 'graphql-delete', explanation: `${method} ${where}: a GraphQL mutation that deletes` };
  // Cluster-wide settings can block writes or stop shard allocation for every index at once.
  if (method === 'PUT' && /\/_cluster\/settings\b/.test(url)) return { risk: 'destructive', effect: 'cluster-settings', explanation: `PUT ${where}: changes cluster-wide settings (allocation, read-only blocks) for every index` };
  return { risk: 'mutating', effect: 'http-write', explanation: `${method} ${where}: sends data that the server may store` };
}
