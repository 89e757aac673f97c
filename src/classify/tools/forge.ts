// Code forges: GitHub's gh and GitLab's glab (`gh <noun> <verb>`), and their raw `api` commands,
// which are judged like any HTTP request (http-intent.ts).
import { parseArgs, val, vals, has } from './argv.js';
import { judgeRequest } from './http-intent.js';
import { rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { Invocation, ToolRule, ToolTable } from './types.js';

const API_VALUED = ['-X', '--method', '-f', '--raw-field', '-F', '--field', '-H', '--header', '--input', '-q', '--jq', '-t', '--template', '--hostname', '--cache', '-p', '--preview'];

/** `gh api [-X METHOD] ENDPOINT [-f k=v]`: GET unless fields or an input body make it a POST. */
function apiRule(tool: string, match: string[], noMatch: string[]): ToolRule {
  return rule(`${tool}.api`, 'destructive', 'http-request', `${tool} api: a raw API request, judged by method, path and body`, (inv: Invocation) => {
    if (inv.args[0] !== 'api') return null;
    const p = parseArgs(inv.args.slice(1), { valued: API_VALUED });
    const fields = vals(p, '-f', '--raw-field', '-F', '--field');
    const method = val(p, '-X', '--method') ?? (fields.length > 0 || has(p, '--input') ? 'POST' : 'GET');
    const endpoint = p.pos[0] ?? '';
    const body = fields.join('&');
    if (has(p, '--input') && method !== 'GET' && body === '') return { risk: 'mutating', effect: 'http-write', explanation: `${tool} api ${method} ${endpoint}: sends a body from a file` };
    const j = judgeRequest(method, `/${endpoint.replace(/^\//, '')}`, body || undefined);
    return { risk: j.risk, effect: j.effect, target: endpoint, explanation: `${tool} api: ${j.explanation}` };
  }, { match, no_match: noMatch });
}

const GH_VALUED = ['-R', '--repo', '-b', '--body', '-t', '--title', '-L', '--limit', '-q', '--jq', '--json', '-B', '--base', '-H', '--head', '-a', '--assignee', '-l', '--label', '-m', '--milestone', '-s', '--state', '-w', '--workflow', '-e', '--env', '--org', '-u', '--user', '--body-file', '-F', '--notes-file', '-n', '--notes'];

export const GH: ToolTable = verbTable({
  name: 'gh',
  commands: ['gh'],
  valued: GH_VALUED,
  depth: 2,
  localNouns: ['extension', 'alias', 'config', 'auth', 'completion'],
  destroy: [...DELETE_WORDS, 'delete-asset'],
  read: [...READ_WORDS, 'view', 'checks', 'browse', 'watch', 'download', 'token', 'api'],
  change: ['create', 'edit', 'merge', 'close', 'reopen', 'comment', 'review', 'archive', 'unarchive', 'rename', 'fork', 'clone', 'sync', 'set', 'enable', 'disable', 'login', 'logout', 'install', 'upgrade', 'checkout', 'ready', 'transfer', 'upload', 'rerun', 'cancel', 'lock', 'unlock', 'pin', 'develop'],
  overrides: [
    // Actions caches are rebuilt by the next run: clearing one is routine.
    rule('gh.cache', 'mutating', 'clear-cache', 'gh cache delete: the next workflow run rebuilds the cache', (inv) => inv.args[0] === 'cache' && inv.args[1] === 'delete',
      { match: ['gh cache delete --all'], no_match: ['gh cache list'] }),
    apiRule('gh', ['gh api -X DELETE repos/acme/web/releases/42', 'gh api repos/acme/web/pulls', "gh api graphql -f query='mutation { deleteProjectV2Item(input: {}) { deletedItemId } }'"], ['gh repo view acme/web']),
  ],
  examples: {
    destroy: { match: ['gh repo delete acme/old-site --yes', 'gh release delete v1.2.0 -R acme/web', 'gh secret delete NPM_TOKEN --org acme', 'gh run delete 123456'], no_match: ['gh repo archive acme/old-site', 'gh pr close 17'] },
    read: { match: ['gh pr list --state open', 'gh run view 123456 --log', 'gh repo view acme/web --json name'], no_match: ['gh release create v1.3.0', 'gh run delete 99'] },
  },
});

const GLAB_VALUED = ['-R', '--repo', '-t', '--title', '-d', '--description', '-b', '--branch', '-P', '--per-page', '-p', '--page', '-g', '--group', '-s', '--source-branch', '--target-branch', '-m', '--message', '-n', '--name', '-v', '--value', '-F', '--output'];

export const GLAB: ToolTable = verbTable({
  name: 'glab',
  commands: ['glab'],
  valued: GLAB_VALUED,
  depth: 2,
  localNouns: ['config', 'auth', 'alias', 'completion'],
  destroy: DELETE_WORDS,
  read: [...READ_WORDS, 'view', 'trace', 'status', 'api'],
  change: ['create', 'update', 'merge', 'close', 'reopen', 'note', 'approve', 'revoke', 'archive', 'fork', 'clone', 'set', 'run', 'retry', 'login', 'checkout', 'rebase', 'transfer', 'upload', 'cancel'],
  overrides: [apiRule('glab', ['glab api --method DELETE projects/12/protected_branches/main', 'glab api projects/12/issues'], ['glab mr list'])],
  examples: {
    destroy: { match: ['glab repo delete acme/old-site --yes', 'glab release delete v1.2.0', 'glab variable delete DEPLOY_KEY'], no_match: ['glab mr close 17', 'glab repo view acme/web'] },
    read: { match: ['glab mr list --assignee=@me', 'glab ci view', 'glab issue view 12'], no_match: ['glab mr merge 17', 'glab ci delete 9981'] },
  },
});

export const FORGE_TABLES: ToolTable[] = [GH, GLAB];
