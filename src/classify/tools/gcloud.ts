// Google Cloud: gcloud (`gcloud [release] <group...> <verb> [NAME] --flags`) and gsutil.
import { parseArgs, has } from './argv.js';
import { defineTable } from './table.js';
import { computedRule, pathWords, rule, verbTable, READ_WORDS } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

const GCLOUD_FLAGS = ['--quiet', '-q', '--async', '--all', '--recursive', '-r', '--force', '--verbosity', '--log-http', '--user-output-enabled', '--no-user-output-enabled', '--delete-unmatched-destination-objects', '--dry-run', '--validate-only', '--help', '--preview', '--continue-on-error', '--allow-missing', '--keep-disks', '--delete-disks'];
const words = (inv: Invocation) => pathWords(inv, { longOptsTakeValues: true, flags: GCLOUD_FLAGS, valued: ['-c', '--command'] });

export const GCLOUD: ToolTable = verbTable({
  name: 'gcloud',
  commands: ['gcloud'],
  longOptsTakeValues: true,
  flags: GCLOUD_FLAGS,
  valued: ['-c', '--command'],
  depth: 6,
  // stop/suspend/undeploy/disable take a service out; abandon-instances and recreate-instances
  // drop or replace VMs; restoring a backup (sql, filestore) overwrites the instance's data.
  destroy: ['delete', 'remove', 'rm', 'stop', 'suspend', 'undeploy', 'purge', 'destroy', 'disable', 'abandon', 'recreate', 'restore', 'restore-backup', 'deactivate'],
  read: [...READ_WORDS, 'access', 'get-iam-policy', 'print-access-token', 'print-identity-token', 'get-value', 'tail', 'read', 'troubleshoot', 'wait'],
  change: ['remove-labels', 'remove-tags', 'remove-metadata', 'deploy', 'ssh', 'scp', 'connect', 'get-credentials', 'revoke', 'cp', 'mv', 'set'],
  dryRun: ['--dry-run', '--validate-only', '--preview'],
  overrides: [
    // These groups only change the CLI's own set-up on this machine.
    rule('gcloud.local-setup', 'mutating', 'cli-config', 'changes the gcloud CLI\'s own components or configuration', (inv) => {
      const w = words(inv);
      return ['components', 'config', 'auth'].includes(w[0] ?? '') && w.some((x) => /^(remove|delete|rm|revoke|unset|disable)$/.test(x));
    },
      { match: ['gcloud components remove kubectl', 'gcloud config configurations delete old'], no_match: ['gcloud projects delete acme-sandbox', 'gcloud config list'] }),
  ],
  extra: [
    rule('gcloud.scale-to-zero', 'destructive', 'stop-service', 'resizes a cluster or group to zero', (inv) => {
      const w = words(inv);
      if (!w.includes('resize') && !w.includes('set-autoscaling') && !w.includes('update')) return null;
      const zero = inv.args.findIndex((a, i) => /^--(num-nodes|size|max-instances|max-num-replicas)(=0)?$/.test(a) && (a.endsWith('=0') || inv.args[i + 1] === '0'));
      return zero < 0 ? null : { explanation: 'gcloud: resizes to zero; every instance of the service stops' };
    }, { match: ['gcloud container clusters resize web --node-pool default --num-nodes 0', 'gcloud compute instance-groups managed resize web-mig --size=0'], no_match: ['gcloud container clusters resize web --num-nodes 3'] }),
    rule('gcloud.activation-never', 'destructive', 'stop-service', 'gcloud sql instances patch --activation-policy NEVER stops the instance', (inv) => {
      const i = inv.args.findIndex((a) => a === '--activation-policy' || a.startsWith('--activation-policy='));
      if (i < 0) return null;
      const a = inv.args[i] ?? '';
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : (inv.args[i + 1] ?? '');
      return /^never$/i.test(v);
    }, { match: ['gcloud sql instances patch orders --activation-policy=NEVER'], no_match: ['gcloud sql instances patch orders --activation-policy ALWAYS'] }),
    rule('gcloud.storage-rsync-delete', 'destructive', 'delete-objects', 'gcloud storage rsync --delete-unmatched-destination-objects deletes what the source lacks', (inv) =>
      words(inv).includes('rsync') && inv.args.includes('--delete-unmatched-destination-objects') && !inv.args.includes('--dry-run'),
    { match: ['gcloud storage rsync ./site gs://acme-www --recursive --delete-unmatched-destination-objects'], no_match: ['gcloud storage rsync ./site gs://acme-www --recursive'] }),
    rule('gcloud.ssh-command', 'unknown', 'run-remote', 'gcloud compute ssh --command runs a command on the VM', (inv, ctx) => {
      const w = words(inv);
      if (!w.includes('ssh')) return null;
      const i = inv.args.findIndex((a) => a === '--command' || a.startsWith('--command='));
      if (i < 0) return null;
      const a = inv.args[i] ?? '';
      const script = a.includes('=') ? a.slice(a.indexOf('=') + 1) : (inv.args[i + 1] ?? '');
      const r = ctx.shell(script);
      return { risk: r.risk, explanation: `gcloud compute ssh runs: ${r.summary}` };
    }, { match: ['gcloud compute ssh web-1 --zone us-east1-b --command "df -h"'], no_match: ['gcloud compute ssh web-1 --zone us-east1-b'] }),
  ],
  examples: {
    destroy: { match: ['gcloud compute instances delete web-1 --zone us-east1-b --quiet', 'gcloud projects delete acme-sandbox', 'gcloud sql instances delete orders-db', 'gcloud compute instances stop web-1', 'gcloud storage rm -r gs://acme-tmp'], no_match: ['gcloud compute instances list', 'gcloud compute instances remove-labels web-1 --labels team'] },
    read: { match: ['gcloud compute instances list --filter zone:us-east1-b', 'gcloud secrets versions access latest --secret db-pass', 'gcloud config get-value project'], no_match: ['gcloud run services delete api --region us-central1', 'gcloud run deploy api --image gcr.io/acme/api'] },
  },
});

const GSUTIL_VALUED = ['-u', '-o', '-h', '-i', '-p'];
const gs = (inv: Invocation) => {
  // Top-level options come before the command; the command's own options after it.
  const top = parseArgs(inv.args, { valued: GSUTIL_VALUED, stopAtPositional: true });
  const cmd = top.pos[0] ?? '';
  const sub = parseArgs(top.pos.slice(1), { valued: ['-x', '-p', '-c', '-s', '-L', '-I'] });
  return { cmd, sub };
};

export const GSUTIL: ToolTable = defineTable({
  name: 'gsutil',
  commands: ['gsutil'],
  noShortHelp: true,
  rules: [
    computedRule('gsutil', 1, { valued: GSUTIL_VALUED }, ['gsutil -m $OP gs://acme-tmp'], ['gsutil ls "$BUCKET"']),
    rule('gsutil.delete', 'destructive', 'delete-objects', 'gsutil rm / rb / rsync -d deletes objects or buckets', (inv) => {
      const { cmd, sub } = gs(inv);
      const target = sub.pos.find((p) => p.startsWith('gs://')) ?? sub.pos[0] ?? '';
      if (cmd === 'rm' || cmd === 'rb') return { target, explanation: `gsutil ${cmd} ${target}: ${cmd === 'rb' ? 'removes the bucket' : 'deletes the objects'}` };
      if (cmd === 'rsync' && has(sub, '-d') && !has(sub, '-n')) return { target: sub.pos[1] ?? target, explanation: 'gsutil rsync -d: deletes objects at the destination that the source lacks' };
      return null;
    }, { match: ['gsutil -m rm -r gs://acme-tmp/**', 'gsutil rb gs://acme-scratch', 'gsutil -m rsync -r -d ./site gs://acme-www'], no_match: ['gsutil ls gs://acme-tmp', 'gsutil rsync -r -d -n ./site gs://acme-www'] }),
    rule('gsutil.read', 'readonly', 'read', 'lists, reads or prints settings', (inv) => {
      const { cmd, sub } = gs(inv);
      if (['ls', 'cat', 'stat', 'du', 'hash', 'version', 'help', 'signurl', 'ver'].includes(cmd)) return true;
      if (cmd === 'rsync' && has(sub, '-n')) return { effect: 'dry-run', explanation: 'gsutil rsync -n: a dry run' };
      return sub.pos[0] === 'get';
    }, { match: ['gsutil ls -l gs://acme-logs', 'gsutil lifecycle get gs://acme-logs', 'gsutil du -s gs://acme-logs'], no_match: ['gsutil cp a.txt gs://acme-logs/', 'gsutil lifecycle set rules.json gs://acme-logs'] }),
  ],
  fallback: 'mutating',
});

export const GCLOUD_TABLES: ToolTable[] = [GCLOUD, GSUTIL];
