// Key and password stores kept on a machine: GnuPG, pass/gopass/lpass, the macOS keychain
// (security), Java keystores (keytool), certbot, aws-vault, sops, Akeyless. Deleting a private
// key or a stored password loses it for good unless a copy exists elsewhere.
import { parseArgs } from './argv.js';
import { carryWords } from './carry.js';
import { defineTable } from './table.js';
import { rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { ToolTable } from './types.js';

const GPG_READ = /^(--(list|fingerprint|check|verify|export|show|card-status|search|version|help|decrypt)[\w-]*|-k|-K|-d)$/;
const GPG_WRITE = /^(-o|--output|-e|--encrypt|-s|--sign|-c|--symmetric|--import|--gen-key|--full-gen(erate)?-key|--quick-gen-key|--edit-key|--send-keys|--delete[\w-]*|--recv-keys|--refresh-keys)$/;

export const GPG: ToolTable = defineTable({
  name: 'gpg',
  commands: ['gpg', 'gpg2'],
  rules: [
    rule('gpg.delete-key', 'destructive', 'delete-key', 'deletes keys from the keyring; a deleted secret key cannot be recovered', (inv) =>
      inv.args.some((a) => /^--delete-(secret-)?keys?$|^--delete-secret-and-public-keys?$/.test(a)),
    { match: ['gpg --batch --yes --delete-secret-keys 3AA5C34371567BD2', 'gpg --delete-key ops@example.org'], no_match: ['gpg --list-secret-keys'] }),
    rule('gpg.read', 'readonly', 'read', 'lists, shows or exports keys, verifies or decrypts to the terminal', (inv) =>
      inv.args.some((a) => GPG_READ.test(a)) && !inv.args.some((a) => GPG_WRITE.test(a)),
    { match: ['gpg --list-keys', 'gpg --armor --export ops@example.org', 'gpg --verify release.tar.gz.sig'], no_match: ['gpg --import key.asc', 'gpg --delete-key ops@example.org', 'gpg -e -r ops@example.org notes.txt'] }),
  ],
  // import, gen-key, edit-key, encrypt to a file, sign: routine changes.
  fallback: 'mutating',
});

export const PASS: ToolTable = verbTable({
  name: 'pass',
  commands: ['pass', 'gopass', 'lpass', 'passage'],
  valued: ['-c', '--clip', '--sync', '--color'],
  depth: 1,
  destroy: [...DELETE_WORDS],
  read: [...READ_WORDS, 'show', 'ls', 'grep', 'find', 'otp', 'audit', 'search'],
  change: ['insert', 'edit', 'generate', 'add', 'mv', 'cp', 'init', 'git', 'sync', 'login', 'logout', 'setup', 'clone', 'import'],
  examples: {
    destroy: { match: ['pass rm -r work/aws', 'gopass rm -f shop/stripe', 'lpass rm "Shared-Ops/db"'], no_match: ['pass show work/aws', 'pass insert work/new'] },
    read: { match: ['pass show work/aws', 'gopass ls', 'lpass show --password "Shared-Ops/db"'], no_match: ['pass generate work/new 24', 'pass rm work/aws'] },
  },
});

export const SECURITY: ToolTable = verbTable({
  name: 'security',
  commands: ['security'],
  valued: ['-s', '-a', '-l', '-c', '-k'],
  noShortHelp: true,
  depth: 1,
  destroy: [...DELETE_WORDS],
  read: [...READ_WORDS, 'find', 'dump', 'list', 'show', 'verify', 'default', 'login'],
  change: ['add-generic-password', 'add-internet-password', 'add-certificates', 'import', 'create-keychain', 'unlock-keychain', 'lock-keychain', 'set-keychain-settings', 'set-key-partition-list'],
  examples: {
    destroy: { match: ['security delete-generic-password -s deploy-token', 'security delete-keychain ci.keychain'], no_match: ['security find-generic-password -s deploy-token -w'] },
    read: { match: ['security find-generic-password -s deploy-token -w', 'security list-keychains'], no_match: ['security add-generic-password -s deploy-token -a ci -w x'] },
  },
});

export const KEYTOOL: ToolTable = defineTable({
  name: 'keytool',
  commands: ['keytool'],
  rules: [
    rule('keytool.delete', 'destructive', 'delete-key', 'keytool -delete removes a key or certificate from the keystore', (inv) => inv.args.includes('-delete'),
      { match: ['keytool -delete -alias tomcat -keystore server.jks'], no_match: ['keytool -list -keystore server.jks'] }),
    rule('keytool.read', 'readonly', 'read', 'lists or prints keystore entries', (inv) => inv.args.some((a) => ['-list', '-printcert', '-printcertreq', '-printcrl', '-help'].includes(a)),
      { match: ['keytool -list -v -keystore server.jks'], no_match: ['keytool -importcert -alias ca -file ca.pem -keystore server.jks'] }),
  ],
  fallback: 'mutating',
});

export const CERTBOT: ToolTable = verbTable({
  name: 'certbot',
  commands: ['certbot', 'certbot-auto'],
  valued: ['--cert-name', '-d', '--domains', '--cert-path', '--key-path', '-m', '--email', '--webroot-path', '-w', '--config-dir', '--reason'],
  depth: 1,
  // A revoked certificate cannot be un-revoked; sites serving it start failing.
  destroy: [...DELETE_WORDS, 'revoke'],
  read: [...READ_WORDS, 'certificates', 'plugins'],
  change: ['renew', 'certonly', 'run', 'install', 'enhance', 'register', 'update_account', 'reconfigure', 'rollback'],
  dryRun: ['--dry-run', '--staging', '--test-cert'],
  examples: {
    destroy: { match: ['certbot delete --cert-name shop.example.org', 'certbot revoke --cert-path /etc/letsencrypt/live/shop/cert.pem'], no_match: ['certbot renew', 'certbot certificates'] },
    read: { match: ['certbot certificates', 'certbot renew --dry-run'], no_match: ['certbot renew', 'certbot delete --cert-name shop.example.org'] },
  },
});

const AWS_VAULT_VALUED = ['--backend', '--duration', '-d', '--region', '--mfa-token', '-t', '--keychain', '--prompt', '--ec2-server'];
export const AWS_VAULT: ToolTable = verbTable({
  name: 'aws-vault',
  commands: ['aws-vault'],
  valued: AWS_VAULT_VALUED,
  depth: 1,
  destroy: [...DELETE_WORDS, 'clear'],
  read: [...READ_WORDS, 'list', 'ls', 'export'],
  change: ['add', 'rotate', 'login', 'exec'],
  extra: [
    rule('aws-vault.exec', 'unknown', 'run-command', 'aws-vault exec PROFILE -- cmd: the command runs with the profile\'s credentials', (inv, ctx) => {
      if (inv.args[0] !== 'exec') return null;
      const p = parseArgs(inv.args.slice(1), { valued: AWS_VAULT_VALUED, stopAtPositional: true });
      const words = p.pos.slice(1);
      return words.length === 0 ? null : carryWords(inv, ctx, words, `aws-vault exec ${p.pos[0] ?? ''}`);
    }, { match: ['aws-vault exec prod -- aws s3 rb s3://acme-old --force', 'aws-vault exec prod -- aws sts get-caller-identity'], no_match: ['aws-vault list'] }),
  ],
  examples: {
    destroy: { match: ['aws-vault remove prod', 'aws-vault clear'], no_match: ['aws-vault list', 'aws-vault add prod'] },
    read: { match: ['aws-vault list', 'aws-vault export prod'], no_match: ['aws-vault rotate prod', 'aws-vault remove prod'] },
  },
});

export const SOPS: ToolTable = defineTable({
  name: 'sops',
  commands: ['sops'],
  rules: [
    rule('sops.exec', 'unknown', 'run-command', 'sops exec-env/exec-file runs a command with the decrypted secrets', (inv, ctx) => {
      const i = inv.args.findIndex((a) => a === 'exec-env' || a === 'exec-file');
      if (i < 0) return null;
      const rest = inv.args.slice(i + 1).filter((a) => !a.startsWith('-'));
      return rest.length < 2 ? null : carryWords(inv, ctx, [rest[1] ?? ''], `sops ${inv.args[i]}`);
    }, { match: ["sops exec-env secrets.enc.yaml './migrate.sh'"], no_match: ['sops -d secrets.enc.yaml'] }),
    rule('sops.read', 'readonly', 'read', 'sops -d decrypts to the terminal', (inv) =>
      inv.args.some((a) => a === '-d' || a === '--decrypt' || a === 'decrypt' || a === 'filestatus') && !inv.args.some((a) => a === '-i' || a === '--in-place' || a === '--output'),
    { match: ['sops -d secrets.enc.yaml', 'sops decrypt --extract \'["db"]\' secrets.enc.yaml'], no_match: ['sops -e -i secrets.yaml'] }),
  ],
  // Editing or encrypting in place rewrites the file; the old ciphertext is in version control.
  fallback: 'mutating',
});

export const AKEYLESS: ToolTable = verbTable({
  name: 'akeyless',
  commands: ['akeyless', 'conjur', 'infisical-cli'],
  valued: ['--name', '-n', '--value', '--profile', '--path', '-i', '--id', '--account', '-a'],
  destroy: [...DELETE_WORDS, 'revoke'],
  read: [...READ_WORDS, 'get-secret-value', 'get', 'list-items', 'describe-item'],
  change: ['create-secret', 'update-secret-val', 'set', 'load', 'create', 'update', 'login', 'init'],
  examples: {
    destroy: { match: ['akeyless delete-item --name /prod/db-pass', 'akeyless delete-items --path /prod'], no_match: ['akeyless get-secret-value --name /prod/db-pass'] },
    read: { match: ['akeyless get-secret-value --name /prod/db-pass', 'conjur variable get -i prod/db/password'], no_match: ['conjur variable set -i prod/db/password -v x'] },
  },
});

export const LOCAL_SECRET_TABLES: ToolTable[] = [GPG, PASS, SECURITY, KEYTOOL, CERTBOT, AWS_VAULT, SOPS, AKEYLESS];
