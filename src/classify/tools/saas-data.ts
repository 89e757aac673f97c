// Object storage, search, payments and observability SaaS CLIs: MinIO's mc, Algolia, Stripe,
// Square, Splunk, New Relic, Datadog, PagerDuty, Grafana and Prometheus tools.
import { pathWords, rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { ToolTable } from './types.js';

const MC_VALUED = ['--config-dir', '-C', '--older-than', '--newer-than', '--name', '--exclude', '--storage-class', '--attr', '--encrypt-key', '--limit-upload', '--limit-download'];

export const MC: ToolTable = verbTable({
  name: 'mc',
  commands: ['mc', 'mcli'],
  valued: MC_VALUED,
  // rb removes a bucket; admin user/policy remove, disable and unset take access away.
  localNouns: ['alias', 'config'],
  destroy: [...DELETE_WORDS, 'rb', 'disable', 'unset', 'detach', 'clear', 'stop', 'decommission'],
  read: [...READ_WORDS, 'tree', 'ls', 'sql', 'watch', 'ping', 'top', 'trace', 'share', 'od'],
  change: ['cp', 'mv', 'pipe', 'mb', 'tag', 'add', 'set', 'attach', 'restart', 'update', 'undo', 'alias', 'retention', 'anonymous', 'ilm', 'version'],
  extra: [
    rule('mc.mirror-remove', 'destructive', 'delete-objects', 'mc mirror --remove deletes objects at the target that the source lacks', (inv) => {
      const w = pathWords(inv, { valued: MC_VALUED });
      return w[0] === 'mirror' && inv.args.some((a) => a === '--remove' || a === '--delete') && !inv.args.includes('--dry-run');
    }, { match: ['mc mirror --remove ./site play/www', 'mc mirror play/src play/dst --remove'], no_match: ['mc mirror ./site play/www', 'mc mirror --remove --dry-run ./site play/www'] }),
  ],
  examples: {
    destroy: { match: ['mc rb --force play/archive', 'mc rm --recursive --force play/uploads/2023/', 'mc admin user remove play ci-bot', 'mc admin policy unset play readwrite user=ci-bot'], no_match: ['mc ls play/uploads', 'mc cp report.pdf play/uploads/'] },
    read: { match: ['mc ls play/uploads', 'mc stat play/uploads/a.png', 'mc admin info play'], no_match: ['mc rm play/uploads/a.png', 'mc mb play/new-bucket'] },
  },
});

export const ALGOLIA: ToolTable = verbTable({
  name: 'algolia',
  commands: ['algolia'],
  valued: ['--profile', '-p', '--application-id', '--api-key', '--query', '--file', '-F'],
  // clear empties an index; move and replace overwrite the destination index.
  destroy: [...DELETE_WORDS, 'clear', 'move', 'replace'],
  read: [...READ_WORDS, 'export'],
  change: ['copy', 'import', 'save', 'set', 'add', 'create', 'update'],
  examples: {
    destroy: { match: ['algolia indices delete catalog', 'algolia indices clear catalog', 'algolia synonyms delete catalog --synonym-ids sofa', 'algolia indices move catalog-tmp catalog'], no_match: ['algolia indices list', 'algolia objects import catalog -F items.ndjson'] },
    read: { match: ['algolia indices browse catalog', 'algolia search catalog --query lamp', 'algolia settings get catalog'], no_match: ['algolia apikeys delete 3b1f', 'algolia indices copy catalog catalog-backup'] },
  },
});

export const STRIPE: ToolTable = verbTable({
  name: 'stripe',
  commands: ['stripe'],
  valued: ['--api-key', '--project-name', '-p', '--stripe-account', '--data', '-d', '--forward-to', '-f', '--events', '--limit'],
  // Rolling an API key revokes the old one; cancelling a subscription cannot be undone.
  destroy: [...DELETE_WORDS, 'roll', 'cancel', 'void', 'expire', 'reject', 'close'],
  read: [...READ_WORDS, 'listen', 'open', 'samples', 'status', 'get', 'retrieve'],
  change: ['post', 'create', 'update', 'trigger', 'login', 'logout', 'config', 'capture', 'confirm', 'pay', 'finalize', 'send', 'resend'],
  examples: {
    destroy: { match: ['stripe customers delete cus_9aQ', 'stripe webhook_endpoints delete we_71', 'stripe subscriptions cancel sub_4k', 'stripe delete /v1/products/prod_5'], no_match: ['stripe customers list --limit 3', 'stripe trigger payment_intent.succeeded'] },
    read: { match: ['stripe customers retrieve cus_9aQ', 'stripe listen --forward-to localhost:4242/hook', 'stripe get /v1/charges'], no_match: ['stripe coupons delete SPRING', 'stripe customers create --email a@example.org'] },
  },
});

export const SQUARE: ToolTable = verbTable({
  name: 'square',
  commands: ['square'],
  valued: ['--environment', '--token', '--location-id'],
  destroy: [...DELETE_WORDS, 'cancel', 'deactivate'],
  read: READ_WORDS,
  examples: {
    destroy: { match: ['square catalog delete ITEM_77', 'square customers delete C_12'], no_match: ['square catalog list', 'square customers create --given-name Ada'] },
    read: { match: ['square locations list', 'square catalog get ITEM_77'], no_match: ['square locations delete L1', 'square orders create'] },
  },
});

export const SPLUNK: ToolTable = verbTable({
  name: 'splunk',
  commands: ['splunk'],
  valued: ['-auth', '-index', '-uri', '-app', '-owner', '-earliest_time', '-latest_time', '-maxout', '-output'],
  noShortHelp: true,
  // `clean eventdata` erases indexed events; stop takes the indexer down.
  destroy: [...DELETE_WORDS, 'clean', 'stop', 'disable'],
  read: [...READ_WORDS, 'btool', 'display', 'cmd'],
  change: ['start', 'restart', 'add', 'edit', 'enable', 'install', 'apply', 'reload', 'set'],
  examples: {
    destroy: { match: ['splunk remove index web_logs', 'splunk clean eventdata -index web_logs', 'splunk stop'], no_match: ['splunk restart', 'splunk list index'] },
    read: { match: ['splunk search "index=web_logs status=500"', 'splunk btool inputs list', 'splunk status'], no_match: ['splunk delete user auditor', 'splunk add index web_logs'] },
  },
});

export const NEWRELIC: ToolTable = verbTable({
  name: 'newrelic',
  commands: ['newrelic'],
  valued: ['--accountId', '-a', '--profile', '--name', '-n', '--guid', '-g', '--query', '-q', '--applicationId'],
  destroy: DELETE_WORDS,
  read: [...READ_WORDS, 'query', 'nrql'],
  change: ['create', 'update', 'deploy', 'record', 'tag', 'install'],
  extra: [
    rule('newrelic.graphql-delete', 'destructive', 'delete-resource', 'a NerdGraph mutation that deletes', (inv) => {
      const text = inv.args.join(' ');
      return /\bmutation\b/i.test(text) && /(delete|remove|destroy|purge)/i.test(text.slice(text.search(/\bmutation\b/i)));
    }, { match: ['newrelic nerdgraph query "mutation { alertsPolicyDelete(accountId: 1, id: 2) { id } }"'], no_match: ['newrelic nerdgraph query "{ actor { user { email } } }"'] }),
  ],
  examples: {
    destroy: { match: ['newrelic entity delete MX9', 'newrelic workload delete --guid MX9'], no_match: ['newrelic entity search --name checkout', 'newrelic apm deployment create --applicationId 5 --revision 1.2'] },
    read: { match: ['newrelic entity search --name checkout', 'newrelic nrql query --query "SELECT count(*) FROM Transaction"'], no_match: ['newrelic synthetics delete --guid MX9', 'newrelic entity tags create --guid MX9 --tag env:prod'] },
  },
});

export const DATADOG: ToolTable = verbTable({
  name: 'datadog-ci',
  commands: ['datadog-ci', 'dog', 'pup'],
  valued: ['--api-key', '--app-key', '--site', '--service', '--env'],
  destroy: DELETE_WORDS,
  read: READ_WORDS,
  change: ['upload', 'create', 'update', 'run', 'trace', 'tag', 'unmute', 'post'],
  examples: {
    destroy: { match: ['datadog-ci monitors delete 4410', 'dog dashboard delete ab-cd-ef'], no_match: ['datadog-ci monitors get 4410', 'datadog-ci sourcemaps upload ./dist'] },
    read: { match: ['datadog-ci dashboards list', 'dog monitor show 4410'], no_match: ['datadog-ci dashboards delete ab-cd-ef', 'datadog-ci junit upload report.xml'] },
  },
});

export const PAGERDUTY: ToolTable = verbTable({
  name: 'pd',
  commands: ['pd'],
  valued: ['--token', '-t', '--profile', '-p', '--ids', '-i', '--name', '-n', '--email', '-e'],
  destroy: [...DELETE_WORDS, 'disable'],
  read: [...READ_WORDS, 'open'],
  change: ['create', 'update', 'ack', 'acknowledge', 'resolve', 'assign', 'enable', 'set', 'add'],
  examples: {
    destroy: { match: ['pd service delete -i PX1', 'pd escalation-policy delete -i PE2', 'pd user delete -i PU3'], no_match: ['pd incident ack -i PI4', 'pd service list'] },
    read: { match: ['pd incident list', 'pd schedule get -i PS5'], no_match: ['pd team delete -i PT6', 'pd incident resolve -i PI4'] },
  },
});

export const GRAFANA_CLI: ToolTable = verbTable({
  name: 'grafana-cli',
  commands: ['grafana-cli', 'grafana', 'grafanactl'],
  valued: ['--pluginsDir', '--homepath', '--config', '--repo', '--pluginUrl'],
  destroy: [...DELETE_WORDS, 'uninstall'],
  read: [...READ_WORDS, 'list-remote', 'list-versions'],
  change: ['install', 'update', 'update-all', 'upgrade', 'reset-admin-password', 'server', 'data-migration'],
  examples: {
    destroy: { match: ['grafana-cli plugins uninstall grafana-clock-panel', 'grafana-cli plugins remove grafana-clock-panel'], no_match: ['grafana-cli plugins install grafana-clock-panel', 'grafana-cli plugins ls'] },
    read: { match: ['grafana-cli plugins ls', 'grafana-cli plugins list-remote'], no_match: ['grafana-cli plugins update-all', 'grafana-cli plugins uninstall grafana-clock-panel'] },
  },
});

export const PROMTOOL: ToolTable = verbTable({
  name: 'promtool',
  commands: ['promtool', 'amtool'],
  valued: ['--alertmanager.url', '--output', '-o'],
  // amtool silence add mutes alerting; expiring or importing silences changes who gets paged.
  destroy: [...DELETE_WORDS, 'expire'],
  read: [...READ_WORDS, 'check', 'query', 'test', 'analyze', 'dump', 'debug', 'config', 'routes', 'template'],
  change: ['push', 'create-blocks-from', 'add', 'import'],
  examples: {
    destroy: { match: ['amtool silence expire 6f1e'], no_match: ['amtool silence query', 'promtool check config prometheus.yml'] },
    read: { match: ['promtool check rules alerts.yml', 'promtool query instant http://prom:9090 up', 'promtool tsdb analyze ./data'], no_match: ['promtool push metrics http://pushgw:9091', 'amtool silence expire 6f1e'] },
  },
});

export const SENTRY_CLI: ToolTable = verbTable({
  name: 'sentry-cli',
  commands: ['sentry-cli'],
  valued: ['-o', '--org', '-p', '--project', '--auth-token', '--url', '-r', '--release', '--log-level'],
  destroy: DELETE_WORDS,
  read: [...READ_WORDS, 'info'],
  change: ['new', 'finalize', 'set-commits', 'deploys', 'upload', 'upload-sourcemaps', 'send-event', 'login', 'propose-version'],
  examples: {
    destroy: { match: ['sentry-cli releases delete 2.4.1 -o acme -p web'], no_match: ['sentry-cli releases list -o acme'] },
    read: { match: ['sentry-cli releases list -o acme -p web', 'sentry-cli info'], no_match: ['sentry-cli releases new 2.4.2'] },
  },
});

// Elasticsearch Curator: actions on many indices at once, chosen by filters.
export const CURATOR: ToolTable = verbTable({
  name: 'curator',
  commands: ['curator_cli', 'curator', 'es_curator'],
  valued: ['--config', '--host', '--port', '--filter_list'],
  depth: 1,
  destroy: ['delete_indices', 'delete_snapshots', 'close', 'shrink', 'forcemerge'],
  read: ['show_indices', 'show_snapshots'],
  change: ['open', 'alias', 'allocation', 'replicas', 'rollover', 'snapshot', 'restore', 'reindex', 'cold2frozen', 'index_settings'],
  examples: {
    destroy: { match: ['curator_cli --host es.local delete_indices --filter_list \'[{"filtertype":"age","source":"name","direction":"older","unit":"days","unit_count":30}]\''], no_match: ['curator_cli --host es.local show_indices'] },
    read: { match: ['curator_cli --host es.local show_indices --verbose'], no_match: ['curator_cli --host es.local close --filter_list \'{"filtertype":"none"}\''] },
  },
});

export const DATA_TABLES: ToolTable[] = [MC, ALGOLIA, STRIPE, SQUARE, SPLUNK, NEWRELIC, DATADOG, PAGERDUTY, GRAFANA_CLI, PROMTOOL, SENTRY_CLI, CURATOR];
