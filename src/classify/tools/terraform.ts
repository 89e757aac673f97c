// Terraform, OpenTofu and Terragrunt. The command alone cannot show what a plan holds, so:
// - destroy, apply -destroy, apply -replace, taint, state rm/push, workspace delete and
//   force-unlock are destructive;
// - apply -auto-approve is destructive: it applies whatever the plan holds with the confirmation
//   removed (DESIGN.md), as is Terragrunt's --non-interactive;
// - apply of a saved plan file is unknown: it runs without asking, and its changes are in a file
//   the command line does not show; classify `terraform show -json PLAN` as a terraform-plan
//   action to see them;
// - a plain interactive `apply` is mutating: it shows the plan and waits for a human "yes";
// - plan, validate, show, output, state list/show and `fmt -check` only read (`fmt` rewrites files).
import { parseArgs, has, type ParsedArgs } from './argv.js';
import { defineTable } from './table.js';
import { computedRule, rule } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

const VALUED = ['-var', '-var-file', '-target', '-replace', '-out', '-state', '-state-out', '-backup', '-lock-timeout', '-parallelism', '-chdir', '-backend-config', '-generate-config-out', '-from-module', '-plugin-dir', '-exclude',
  '--terragrunt-working-dir', '--working-dir', '--terragrunt-config', '--config', '--terragrunt-source', '--source', '--queue-include-dir', '--queue-exclude-dir', '--terragrunt-include-dir', '--terragrunt-exclude-dir', '--terragrunt-iam-role', '--iam-assume-role', '--terragrunt-log-level', '--log-level', '--terragrunt-parallelism', '--parallelism'];

type Tf = { p: ParsedArgs; sub: string; rest: string[]; has(flag: string): boolean };

// Every rule reads the same parse; do it once per invocation.
const PARSED = new WeakMap<Invocation, Tf>();
export function parseTf(inv: Invocation): Tf {
  let t = PARSED.get(inv);
  if (t === undefined) PARSED.set(inv, (t = parse(inv)));
  return t;
}

function parse(inv: Invocation): Tf {
  // Go's flag package takes -flag and --flag alike; fold "--auto-approve" into "-auto-approve".
  const args = inv.args.map((a) => (/^--(auto-approve|destroy|replace|refresh-only|force|help|check|input|lock|chdir|target|var|var-file|out|backup|state|help)\b/.test(a) ? a.slice(1) : a));
  // `terragrunt run --all -- apply -auto-approve`: what follows "--" is terraform's own command line.
  const dd = args.indexOf('--');
  const p = parseArgs(dd < 0 ? args : [...args.slice(0, dd), ...args.slice(dd + 1)], { valued: VALUED, noClusters: true });
  let pos = [...p.pos];
  // terragrunt run-all apply / run --all -- apply / run -- apply
  if (pos[0] === 'run-all' || pos[0] === 'run') pos = pos.slice(1);
  const flags = new Set(p.opts.keys());
  return { p, sub: pos[0] ?? '', rest: pos.slice(1), has: (f) => flags.has(f) };
}

const help = (t: Tf) => t.has('-help') || t.has('-h') || t.has('--help') || t.sub === 'help' || t.sub === '-help';
// `-auto-approve=false` keeps the prompt.
const on = (t: Tf, flag: string) => t.has(flag) && !/^(false|0)$/i.test(t.p.opts.get(flag)?.at(-1) ?? '');
const noPrompt = (t: Tf) => on(t, '-auto-approve') || on(t, '--terragrunt-non-interactive') || on(t, '--non-interactive');
const answersYes = (inv: Invocation) => inv.stdin !== undefined && /^\s*y(es)?\s*$/im.test(inv.stdin);

export const TERRAFORM: ToolTable = defineTable({
  name: 'terraform',
  commands: ['terraform', 'tofu', 'opentofu', 'terragrunt', 'tf'],
  rules: [
    computedRule('terraform', 1, { valued: VALUED }, ['terraform $CMD -auto-approve', 'tofu "$STEP"'], ['terraform apply -var "env=$ENV"']),
    rule('terraform.destroy', 'destructive', 'destroy-infra', 'destroys the managed infrastructure', (inv) => {
      const t = parseTf(inv);
      if (help(t)) return null;
      if (t.sub === 'destroy' || (t.sub === 'apply' && t.has('-destroy'))) {
        const target = t.p.opts.get('-target')?.join(', ');
        return { ...(target ? { target } : {}), explanation: `${inv.name} ${t.sub}${t.sub === 'apply' ? ' -destroy' : ''}: destroys ${target ? `the targeted resources (${target})` : 'every resource in the configuration'}` };
      }
      return null;
    }, { match: ['terraform destroy', 'tofu destroy -target=aws_instance.web', 'terraform apply -destroy -auto-approve', 'terragrunt run-all destroy'], no_match: ['terraform plan -destroy', 'terraform destroy -help'] }),
    rule('terraform.no-confirm', 'destructive', 'apply-unreviewed', 'applies whatever the plan holds with the confirmation removed', (inv) => {
      const t = parseTf(inv);
      if (help(t) || t.sub !== 'apply' || t.has('-refresh-only')) return null;
      if (noPrompt(t)) return { explanation: `${inv.name} apply ${on(t, '-auto-approve') ? '-auto-approve' : '--non-interactive'}: applies every change in the plan, deletes and replacements included, without a human confirming` };
      if (answersYes(inv)) return { explanation: `${inv.name} apply: the script answers "yes" for the human, so nobody reviews the plan` };
      return null;
    }, { match: ['terraform apply -auto-approve', 'tofu apply --auto-approve -var env=prod', 'terragrunt run-all apply --terragrunt-non-interactive', 'terragrunt run --all -- apply -auto-approve'], no_match: ['terraform apply', 'terraform apply -refresh-only -auto-approve', 'terraform apply -auto-approve=false'] }),
    rule('terraform.replace', 'destructive', 'replace-resource', 'forces resources to be destroyed and recreated', (inv) => {
      const t = parseTf(inv);
      if (help(t)) return null;
      if (t.sub === 'apply' && t.has('-replace')) return { target: t.p.opts.get('-replace')?.join(', ') ?? '', explanation: `${inv.name} apply -replace: destroys and recreates ${t.p.opts.get('-replace')?.join(', ')}` };
      if (t.sub === 'taint') return { target: t.rest[0] ?? '', explanation: `${inv.name} taint ${t.rest[0] ?? ''}: the next apply destroys and recreates it` };
      return null;
    }, { match: ['terraform apply -replace=aws_db_instance.main', 'terraform taint aws_instance.web'], no_match: ['terraform plan -replace=aws_db_instance.main', 'terraform untaint aws_instance.web'] }),
    rule('terraform.state-loss', 'destructive', 'edit-state', 'removes resources from state, overwrites state, deletes a workspace or breaks a lock', (inv) => {
      const t = parseTf(inv);
      if (help(t) || t.has('-dry-run')) return null;
      if (t.sub === 'state' && t.rest[0] === 'rm') return { target: t.rest.slice(1).join(' '), explanation: `${inv.name} state rm: the resources stay running but are no longer managed; the next apply may recreate them` };
      if (t.sub === 'state' && t.rest[0] === 'push') return { explanation: `${inv.name} state push: overwrites the remote state` };
      if (t.sub === 'workspace' && t.rest[0] === 'delete') return { target: t.rest[1] ?? '', explanation: `${inv.name} workspace delete: drops the workspace's state` };
      if (t.sub === 'force-unlock') return { explanation: `${inv.name} force-unlock: removes the lock that keeps two applies from corrupting state` };
      return null;
    }, { match: ['terraform state rm module.db.aws_db_instance.main', 'terraform workspace delete staging', 'terraform force-unlock -force 1f2e', 'terraform state push -force old.tfstate'], no_match: ['terraform state list', 'terraform state mv aws_instance.a aws_instance.b'] }),
    rule('terraform.saved-plan', 'unknown', 'apply-saved-plan', 'applies a saved plan without asking; its changes are not visible on the command line', (inv) => {
      const t = parseTf(inv);
      if (help(t) || t.sub !== 'apply' || t.rest.length === 0 || noPrompt(t)) return null;
      return { target: t.rest[0] ?? '', explanation: `${inv.name} apply ${t.rest[0]}: applies the saved plan without asking; classify \`${inv.name} show -json ${t.rest[0]}\` as a terraform-plan action to see its deletes and replacements` };
    }, { match: ['terraform apply tfplan', 'terraform -chdir=infra apply prod.plan'], no_match: ['terraform apply', 'terraform plan -out tfplan'] }),
    rule('terraform.read', 'readonly', 'read', 'plans, validates, shows or lists; nothing changes', (inv) => {
      const t = parseTf(inv);
      if (help(t) || t.sub === 'version' || t.has('-version') || t.has('--version')) return true;
      if (['plan', 'validate', 'show', 'output', 'graph', 'console', 'providers', 'modules', 'metadata', 'render-json', 'output-all', 'graph-dependencies', 'validate-inputs', 'info', 'find', 'list', 'hclvalidate'].includes(t.sub)) {
        return !(t.sub === 'providers' && ['lock', 'mirror'].includes(t.rest[0] ?? ''));
      }
      if (t.sub === 'state') return ['list', 'show', 'pull'].includes(t.rest[0] ?? '');
      if (t.sub === 'workspace') return ['list', 'show'].includes(t.rest[0] ?? '');
      if (t.sub === 'fmt' || t.sub === 'hclfmt') return t.has('-check') || t.has('--check') || t.has('--terragrunt-check');
      return false;
    }, { match: ['terraform plan -out=tfplan', 'terraform validate', 'tofu state list', 'terraform fmt -check -recursive'], no_match: ['terraform fmt', 'terraform init -upgrade'] }),
  ],
  // init, fmt, import, refresh, untaint, state mv, workspace new/select and interactive apply.
  fallback: (inv) => (inv.args.length === 0 ? 'readonly' : 'mutating'),
});
