// The Kubernetes ecosystem around kubectl: Argo CD, Flux, Istio, Skaffold, Tilt, and local
// clusters (kind, minikube, k3d). Deleting an Argo CD app with its cascade, pruning on sync, or
// uninstalling a mesh removes what runs in the cluster.
import { carried, subInvocation } from './table.js';
import { rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { ToolTable } from './types.js';

export const ARGOCD: ToolTable = verbTable({
  name: 'argocd',
  commands: ['argocd'],
  valued: ['--server', '--auth-token', '-o', '--output', '--project', '-p', '--parameter', '--revision', '--resource', '--kind', '--group', '--namespace', '-l', '--selector', '--dest-server', '--dest-namespace', '--repo', '--path', '--name', '--grpc-web-root-path', '--local'],
  destroy: [...DELETE_WORDS, 'terminate-op', 'delete-resource'],
  read: [...READ_WORDS, 'diff', 'history', 'manifests', 'resources', 'wait', 'context'],
  change: ['create', 'set', 'unset', 'sync', 'rollback', 'patch', 'patch-resource', 'edit', 'login', 'logout', 'add', 'update', 'actions', 'refresh', 'restart'],
  extra: [
    rule('argocd.sync-prune', 'destructive', 'delete-resource', 'argocd app sync --prune deletes live resources that git no longer lists', (inv) =>
      inv.args.includes('sync') && inv.args.includes('--prune') && !inv.args.includes('--dry-run') && !inv.args.includes('--preview-changes'),
    { match: ['argocd app sync shop --prune'], no_match: ['argocd app sync shop', 'argocd app sync shop --prune --dry-run'] }),
  ],
  examples: {
    destroy: { match: ['argocd app delete shop --cascade', 'argocd cluster rm https://prod.example.org', 'argocd proj delete payments'], no_match: ['argocd app sync shop', 'argocd app list'] },
    read: { match: ['argocd app list', 'argocd app diff shop', 'argocd app get shop --refresh'], no_match: ['argocd repo rm https://git.example.org/acme/deploy.git', 'argocd app rollback shop 12'] },
  },
});

export const FLUX: ToolTable = verbTable({
  name: 'flux',
  commands: ['flux'],
  valued: ['-n', '--namespace', '--context', '--kubeconfig', '--source', '--path', '--interval', '--url', '--branch', '--export', '--timeout'],
  destroy: [...DELETE_WORDS, 'uninstall'],
  read: [...READ_WORDS, 'diff', 'export', 'events', 'tree', 'trace', 'stats', 'check'],
  change: ['create', 'reconcile', 'suspend', 'resume', 'bootstrap', 'install', 'push', 'pull', 'tag', 'build'],
  examples: {
    destroy: { match: ['flux delete kustomization apps --silent', 'flux uninstall --namespace flux-system'], no_match: ['flux suspend kustomization apps', 'flux get kustomizations'] },
    read: { match: ['flux get kustomizations -A', 'flux logs --level=error', 'flux check'], no_match: ['flux delete source git apps', 'flux reconcile kustomization apps'] },
  },
});

export const ISTIOCTL: ToolTable = verbTable({
  name: 'istioctl',
  commands: ['istioctl', 'cilium'],
  valued: ['-n', '--namespace', '--context', '-f', '--filename', '--set', '-r', '--revision', '-o', '--output', '-i', '--istioNamespace'],
  destroy: [...DELETE_WORDS, 'uninstall'],
  read: [...READ_WORDS, 'analyze', 'proxy-status', 'proxy-config', 'ps', 'pc', 'dashboard', 'viz', 'precheck', 'bug-report', 'connectivity', 'hubble'],
  change: ['install', 'upgrade', 'manifest', 'kube-inject', 'inject', 'tag', 'enable', 'disable', 'apply'],
  examples: {
    destroy: { match: ['istioctl uninstall --purge -y', 'cilium uninstall'], no_match: ['istioctl install --set profile=demo -y', 'istioctl analyze -n shop'] },
    read: { match: ['istioctl analyze -n shop', 'istioctl proxy-status', 'cilium status'], no_match: ['istioctl install -y', 'istioctl x uninstall --purge'] },
  },
});

// `linkerd uninstall` only prints manifests; `| kubectl delete -f -` is what deletes, and kubectl's
// table judges that.
export const LINKERD: ToolTable = verbTable({
  name: 'linkerd',
  commands: ['linkerd'],
  valued: ['-n', '--namespace', '--context', '-o', '--output', '--set', '-f', '--values'],
  destroy: [],
  read: [...READ_WORDS, 'check', 'uninstall', 'viz', 'diagnostics', 'authz', 'identity', 'profile', 'routes', 'stat', 'edges', 'tap', 'top'],
  change: ['install', 'upgrade', 'inject', 'uninject', 'prune'],
  examples: {
    destroy: { match: [], no_match: [] },
    read: { match: ['linkerd check --pre', 'linkerd uninstall'], no_match: ['linkerd install --crds'] },
  },
});

export const SKAFFOLD: ToolTable = verbTable({
  name: 'skaffold',
  commands: ['skaffold', 'tilt', 'devspace', 'garden'],
  valued: ['-f', '--filename', '-p', '--profile', '-n', '--namespace', '--kube-context', '--default-repo', '-t', '--tag', '-m', '--module'],
  // skaffold delete / tilt down / devspace purge remove what they deployed, wherever that was.
  destroy: [...DELETE_WORDS, 'down', 'cleanup'],
  read: [...READ_WORDS, 'render', 'diagnose', 'inspect', 'fix', 'schema', 'survey', 'get', 'describe', 'args', 'validate'],
  change: ['run', 'dev', 'deploy', 'build', 'apply', 'up', 'ci', 'init', 'debug', 'sync', 'trigger', 'enable', 'disable', 'use', 'set'],
  examples: {
    destroy: { match: ['skaffold delete -p prod', 'tilt down', 'devspace purge'], no_match: ['skaffold run -p prod', 'skaffold render'] },
    read: { match: ['skaffold render -p prod', 'skaffold diagnose', 'tilt get uiresources'], no_match: ['skaffold delete', 'tilt up'] },
  },
});

// Local clusters are cheaply recreated: deleting one is a routine change, not a loss.
export const LOCAL_CLUSTERS: ToolTable = verbTable({
  name: 'local-cluster',
  commands: ['kind', 'minikube', 'k3d', 'microk8s'],
  valued: ['--name', '-n', '-p', '--profile', '--config', '--image', '--driver'],
  destroy: [],
  read: [...READ_WORDS, 'get', 'status', 'ip', 'profile', 'dashboard', 'service', 'export'],
  change: ['create', 'delete', 'start', 'stop', 'pause', 'unpause', 'load', 'addons', 'tunnel', 'mount', 'ssh', 'cp', 'reset', 'kubectl', 'helm'],
  extra: [
    // `minikube kubectl -- delete ns prod` is kubectl against the cluster: kubectl's table decides.
    rule('local-cluster.kubectl', 'unknown', 'run-command', 'runs kubectl or helm against the cluster; that tool decides', (inv, ctx) => {
      const i = inv.args.findIndex((a) => a === 'kubectl' || a === 'helm');
      if (i < 0) return null;
      const rest = inv.args.slice(i + 1);
      const sub = subInvocation(inv, [inv.args[i] ?? 'kubectl', ...(rest[0] === '--' ? rest.slice(1) : rest)]);
      return sub === null ? null : carried(ctx.invocation(sub), `${inv.name} ${inv.args[i]}`);
    }, { match: ['minikube kubectl -- delete namespace shop', 'microk8s kubectl get pods'], no_match: ['minikube status'] }),
  ],
  examples: {
    destroy: { match: [], no_match: [] },
    read: { match: ['kind get clusters', 'minikube status', 'k3d cluster list'], no_match: ['kind delete cluster --name dev', 'minikube start --driver=docker'] },
  },
});

// Node-level container runtimes under Kubernetes. Stopping or force-removing a container or pod
// takes it out like `docker stop` / `docker rm -f`; removing an image is routine (it is pulled again).
export const CRICTL: ToolTable = verbTable({
  name: 'crictl',
  commands: ['crictl', 'ctr'],
  valued: ['-r', '--runtime-endpoint', '-i', '--image-endpoint', '-n', '--namespace', '--address', '-a', '--timeout', '-t', '--name', '--label'],
  depth: 2,
  destroy: ['stop', 'stopp', 'rmp', 'kill', 'delete', 'del'],
  read: [...READ_WORDS, 'inspecti', 'inspectp', 'stats', 'statsp', 'imagefsinfo', 'metricdescs', 'ls'],
  // Nouns that list when alone (`crictl images`) but not in `ctr images rm`.
  bare: ['ps', 'pods', 'images', 'img'],
  change: ['rmi', 'pull', 'create', 'start', 'run', 'runp', 'exec', 'attach', 'update', 'port-forward', 'checkpoint', 'import', 'export', 'tag', 'push', 'mount', 'unmount'],
  extra: [
    rule('crictl.rm-force', 'destructive', 'stop-service', 'crictl rm --force kills running containers and deletes them', (inv) =>
      inv.args.includes('rm') && inv.args.some((a) => a === '-f' || a === '--force' || a === '-a' || a === '--all'),
    { match: ['crictl rm -f 4f2a', 'crictl rm --all'], no_match: ['crictl rm 4f2a', 'crictl ps -a'] }),
  ],
  examples: {
    destroy: { match: ['crictl stop 4f2a', 'crictl rmp -f 9c1d', 'ctr -n k8s.io tasks kill web', 'ctr -n k8s.io containers delete web'], no_match: ['crictl rmi nginx:1.25', 'crictl ps'] },
    read: { match: ['crictl ps -a', 'crictl logs 4f2a', 'ctr -n k8s.io images ls'], no_match: ['crictl stopp 9c1d', 'crictl pull nginx:1.25'] },
  },
});

// Workflow engines on Kubernetes: Argo Workflows (argo) and Tekton (tkn).
export const ARGO_WORKFLOWS: ToolTable = verbTable({
  name: 'argo',
  commands: ['argo', 'tkn'],
  valued: ['-n', '--namespace', '-o', '--output', '-l', '--selector', '-p', '--parameter', '--serviceaccount', '--context', '--kubeconfig', '--from', '-f', '--filename'],
  destroy: [...DELETE_WORDS, 'terminate', 'stop', 'cancel'],
  read: [...READ_WORDS, 'lint', 'wait', 'watch', 'describe'],
  change: ['submit', 'resubmit', 'retry', 'resume', 'suspend', 'start', 'create', 'cron', 'template', 'archive', 'cp', 'node'],
  examples: {
    destroy: { match: ['argo delete --all -n ci', 'argo terminate nightly-7x2', 'tkn pipelinerun delete --all -n ci -f'], no_match: ['argo submit wf.yaml -n ci', 'tkn pipelinerun list -n ci'] },
    read: { match: ['argo list -n ci', 'argo logs nightly-7x2', 'tkn pipelinerun logs build-1 -f'], no_match: ['argo stop nightly-7x2', 'tkn pipeline start build'] },
  },
});

export const K8S_TOOL_TABLES: ToolTable[] = [ARGOCD, FLUX, ISTIOCTL, LINKERD, SKAFFOLD, LOCAL_CLUSTERS, CRICTL, ARGO_WORKFLOWS];
