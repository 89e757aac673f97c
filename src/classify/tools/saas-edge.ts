// Edge, CDN and API-gateway CLIs: Cloudflare wrangler, Fastly, Kong (deck, kong), Apigee.
import { pathWords, rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

const WRANGLER_VALUED = ['--namespace-id', '--binding', '--env', '-e', '--config', '-c', '--zone-id', '--record-id', '--account-id', '--name', '--command', '--file', '--message'];
const wranglerWords = (inv: Invocation) => pathWords(inv, { valued: WRANGLER_VALUED });

export const WRANGLER: ToolTable = verbTable({
  name: 'wrangler',
  commands: ['wrangler', 'wrangler2'],
  valued: WRANGLER_VALUED,
  // A rollback is recoverable (roll forward again), like `helm rollback`: a routine change.
  destroy: DELETE_WORDS,
  read: [...READ_WORDS, 'dev', 'whoami', 'types'],
  change: ['deploy', 'publish', 'put', 'upload', 'create', 'rollback'],
  overrides: [
    rule('wrangler.d1-sql', 'readonly', 'run-sql', 'wrangler d1 execute: the SQL it carries decides', (inv, ctx) => {
      const w = wranglerWords(inv);
      if (w[0] !== 'd1' || w[1] !== 'execute') return null;
      const i = inv.args.findIndex((a) => a === '--command' || a.startsWith('--command='));
      if (i < 0) return { risk: 'unknown', effect: 'run-sql-file', explanation: 'wrangler d1 execute runs SQL from a file the classifier cannot see' };
      const arg = inv.args[i] ?? '';
      const sql = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (inv.args[i + 1] ?? '');
      const r = ctx.sql(sql, 'sqlite');
      return { risk: r.risk, effect: 'run-sql', explanation: `wrangler d1 execute: ${r.summary}` };
    }, { match: ['wrangler d1 execute shop-db --command "SELECT count(*) FROM orders"', 'wrangler d1 execute shop-db --file ./seed.sql'], no_match: ['wrangler d1 list', 'wrangler d1 migrations apply shop-db'] }),
  ],
  examples: {
    destroy: { match: ['wrangler delete billing-worker', 'wrangler r2 bucket delete uploads', 'wrangler kv:key delete --namespace-id=9f2 SESSION'], no_match: ['wrangler deploy', 'wrangler rollback', 'wrangler r2 bucket list'] },
    read: { match: ['wrangler kv:key list --namespace-id=9f2', 'wrangler tail billing-worker', 'wrangler whoami'], no_match: ['wrangler d1 delete shop-db', 'wrangler deploy --env production'] },
  },
});

export const FASTLY: ToolTable = verbTable({
  name: 'fastly',
  commands: ['fastly'],
  valued: ['--service-id', '-s', '--service-name', '--version', '--name', '-n', '--profile', '-p', '--token', '-t', '--dictionary-id', '--acl-id', '--id', '--key', '--url', '--file'],
  // Deactivating a version takes the service off the network; purging sends every request to origin.
  destroy: [...DELETE_WORDS, 'deactivate', 'purge'],
  // "version" is a noun here (`fastly service-version activate`), so it is not a reading verb.
  read: READ_WORDS.filter((w) => w !== 'version'),
  change: ['activate', 'create', 'update', 'clone', 'deploy', 'upload'],
  examples: {
    destroy: { match: ['fastly service delete --service-id 7xQ', 'fastly backend delete --name api-origin --version 4', 'fastly purge --all --service-id 7xQ', 'fastly service-version deactivate --version 9'], no_match: ['fastly backend list --version 4', 'fastly compute deploy'] },
    read: { match: ['fastly service list', 'fastly vcl describe --name edge', 'fastly whoami'], no_match: ['fastly acl delete --name deny-list', 'fastly domain create --name shop.example.org'] },
  },
});

const DECK_VALUED = ['--state', '-s', '--select-tag', '--kong-addr', '--headers', '--output-file', '-o', '--workspace', '-w', '--parallelism'];
export const DECK: ToolTable = verbTable({
  name: 'deck',
  commands: ['deck'],
  valued: DECK_VALUED,
  // `deck sync` makes Kong match the file: whatever the file omits is deleted from the gateway.
  destroy: ['reset', 'sync'],
  read: [...READ_WORDS, 'dump', 'convert', 'file', 'lint', 'openapi2kong', 'render'],
  change: ['apply'],
  examples: {
    destroy: { match: ['deck sync --state kong.yaml', 'deck gateway reset --force', 'deck gateway sync --select-tag payments'], no_match: ['deck gateway diff --state kong.yaml', 'deck gateway apply kong.yaml'] },
    read: { match: ['deck gateway dump -o current.yaml', 'deck validate --state kong.yaml', 'deck ping'], no_match: ['deck reset', 'deck gateway apply extra.yaml'] },
  },
});

export const KONG: ToolTable = verbTable({
  name: 'kong',
  commands: ['kong'],
  valued: ['-c', '--conf', '-p', '--prefix'],
  noShortHelp: true,
  // `kong migrations reset` drops Kong's whole database; stop and quit take the gateway down.
  destroy: ['stop', 'quit', 'reset'],
  read: [...READ_WORDS, 'parse'],
  change: ['start', 'restart', 'reload', 'up', 'finish', 'bootstrap', 'init', 'db_import', 'prepare'],
  examples: {
    destroy: { match: ['kong stop', 'kong migrations reset --yes', 'kong quit --wait 10'], no_match: ['kong reload', 'kong migrations up'] },
    read: { match: ['kong health', 'kong check /etc/kong/kong.conf', 'kong config parse kong.yml'], no_match: ['kong restart', 'kong config init'] },
  },
});

export const APIGEECLI: ToolTable = verbTable({
  name: 'apigeecli',
  commands: ['apigeecli'],
  valued: ['--name', '-n', '--org', '-o', '--env', '-e', '--token', '-t', '--email', '--developer', '--rev', '-v', '--file', '-f'],
  destroy: [...DELETE_WORDS, 'undeploy'],
  read: [...READ_WORDS, 'export'],
  change: ['deploy', 'create', 'update', 'import'],
  examples: {
    destroy: { match: ['apigeecli apis delete --name orders-api', 'apigeecli apis undeploy --name orders-api --env prod --rev 3', 'apigeecli kvms delete --name flags'], no_match: ['apigeecli apis deploy --name orders-api --env prod --rev 4', 'apigeecli apis list'] },
    read: { match: ['apigeecli products get --name gold-tier', 'apigeecli envs list'], no_match: ['apigeecli developers delete --email ops@example.org', 'apigeecli products create --name silver-tier'] },
  },
});

export const EDGE_TABLES: ToolTable[] = [WRANGLER, FASTLY, DECK, KONG, APIGEECLI];
