// Helm and helmfile. Uninstalling a release deletes every resource it created; --force upgrades
// delete and recreate resources that cannot be patched.
import { parseArgs, has } from './argv.js';
import { computedRule, helpTable, hasDryRun, rule, verbTable, READ_WORDS } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

const VALUED = ['-n', '--namespace', '--kube-context', '--kubeconfig', '-f', '--values', '--set', '--set-string', '--set-file', '--set-json', '--version', '--repo', '-o', '--output', '--timeout', '--description', '--post-renderer', '--registry-config', '--repository-config', '--repository-cache', '--history-max', '--max', '--username', '--password', '--ca-file', '--cert-file', '--key-file', '--kube-apiserver', '--kube-token', '--kube-as-user', '--revision', '-l', '--selector', '--cascade'];
const helm = (inv: Invocation) => {
  const p = parseArgs(inv.args, { valued: VALUED });
  return { p, verb: p.pos[0] ?? '', rest: p.pos.slice(1) };
};
const dry = (inv: Invocation) => hasDryRun(inv.args, ['--dry-run']);
const READ = new Set(['template', 'list', 'ls', 'status', 'get', 'history', 'hist', 'show', 'inspect', 'search', 'lint', 'version', 'env', 'verify', 'help', 'diff', 'completion']);

export const HELM: ToolTable = helpTable({
  name: 'helm',
  commands: ['helm', 'helm3'],
  rules: [
    computedRule('helm', 1, { valued: VALUED }, ['helm $ACTION api -n prod'], ['helm upgrade "$RELEASE" ./chart']),
    rule('helm.uninstall', 'destructive', 'delete-release', 'helm uninstall deletes every resource the release created', (inv) => {
      const h = helm(inv);
      if (!['uninstall', 'delete', 'del', 'un'].includes(h.verb) || dry(inv)) return null;
      return { target: h.rest.join(' '), explanation: `helm ${h.verb} ${h.rest.join(' ')}: deletes every resource the release created (services, deployments, volumes)` };
    }, { match: ['helm uninstall payments -n prod', 'helm delete legacy-api --keep-history'], no_match: ['helm uninstall payments --dry-run', 'helm list -n prod'] }),
    rule('helm.force', 'destructive', 'replace-resource', 'upgrade/rollback --force deletes and recreates resources it cannot patch', (inv) => {
      const h = helm(inv);
      return ['upgrade', 'rollback', 'install'].includes(h.verb) && has(h.p, '--force', '--force-replace') && !dry(inv)
        ? { target: h.rest[0] ?? '', explanation: `helm ${h.verb} --force: replaces resources by deleting and recreating them` } : null;
    }, { match: ['helm upgrade api ./chart --force -n prod', 'helm rollback api 3 --force'], no_match: ['helm upgrade api ./chart -n prod', 'helm rollback api 3'] }),
    rule('helm.read', 'readonly', 'read', 'template, list, status, diff, a dry run or help', (inv) => {
      const h = helm(inv);
      if (dry(inv)) return { effect: 'dry-run', explanation: `helm ${h.verb} --dry-run: nothing is installed` };
      if (READ.has(h.verb)) return true;
      return ['repo', 'dependency', 'dep', 'plugin', 'registry'].includes(h.verb) && ['list', 'ls'].includes(h.rest[0] ?? '');
    }, { match: ['helm template api ./chart -f values-prod.yaml', 'helm status api -n prod', 'helm install api ./chart --dry-run'], no_match: ['helm install api ./chart', 'helm repo add bitnami https://charts.bitnami.com/bitnami'] }),
  ],
  // install, upgrade, rollback, repo add/update, pull, package: routine changes; bare `helm` prints usage.
  fallback: (inv) => (helm(inv).verb === '' ? 'readonly' : 'mutating'),
});

export const HELMFILE: ToolTable = verbTable({
  name: 'helmfile',
  commands: ['helmfile'],
  valued: ['-f', '--file', '-e', '--environment', '-l', '--selector', '-n', '--namespace', '--kube-context', '--state-values-set', '--args'],
  destroy: ['destroy', 'delete'],
  read: [...READ_WORDS, 'template', 'lint', 'build', 'write-values', 'fetch', 'deps', 'repos'],
  change: ['sync', 'apply', 'init', 'cache'],
  examples: {
    destroy: { match: ['helmfile -e prod destroy', 'helmfile delete --selector app=api'], no_match: ['helmfile -e prod apply', 'helmfile diff'] },
    read: { match: ['helmfile -e prod diff', 'helmfile template'], no_match: ['helmfile sync', 'helmfile destroy'] },
  },
});

export const HELM_TABLES: ToolTable[] = [HELM, HELMFILE];
