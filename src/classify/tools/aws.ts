// The AWS CLI: `aws [globals] <service> <operation> [--options]`. Operation names follow a verb
// grammar (describe-*, list-*, get-* read; delete-*, terminate-*, deregister-* remove), so unseen
// operations are judged by their verb. s3's high-level commands (rm, rb, sync) have their own rule.
import { defineTable } from './table.js';
import { computedRule, rule } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

// Boolean options; every other `--option` takes the next word as its value.
const FLAGS = new Set([
  '--debug', '--no-verify-ssl', '--no-paginate', '--no-cli-pager', '--no-sign-request', '--dryrun', '--dry-run',
  '--recursive', '--force', '--delete', '--quiet', '--only-show-errors', '--no-progress', '--exact-timestamps',
  '--follow-symlinks', '--no-follow-symlinks', '--size-only', '--force-delete-without-recovery', '--skip-final-snapshot',
  '--apply-immediately', '--no-execute-changeset', '--fail-on-empty-changeset', '--generate-cli-skeleton', '--overwrite',
  '--all', '--with-decryption', '--cli-auto-prompt', '--no-cli-auto-prompt', '--disable-rollback', '--include-deleted',
  '--human-readable', '--summarize', '--no-guess-mime-type', '--ignore-glacier-warnings', '--force-glacier-transfer',
]);

export type AwsCall = { service: string; op: string; rest: string[]; opts: Map<string, string>; flags: Set<string> };

export function parseAws(args: readonly string[]): AwsCall {
  const pos: string[] = [];
  const opts = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) opts.set(a.slice(0, eq), a.slice(eq + 1));
      else if (FLAGS.has(a) || a.startsWith('--no-')) flags.add(a);
      else {
        const next = args[i + 1];
        if (next !== undefined && !next.startsWith('--')) {
          opts.set(a, next);
          i++;
        } else flags.add(a);
      }
      continue;
    }
    pos.push(a);
  }
  return { service: pos[0] ?? '', op: pos[1] ?? '', rest: pos.slice(2), opts, flags };
}

const READ_VERBS = new Set(['describe', 'list', 'get', 'head', 'search', 'lookup', 'query', 'scan', 'select', 'validate', 'test', 'estimate', 'preview', 'simulate', 'check', 'wait', 'help', 'filter', 'tail', 'download', 'generate', 'verify', 'decrypt', 'encrypt', 'view', 'presign', 'receive', 'assume', 'decode', 'detect', 'ls', 'batch-get', 'export-table-to-point-in-time']);
// Verbs that lose data or take something out: terminate/stop take a service down, deregister
// pulls targets out of load balancers, revoke removes access, release gives up an address.
// rebuild (Elastic Beanstalk environments, WorkSpaces) deletes and recreates.
const DESTROY_VERBS = new Set(['delete', 'deletion', 'terminate', 'remove', 'purge', 'deregister', 'unsubscribe', 'revoke', 'release', 'destroy', 'stop', 'wipe', 'erase', 'drop', 'truncate', 'empty', 'forget', 'rebuild']);

function opVerb(op: string): 'read' | 'destroy' | 'change' {
  const t = op.toLowerCase().split('-');
  const first = t[0] === 'batch' ? t[1] : t[0];
  if (first !== undefined && READ_VERBS.has(first)) return 'read';
  // Cancelling a deletion, or adding/removing tags, is routine.
  if (first === 'cancel' || first === 'untag' || t.includes('tags') || t.includes('tag')) return 'change';
  if (t.some((x) => DESTROY_VERBS.has(x))) return 'destroy';
  return 'change';
}

const S3_READ = new Set(['ls', 'presign']);
const inert = (c: AwsCall, inv: Invocation) =>
  c.flags.has('--dryrun') || c.flags.has('--dry-run') || c.flags.has('--generate-cli-skeleton') || c.opts.has('--generate-cli-skeleton') ||
  c.op === 'help' || c.rest.includes('help') || c.service === 'help' || inv.args.includes('--help') ||
  (c.op === 'deploy' && c.flags.has('--no-execute-changeset'));

// Every rule reads the same parse; do it once per invocation.
const PARSED = new WeakMap<Invocation, AwsCall>();
const call = (inv: Invocation): AwsCall => {
  let c = PARSED.get(inv);
  if (c === undefined) PARSED.set(inv, (c = parseAws(inv.args)));
  return c;
};

/** The script in `--parameters commands=[...]` or `{"commands":[...]}`, lines joined; undefined
 * when the shape is not one of those (a file:// reference, other parameters). */
function ssmCommands(params: string): string | undefined {
  let body: string | undefined;
  if (params.startsWith('commands=')) body = params.slice('commands='.length);
  else {
    const i = params.indexOf('"commands"');
    const open = i < 0 ? -1 : params.indexOf('[', i);
    const close = open < 0 ? -1 : params.indexOf(']', open);
    if (open >= 0 && close > open) body = params.slice(open, close + 1);
  }
  if (body === undefined) return undefined;
  body = body.trim();
  if (body.startsWith('[') && body.endsWith(']')) body = body.slice(1, -1);
  // Split "a","b" into lines; strip the quotes around each.
  return body.split(/"\s*,\s*"/).map((x) => x.trim().replace(/^"|"$/g, '')).join('\n');
}

// Values that shut a fleet down: scaling to zero, zero concurrency.
const ZERO_OPTS = ['--desired-count', '--desired-capacity', '--max-size', '--reserved-concurrent-executions', '--min-capacity'];

export const AWS: ToolTable = defineTable({
  name: 'aws',
  commands: ['aws', 'awslocal', 'aws2'],
  rules: [
    computedRule('aws', 2, { longOptsTakeValues: true, flags: [...FLAGS] }, ['aws s3 $OP s3://acme-logs --recursive', 'aws ec2 "$ACTION" --instance-ids i-1'], ['aws ec2 describe-instances --instance-ids "$ID"']),
    rule('aws.s3-delete', 'destructive', 'delete-objects', 'aws s3 rm / rb / sync --delete removes objects or buckets', (inv) => {
      const c = call(inv);
      if (c.service !== 's3' || inert(c, inv)) return null;
      const target = c.rest.find((r) => r.startsWith('s3://')) ?? c.rest[0] ?? '';
      if (c.op === 'rm') return { target, explanation: `aws s3 rm ${target}${c.flags.has('--recursive') ? ' --recursive: deletes every object under the prefix' : ': deletes the object'}` };
      if (c.op === 'rb') return { target, explanation: `aws s3 rb ${target}: removes the bucket${c.flags.has('--force') ? ' and every object in it' : ''}` };
      if ((c.op === 'sync' || c.op === 'mv') && c.flags.has('--delete')) return { target: c.rest[1] ?? target, explanation: `aws s3 ${c.op} --delete: deletes files at the destination that the source lacks` };
      return null;
    }, { match: ['aws s3 rm s3://acme-logs/2023/ --recursive', 'aws s3 rb s3://acme-scratch --force', 'aws s3 sync ./site s3://acme-www --delete'], no_match: ['aws s3 rm s3://acme-logs/old.txt --dryrun', 'aws s3 sync ./site s3://acme-www'] }),
    rule('aws.delete-op', 'destructive', 'delete-resource', 'an operation whose verb deletes, terminates, stops or revokes', (inv) => {
      const c = call(inv);
      if (c.service === 's3' || c.op === '' || inert(c, inv) || opVerb(c.op) !== 'destroy') return null;
      const extra = c.service === 'rds' && c.op.startsWith('delete-db') && c.flags.has('--skip-final-snapshot') ? ' with no final snapshot' : '';
      return { target: `${c.service} ${c.op}`, explanation: `aws ${c.service} ${c.op}${extra}: deletes, stops or revokes what it names; not cheaply undone` };
    }, { match: ['aws ec2 terminate-instances --instance-ids i-0abc', 'aws --region eu-west-1 rds delete-db-instance --db-instance-identifier orders --skip-final-snapshot', 'aws ecr batch-delete-image --repository-name web --image-ids imageTag=v1', 'aws kms schedule-key-deletion --key-id 1234abcd', 'aws ec2 stop-instances --instance-ids i-0abc'], no_match: ['aws ec2 describe-instances', 'aws kms cancel-key-deletion --key-id 1234abcd', 'aws ec2 terminate-instances --instance-ids i-0abc --dry-run', 'aws rds remove-tags-from-resource --resource-name arn:x --tag-keys team'] }),
    rule('aws.secret-overwrite', 'destructive', 'overwrite-secret', 'replaces a secret or parameter value, or disables a key, that running services depend on', (inv) => {
      const c = call(inv);
      if (inert(c, inv)) return null;
      if (c.service === 'secretsmanager' && c.op === 'put-secret-value') return { target: c.opts.get('--secret-id') ?? '', explanation: 'aws secretsmanager put-secret-value: replaces the current secret value that services read' };
      if (c.service === 'secretsmanager' && c.op === 'update-secret' && ['--secret-string', '--secret-binary', '--kms-key-id'].some((o) => c.opts.has(o))) return { target: c.opts.get('--secret-id') ?? '', explanation: 'aws secretsmanager update-secret: replaces the secret value or its encryption key' };
      if (c.service === 'ssm' && c.op === 'put-parameter' && c.flags.has('--overwrite')) return { target: c.opts.get('--name') ?? '', explanation: 'aws ssm put-parameter --overwrite: replaces a parameter value that services read' };
      if (c.service === 'kms' && c.op === 'disable-key') return { target: c.opts.get('--key-id') ?? '', explanation: 'aws kms disable-key: data encrypted under the key cannot be read until it is re-enabled' };
      if (c.service === 'iam' && c.op === 'update-access-key' && /^inactive$/i.test(c.opts.get('--status') ?? '')) return { explanation: 'aws iam update-access-key --status Inactive: whatever uses the key stops working' };
      return null;
    }, { match: ['aws secretsmanager put-secret-value --secret-id prod/db --secret-string s3cr3t', 'aws ssm put-parameter --name /prod/api-url --value https://x --overwrite', 'aws kms disable-key --key-id 1234abcd'], no_match: ['aws secretsmanager get-secret-value --secret-id prod/db', 'aws ssm put-parameter --name /dev/new --value 1 --type String'] }),
    rule('aws.scale-to-zero', 'destructive', 'stop-service', 'sets a service, group or function to zero capacity', (inv) => {
      const c = call(inv);
      if (inert(c, inv)) return null;
      const zero = ZERO_OPTS.find((o) => c.opts.get(o) === '0') ?? (/\bdesiredSize=0\b/.test(c.opts.get('--scaling-config') ?? '') ? '--scaling-config' : undefined);
      return zero === undefined ? null : { explanation: `aws ${c.service} ${c.op} ${zero} 0: takes every instance of the service out` };
    }, { match: ['aws ecs update-service --cluster prod --service api --desired-count 0', 'aws autoscaling set-desired-capacity --auto-scaling-group-name web --desired-capacity 0'], no_match: ['aws ecs update-service --cluster prod --service api --desired-count 3'] }),
    rule('aws.cache-purge', 'destructive', 'cache-purge', 'invalidates the CDN cache; every request goes to the origin until it refills', (inv) => {
      const c = call(inv);
      return c.service === 'cloudfront' && c.op === 'create-invalidation' && !inert(c, inv);
    }, { match: ["aws cloudfront create-invalidation --distribution-id E2QX --paths '/*'"], no_match: ['aws cloudfront list-invalidations --distribution-id E2QX'] }),
    rule('aws.dns-delete', 'destructive', 'delete-dns', 'a Route 53 change batch that deletes records', (inv) => {
      const c = call(inv);
      if (c.service !== 'route53' || c.op !== 'change-resource-record-sets' || inert(c, inv)) return null;
      const batch = c.opts.get('--change-batch') ?? '';
      if (batch.startsWith('file://') || batch === '') return { risk: 'unknown', effect: 'change-dns', explanation: 'aws route53 change-resource-record-sets: the change batch is in a file the classifier cannot see' };
      return /"?Action"?\s*[:=]\s*"?DELETE/i.test(batch) ? { explanation: 'aws route53 change-resource-record-sets: the batch deletes DNS records' } : null;
    }, { match: ['aws route53 change-resource-record-sets --hosted-zone-id Z9 --change-batch \'{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"a.example.org"}}]}\'', 'aws route53 change-resource-record-sets --hosted-zone-id Z9 --change-batch file://batch.json'], no_match: ['aws route53 change-resource-record-sets --hosted-zone-id Z9 --change-batch \'{"Changes":[{"Action":"UPSERT"}]}\''] }),
    rule('aws.remote-command', 'unknown', 'run-remote', 'runs a command on instances or containers', (inv, ctx) => {
      const c = call(inv);
      if (inert(c, inv)) return null;
      let script: string | undefined;
      if (c.service === 'ecs' && c.op === 'execute-command') script = c.opts.get('--command');
      else if (c.service === 'ssm' && c.op === 'send-command') {
        // Only AWS-RunShellScript carries a shell script; other documents run what the classifier cannot read.
        const doc = c.opts.get('--document-name') ?? '';
        if (!/^AWS-RunShellScript$/i.test(doc)) return { explanation: `aws ssm send-command runs document ${doc || '(none given)'}, whose steps are not visible` };
        const params = (c.opts.get('--parameters') ?? '').trim();
        if (params.length > 65_536) return { explanation: 'aws ssm send-command: the parameters are too large to read' };
        script = ssmCommands(params);
        if (script === undefined) return { explanation: 'aws ssm send-command: the commands it runs are not visible' };
      } else return null;
      if (script === undefined || script === '') return { explanation: `aws ${c.service} ${c.op}: the command it runs is not visible` };
      const r = ctx.shell(script);
      return { risk: r.risk, effect: 'run-remote', explanation: `aws ${c.service} ${c.op} runs: ${r.summary}` };
    }, { match: ['aws ecs execute-command --cluster prod --task 9f --interactive --command "ls /app"', 'aws ssm send-command --document-name AWS-RunShellScript --targets Key=tag:role,Values=web --parameters file://cmds.json', 'aws ssm send-command --document-name AWS-RunPowerShellScript --instance-ids i-1 --parameters commands=dir'], no_match: ['aws ssm list-commands'] }),
    rule('aws.sql', 'unknown', 'run-sql', 'runs SQL through the Data API', (inv, ctx) => {
      const c = call(inv);
      if (!['rds-data', 'redshift-data'].includes(c.service) || !['execute-statement', 'batch-execute-statement'].includes(c.op) || inert(c, inv)) return null;
      const sql = c.opts.get('--sql');
      if (sql === undefined) return { explanation: `aws ${c.service} ${c.op}: the SQL is not visible` };
      const r = ctx.sql(sql, 'postgresql');
      return { risk: r.risk, explanation: `aws ${c.service} ${c.op}: ${r.summary}` };
    }, { match: ['aws rds-data execute-statement --resource-arn arn:db --secret-arn arn:s --sql "SELECT 1"'], no_match: ['aws rds-data begin-transaction --resource-arn arn:db --secret-arn arn:s'] }),
    rule('aws.partiql', 'readonly', 'run-partiql', 'a DynamoDB PartiQL statement, judged like SQL', (inv, ctx) => {
      const c = call(inv);
      if (c.service !== 'dynamodb' || c.op !== 'execute-statement' || inert(c, inv)) return null;
      const st = (c.opts.get('--statement') ?? '').trim();
      // PartiQL's DML reads as SQL: a DELETE with a WHERE is a filtered change, without one it empties the table.
      const r = ctx.sql(st, 'postgresql');
      if (r.risk !== 'unknown') return { risk: r.risk, effect: 'run-partiql', explanation: `aws dynamodb execute-statement: ${r.summary}` };
      if (/^delete\b/i.test(st)) return { risk: 'destructive', effect: 'delete-items', explanation: 'aws dynamodb execute-statement: a PartiQL DELETE removes items' };
      if (/^select\b/i.test(st)) return { explanation: 'aws dynamodb execute-statement: a PartiQL SELECT only reads' };
      return { risk: 'mutating', effect: 'write-items', explanation: 'aws dynamodb execute-statement: writes items' };
    }, { match: ['aws dynamodb execute-statement --statement "SELECT * FROM orders WHERE pk=\'a\'"', 'aws dynamodb execute-statement --statement "DELETE FROM orders WHERE pk=\'a\'"'], no_match: ['aws dynamodb scan --table-name orders'] }),
    rule('aws.read', 'readonly', 'read', 'an operation that only reads (describe, list, get, ...), a dry run or help', (inv) => {
      const c = call(inv);
      if (inert(c, inv)) return { explanation: `aws ${c.service} ${c.op}: a dry run or help; nothing changes` };
      if (c.service === 's3') return S3_READ.has(c.op);
      if (c.service === 'configure') return ['list', 'get', 'list-profiles', 'export-credentials'].includes(c.op);
      return c.op !== '' && opVerb(c.op) === 'read' && !(c.service === 'dynamodb' && c.op === 'execute-statement');
    }, { match: ['aws s3 ls s3://acme-logs', 'aws ec2 describe-instances --filters Name=tag:env,Values=prod', 'aws secretsmanager get-secret-value --secret-id prod/db', 'aws sts get-caller-identity'], no_match: ['aws s3 cp build.zip s3://acme-artifacts/', 'aws ec2 run-instances --image-id ami-1 --count 1'] }),
  ],
  // Anything else (create-*, put-*, update-*, s3 cp/mb/sync, ...) is a routine change; a bare
  // `aws` prints usage.
  fallback: (inv) => (inv.args.length === 0 ? 'readonly' : 'mutating'),
});
