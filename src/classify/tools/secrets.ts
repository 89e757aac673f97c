// Secrets managers: HashiCorp Vault, Doppler, 1Password (op), Infisical, Bitwarden (bw), chamber.
// Deleting, destroying or revoking a secret or token breaks whatever depends on it, and a
// destroyed version cannot be read back. `doppler run -- cmd` and `op run -- cmd` are judged by cmd.
import { carried, subInvocation } from './table.js';
import { pathWords, rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { Invocation, ToolContext, ToolRule, ToolTable } from './types.js';

const VAULT_VALUED = ['-namespace', '--namespace', '-ns', '-address', '--address', '-format', '--format', '-field', '--field', '-mount', '--mount', '-path', '--path', '-versions', '--versions', '-version', '-ca-cert', '-client-cert', '-client-key', '-method', '-output-curl-string'];

export const VAULT: ToolTable = verbTable({
  name: 'vault',
  commands: ['vault', 'bao'],
  valued: VAULT_VALUED,
  // disable unmounts a secrets engine (and deletes its data) or an auth method; seal takes Vault
  // out; `raft remove-peer` drops a node; a snapshot restore overwrites everything.
  destroy: ['delete', 'destroy', 'disable', 'revoke', 'seal', 'remove-peer', 'restore', 'deregister'],
  read: [...READ_WORDS, 'lookup', 'capabilities', 'path-help', 'token-helper', 'kv-get', 'print'],
  change: ['put', 'patch', 'write', 'enable', 'tune', 'move', 'undelete', 'rollback', 'login', 'unseal', 'rotate', 'renew', 'create', 'init', 'rekey', 'step-down', 'save', 'register', 'reload', 'fmt'],
  extra: [
    // `vault write` reaches the HTTP API by path: KV v2's destroy/ and delete/ paths, sys/leases/revoke*,
    // sys/seal and sys/raft/remove-peer lose data or take Vault out like their named commands.
    rule('vault.write-destructive-path', 'destructive', 'delete-secret', 'vault write to an API path that destroys, revokes or seals', (inv) => {
      const w = pathWords(inv, { valued: VAULT_VALUED });
      if (w[0] !== 'write') return null;
      const path = w[1] ?? '';
      return /(^|\/)(destroy|delete|revoke[\w-]*|seal|remove-peer)(\/|$)/.test(path) ? { target: path, explanation: `vault write ${path}: the API path destroys, revokes or seals` } : null;
    }, { match: ['vault write secret/destroy/payments/stripe versions=1,2', 'vault write -f sys/leases/revoke-prefix/aws/creds', 'vault write -f sys/seal'], no_match: ['vault write -f transit/keys/payments/rotate', 'vault write auth/userpass/users/ada password=x'] }),
  ],
  examples: {
    destroy: { match: ['vault secrets disable kv-legacy/', 'vault kv destroy -versions=2,3 secret/payments/stripe', 'vault kv metadata delete secret/payments/stripe', 'vault lease revoke -prefix database/creds/', 'vault operator seal'], no_match: ['vault kv get secret/payments/stripe', 'vault kv undelete -versions=3 secret/payments/stripe'] },
    read: { match: ['vault kv get -field=key secret/payments/stripe', 'vault secrets list -detailed', 'vault token lookup', 'vault -namespace=ops status'], no_match: ['vault kv put secret/app/cfg mode=fast', 'vault token revoke -self'] },
  },
});

/** `tool run [opts] -- cmd args`: the command decides. */
const runCarrier = (id: string, tool: string, match: string[], noMatch: string[]): ToolRule =>
  rule(id, 'unknown', 'run-command', `${tool} run: runs a command with the secrets in its environment`, (inv: Invocation, ctx: ToolContext) => {
    if (inv.args[0] !== 'run') return null;
    const ci = inv.args.findIndex((a) => a === '--command' || a.startsWith('--command='));
    if (ci >= 0) {
      const a = inv.args[ci] ?? '';
      const script = a.includes('=') ? a.slice(a.indexOf('=') + 1) : (inv.args[ci + 1] ?? '');
      const r = ctx.shell(script);
      return { risk: r.risk, explanation: `${tool} run --command: ${r.summary}` };
    }
    const dd = inv.args.indexOf('--');
    if (dd < 0) return inv.args.length > 1 ? null : { risk: 'readonly', explanation: `${tool} run with no command does nothing` };
    const sub = subInvocation(inv, inv.args.slice(dd + 1));
    return sub === null ? null : carried(ctx.invocation(sub), `${tool} run`);
  }, { match, no_match: noMatch });

const DOPPLER_VALUED = ['--project', '-p', '--config', '-c', '--token', '-t', '--scope', '--format', '--command', '--name', '--environment'];
export const DOPPLER: ToolTable = verbTable({
  name: 'doppler',
  commands: ['doppler'],
  valued: DOPPLER_VALUED,
  destroy: [...DELETE_WORDS, 'revoke'],
  read: [...READ_WORDS, 'download', 'me', 'substitute'],
  change: ['set', 'upload', 'setup', 'login', 'logout', 'configure', 'create', 'update', 'rename', 'clone', 'lock', 'unlock', 'import'],
  overrides: [runCarrier('doppler.run', 'doppler', ['doppler run -- npm test', 'doppler run --command "psql -c \'select 1\'"'], ['doppler secrets list'])],
  extra: [
    // A bare noun lists: `doppler secrets` prints the config's secrets.
    rule('doppler.list', 'readonly', 'read', 'a bare `doppler <noun>` lists', (inv) => {
      const w = pathWords(inv, { valued: DOPPLER_VALUED });
      return w.length === 1 && ['secrets', 'configs', 'projects', 'environments', 'activity', 'me'].includes(w[0] ?? '');
    },
      { match: ['doppler secrets', 'doppler configs --project shop'], no_match: ['doppler secrets delete KEY'] }),
  ],
  examples: {
    destroy: { match: ['doppler secrets delete STRIPE_KEY -p shop -c prd -y', 'doppler configs delete stg -p shop --yes', 'doppler projects delete legacy --yes'], no_match: ['doppler secrets get STRIPE_KEY --plain', 'doppler secrets set LOG_LEVEL=debug'] },
    read: { match: ['doppler secrets list -p shop -c prd', 'doppler configs list', 'doppler secrets download --no-file --format env'], no_match: ['doppler environments delete qa', 'doppler secrets upload .env'] },
  },
});

export const OP: ToolTable = verbTable({
  name: 'op',
  commands: ['op'],
  valued: ['--vault', '--account', '--format', '--categories', '--tags', '--session', '--config', '--cache', '--out-file', '-o', '--title', '--fields', '--expires-in', '--env-file'],
  // `op item delete --archive` moves the item to the Archive, where it can be restored.
  localNouns: ['account', 'plugin'],
  destroy: [...DELETE_WORDS, 'revoke'],
  read: [...READ_WORDS, 'read', 'whoami', 'inject', 'signin'],
  change: ['create', 'edit', 'share', 'move', 'suspend', 'reactivate', 'confirm', 'provision', 'grant', 'signout', 'update', 'add', 'forget'],
  overrides: [
    runCarrier('op.run', 'op', ['op run --env-file .env.tpl -- ./deploy.sh'], ['op item list']),
    rule('op.archive', 'mutating', 'archive-item', 'op ... delete --archive moves the item to the Archive; it can be restored', (inv) => inv.args.includes('--archive') && inv.args.includes('delete'),
      { match: ['op item delete --archive "Old API key"'], no_match: ['op item delete "Old API key"'] }),
  ],
  examples: {
    destroy: { match: ['op item delete "Prod DB"', 'op vault delete Finance', 'op connect token delete 7hq2 --server ops'], no_match: ['op item get "Prod DB" --fields password', 'op item delete --archive "Prod DB"'] },
    read: { match: ['op item list --vault Ops', 'op read "op://Ops/Prod DB/password"', 'op whoami'], no_match: ['op user delete ada@example.org', 'op item create --category login --title "New"'] },
  },
});

export const INFISICAL: ToolTable = verbTable({
  name: 'infisical',
  commands: ['infisical'],
  valued: ['--env', '--path', '--projectId', '--token', '--domain', '--type', '--command', '--format', '--output'],
  destroy: [...DELETE_WORDS, 'revoke'],
  read: [...READ_WORDS, 'export'],
  change: ['set', 'login', 'init', 'update', 'create', 'scan'],
  overrides: [runCarrier('infisical.run', 'infisical', ['infisical run --env=prod -- node server.js'], ['infisical secrets'])],
  examples: {
    destroy: { match: ['infisical secrets delete STRIPE_KEY --env=prod'], no_match: ['infisical secrets get STRIPE_KEY --env=prod'] },
    read: { match: ['infisical secrets get STRIPE_KEY --env=prod', 'infisical export --env=dev --format=dotenv'], no_match: ['infisical secrets set LOG_LEVEL=debug --env=dev'] },
  },
});

export const BITWARDEN: ToolTable = verbTable({
  name: 'bw',
  commands: ['bw', 'bws'],
  valued: ['--session', '--organizationid', '--itemid', '--folderid', '--collectionid', '--search', '--url', '--output', '--format'],
  destroy: [...DELETE_WORDS],
  read: [...READ_WORDS, 'generate', 'encode', 'serve', 'sync'],
  change: ['create', 'edit', 'restore', 'move', 'confirm', 'import', 'login', 'logout', 'unlock', 'lock', 'config'],
  examples: {
    destroy: { match: ['bw delete item 2f9d', 'bws secret delete 8c1e'], no_match: ['bw get password github.com'] },
    read: { match: ['bw get password github.com', 'bw list items --search prod'], no_match: ['bw delete folder 11aa', 'bw create item eyJ'] },
  },
});

export const CHAMBER: ToolTable = verbTable({
  name: 'chamber',
  commands: ['chamber'],
  valued: ['-b', '--backend', '-r', '--retries', '--kms-key-alias', '-f', '--format'],
  destroy: [...DELETE_WORDS],
  read: [...READ_WORDS, 'read', 'history', 'export', 'env'],
  change: ['write', 'import'],
  overrides: [rule('chamber.exec', 'unknown', 'run-command', 'chamber exec runs a command with the secrets in its environment', (inv, ctx) => {
    if (inv.args[0] !== 'exec') return null;
    const dd = inv.args.indexOf('--');
    const sub = dd < 0 ? null : subInvocation(inv, inv.args.slice(dd + 1));
    return sub === null ? null : carried(ctx.invocation(sub), 'chamber exec');
  }, { match: ['chamber exec payments -- ./migrate.sh'], no_match: ['chamber list payments'] })],
  examples: {
    destroy: { match: ['chamber delete payments stripe_key'], no_match: ['chamber read payments stripe_key'] },
    read: { match: ['chamber read payments stripe_key', 'chamber list payments'], no_match: ['chamber write payments stripe_key sk_live', 'chamber delete payments stripe_key'] },
  },
});

export const SECRETS_TABLES: ToolTable[] = [VAULT, DOPPLER, OP, INFISICAL, BITWARDEN, CHAMBER];
