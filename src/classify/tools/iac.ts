// Infrastructure as code besides Terraform: Pulumi, AWS CDK / CDKTF and AWS SAM. Like Terraform,
// removing the confirmation (`--yes`, `--require-approval never`, `--auto-approve`) makes an
// update destructive: it applies deletes and replacements nobody reviewed (DESIGN.md).
import { parseArgs, has, val } from './argv.js';
import { computedRule, helpTable, rule } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

const PULUMI_VALUED = ['-s', '--stack', '-C', '--cwd', '-t', '--target', '--replace', '--target-replace', '-m', '--message', '--config-file', '-c', '--config', '-p', '--parallel', '--exclude', '--secrets-provider', '--policy-pack', '--color', '-v', '--verbose', '--exec-kind', '--suppress-permalink'];
const pulumi = (inv: Invocation) => {
  const p = parseArgs(inv.args, { valued: PULUMI_VALUED });
  return { p, sub: p.pos[0] ?? '', rest: p.pos.slice(1) };
};

export const PULUMI: ToolTable = helpTable({
  name: 'pulumi',
  commands: ['pulumi'],
  rules: [
    computedRule('pulumi', 1, { valued: PULUMI_VALUED }, ['pulumi $CMD --yes'], ['pulumi up -s "$STACK"']),
    rule('pulumi.destroy', 'destructive', 'destroy-infra', 'destroys a stack\'s resources, removes a stack or deletes state', (inv) => {
      const { p, sub, rest } = pulumi(inv);
      if (has(p, '--preview-only')) return null;
      if (['destroy', 'down', 'dn'].includes(sub)) return { explanation: `pulumi ${sub}: destroys every resource in the stack` };
      if (sub === 'stack' && ['rm', 'remove'].includes(rest[0] ?? '')) return { target: rest[1] ?? '', explanation: 'pulumi stack rm: removes the stack and its state history' };
      if (sub === 'state' && ['delete', 'rm'].includes(rest[0] ?? '')) return { target: rest[1] ?? '', explanation: 'pulumi state delete: drops the resource from state; Pulumi no longer manages it' };
      return null;
    }, { match: ['pulumi destroy --yes -s prod', 'pulumi stack rm acme/web/dev', 'pulumi state delete urn:pulumi:prod::web::aws:s3/bucket:Bucket::logs'], no_match: ['pulumi destroy --preview-only', 'pulumi stack ls'] }),
    rule('pulumi.no-confirm', 'destructive', 'apply-unreviewed', 'pulumi up --yes, or --replace, applies changes nobody reviewed', (inv) => {
      const { p, sub } = pulumi(inv);
      if (!['up', 'update'].includes(sub)) return null;
      if (has(p, '--replace', '--target-replace')) return { effect: 'replace-resource', explanation: `pulumi ${sub} --replace: destroys and recreates ${val(p, '--replace', '--target-replace')}` };
      if (has(p, '--yes', '-y')) return { explanation: `pulumi ${sub} --yes: applies every change, deletes and replacements included, without a human confirming` };
      return null;
    }, { match: ['pulumi up --yes -s prod', 'pulumi up --replace urn:pulumi:prod::web::aws:rds/instance:Instance::db'], no_match: ['pulumi up -s prod', 'pulumi preview -s prod'] }),
    rule('pulumi.read', 'readonly', 'read', 'previews, lists or shows', (inv) => {
      const { p, sub, rest } = pulumi(inv);
      if (['preview', 'pre', 'whoami', 'version', 'about', 'logs', 'help'].includes(sub) || has(p, '--preview-only')) return true;
      if (sub === 'stack') return rest.length === 0 || ['ls', 'output', 'export', 'history', 'graph', 'tag'].includes(rest[0] ?? '') && !(rest[0] === 'tag' && rest[1] !== 'ls');
      if (sub === 'config') return rest.length === 0 || rest[0] === 'get';
      if (sub === 'plugin') return rest[0] === 'ls';
      return false;
    }, { match: ['pulumi preview --diff -s prod', 'pulumi stack output dbHost', 'pulumi config get region'], no_match: ['pulumi config set region us-east-1', 'pulumi refresh --yes'] }),
  ],
  // up (interactive), refresh, import, config set, stack init/select, cancel.
  fallback: 'mutating',
});

const CDK_VALUED = ['--require-approval', '-a', '--app', '-c', '--context', '--profile', '-o', '--output', '--exclusively', '-e', '--toolkit-stack-name', '--role-arn', '--parameters', '--outputs-file', '--concurrency', '--method', '--change-set-name', '--progress'];
const cdk = (inv: Invocation) => {
  const p = parseArgs(inv.args, { valued: CDK_VALUED });
  return { p, sub: p.pos[0] ?? '' };
};

export const CDK: ToolTable = helpTable({
  name: 'cdk',
  commands: ['cdk', 'cdktf'],
  rules: [
    computedRule('cdk', 1, { valued: CDK_VALUED }, ['cdk $CMD --all'], ['cdk deploy "$STACK"']),
    rule('cdk.destroy', 'destructive', 'destroy-infra', 'cdk destroy deletes the stacks and their resources', (inv) => {
      const { sub } = cdk(inv);
      return sub === 'destroy' ? { explanation: `${inv.name} destroy: deletes the stacks and the resources they own` } : null;
    }, { match: ['cdk destroy ApiStack --force', 'cdktf destroy'], no_match: ['cdk diff ApiStack'] }),
    rule('cdk.no-confirm', 'destructive', 'apply-unreviewed', 'deploys with the approval step removed', (inv) => {
      const { p, sub } = cdk(inv);
      if (sub !== 'deploy' && sub !== 'apply') return null;
      if (val(p, '--require-approval') === 'never') return { explanation: `${inv.name} deploy --require-approval never: deploys security and replacement changes without a human confirming` };
      if (inv.name === 'cdktf' && has(p, '--auto-approve')) return { explanation: 'cdktf deploy --auto-approve: applies every change without a human confirming' };
      return null;
    }, { match: ['cdk deploy --all --require-approval never', 'cdktf deploy --auto-approve'], no_match: ['cdk deploy ApiStack', 'cdk deploy --require-approval broadening'] }),
    rule('cdk.read', 'readonly', 'read', 'synthesises, diffs or lists; nothing is deployed', (inv) =>
      ['synth', 'synthesize', 'diff', 'ls', 'list', 'doctor', 'docs', 'metadata', 'notices', 'acknowledge', 'context', 'version', 'output', 'get'].includes(cdk(inv).sub),
    { match: ['cdk synth ApiStack', 'cdk diff --all', 'cdktf synth'], no_match: ['cdk bootstrap aws://123456789012/us-east-1', 'cdk deploy ApiStack'] }),
  ],
  // deploy (with its approval prompt), bootstrap, watch, import, init.
  fallback: 'mutating',
});

export const SAM: ToolTable = helpTable({
  name: 'sam',
  commands: ['sam'],
  rules: [
    rule('sam.delete', 'destructive', 'destroy-infra', 'sam delete removes the stack and its resources', (inv) => inv.args[0] === 'delete',
      { match: ['sam delete --stack-name orders-api --no-prompts'], no_match: ['sam deploy --stack-name orders-api'] }),
    rule('sam.read', 'readonly', 'read', 'validates, lists or reads logs', (inv) =>
      ['validate', 'logs', 'list', 'traces', '--version'].includes(inv.args[0] ?? '') || (inv.args[0] === 'deploy' && inv.args.includes('--no-execute-changeset')),
    { match: ['sam validate --lint', 'sam logs -n OrdersFn --tail', 'sam deploy --no-execute-changeset'], no_match: ['sam deploy --guided', 'sam sync --watch'] }),
  ],
  fallback: 'mutating',
});

export const IAC_TABLES: ToolTable[] = [PULUMI, CDK, SAM];
