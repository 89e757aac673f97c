// Kubernetes: kubectl and OpenShift's oc share a grammar (`kubectl [globals] <verb> <kind> [name]`),
// plus kustomize. A command carried by `kubectl exec pod -- cmd` is classified as that command.
import { parseArgs, has, val, type ParsedArgs } from './argv.js';
import { carried, subInvocation } from './table.js';
import { computedRule, helpTable, hasDryRun, rule, verbTable, READ_WORDS } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

const VALUED = [
  '-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token', '-l', '--selector',
  '-o', '--output', '-f', '--filename', '-c', '--container', '--field-selector', '--as', '--as-group', '--request-timeout',
  '-p', '--patch', '--type', '--replicas', '--timeout', '--grace-period', '--image', '--port', '-k', '--kustomize', '--for',
  '--template', '--sort-by', '--since', '--tail', '--max-unavailable', '--current-replicas', '--resource-version',
  '--chunk-size', '--cascade', '--prune-allowlist', '--field-manager', '--overrides', '--env', '-e', '--labels', '--restart',
  '--pod-running-timeout', '--target', '--to-revision', '--revision', '--min', '--max', '--cpu-percent', '--cache-dir',
  '--certificate-authority', '--client-certificate', '--client-key', '--password', '--username', '--profile', '--subresource',
];

type K = { p: ParsedArgs; verb: string; rest: string[] };
// Every kubectl rule reads the same parse; do it once per invocation.
const PARSED = new WeakMap<Invocation, K>();
function kube(inv: Invocation): K {
  let k = PARSED.get(inv);
  if (k === undefined) PARSED.set(inv, (k = parseKube(inv)));
  return k;
}
function parseKube(inv: Invocation): K {
  // Parse only up to "--": what follows is a carried command, not kubectl's.
  const dd = inv.args.indexOf('--');
  const own = dd < 0 ? inv.args : inv.args.slice(0, dd);
  const p = parseArgs(own, { valued: VALUED });
  let pos = p.pos;
  // `oc adm drain node` is `kubectl drain node`.
  if (inv.name === 'oc' && pos[0] === 'adm') pos = pos.slice(1);
  return { p, verb: pos[0] ?? '', rest: pos.slice(1) };
}
/** A boolean flag that is present and not switched off (`--prune=false`). */
const on = (p: ParsedArgs, name: string) => p.opts.has(name) && !/^(false|0)$/i.test(p.opts.get(name)?.at(-1) ?? '');
const dry = (inv: Invocation) => hasDryRun(inv.args.slice(0, inv.args.indexOf('--') < 0 ? undefined : inv.args.indexOf('--')), ['--dry-run']);
const commandAfterDashDash = (inv: Invocation): string[] | null => {
  const dd = inv.args.indexOf('--');
  return dd < 0 ? null : inv.args.slice(dd + 1);
};

const READ_VERBS = new Set(['get', 'describe', 'logs', 'log', 'top', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'diff', 'auth', 'events', 'wait', 'port-forward', 'proxy', 'completion', 'kustomize', 'options', 'help', 'whoami', 'status', 'projects', 'can-i']);
const CONFIG_READ = new Set(['view', 'get-contexts', 'current-context', 'get-clusters', 'get-users']);

export const KUBECTL: ToolTable = helpTable({
  name: 'kubectl',
  commands: ['kubectl', 'oc', 'kubecolor', 'microk8s.kubectl'],
  rules: [
    computedRule('kubectl', 1, { valued: VALUED }, ['kubectl $VERB namespace shop', 'kubectl -n prod "$ACTION" pod web-1'], ['kubectl delete pod "$POD"', 'kubectl get pods -n "$NS"']),
    rule('kubectl.delete', 'destructive', 'delete-resource', 'kubectl delete removes the resources it names, and what they hold', (inv) => {
      const k = kube(inv);
      if (k.verb !== 'delete' || dry(inv)) return null;
      const what = k.rest.join(' ') || (has(k.p, '-f', '--filename') ? `resources in ${val(k.p, '-f', '--filename')}` : 'resources');
      const all = has(k.p, '--all', '-A', '--all-namespaces') ? ' (every matching resource)' : '';
      return { target: what, explanation: `kubectl delete ${what}${all}: removes them; pods, volumes and data they hold go with them` };
    }, { match: ['kubectl delete namespace payments', 'kubectl -n prod delete pvc data-postgres-0', 'kubectl delete deploy --all -n staging', 'oc delete project legacy'], no_match: ['kubectl delete pod web-1 --dry-run=client', 'kubectl get pods -n prod'] }),
    rule('kubectl.drain', 'destructive', 'evict-pods', 'drain evicts every pod from the node', (inv) => {
      const k = kube(inv);
      return k.verb === 'drain' && !dry(inv) ? { target: k.rest[0] ?? '', explanation: `kubectl drain ${k.rest[0] ?? ''}: evicts every pod on the node; emptyDir data is lost` } : null;
    }, { match: ['kubectl drain node-7 --ignore-daemonsets --delete-emptydir-data', 'oc adm drain node-7'], no_match: ['kubectl cordon node-7', 'kubectl drain node-7 --dry-run=server'] }),
    rule('kubectl.scale-zero', 'destructive', 'stop-service', 'scales a workload to zero replicas', (inv) => {
      const k = kube(inv);
      if (dry(inv)) return null;
      if (k.verb === 'scale' && val(k.p, '--replicas') === '0') return { target: k.rest.join(' '), explanation: `kubectl scale ${k.rest.join(' ')} --replicas=0: takes the workload out` };
      if (k.verb === 'patch' && /"?replicas"?\s*:\s*0\b/.test(val(k.p, '-p', '--patch') ?? '')) return { target: k.rest.join(' '), explanation: 'kubectl patch sets replicas to 0: takes the workload out' };
      return null;
    }, { match: ['kubectl scale deploy/api --replicas=0 -n prod', 'kubectl patch deploy api -p \'{"spec":{"replicas":0}}\''], no_match: ['kubectl scale deploy/api --replicas=3'] }),
    rule('kubectl.prune-force', 'destructive', 'replace-resource', 'apply --prune deletes resources missing from the manifests; --force deletes and recreates', (inv) => {
      const k = kube(inv);
      if (dry(inv)) return null;
      if (k.verb === 'apply' && on(k.p, '--prune')) return { explanation: 'kubectl apply --prune: deletes resources that the manifests no longer list' };
      if ((k.verb === 'replace' || k.verb === 'apply') && on(k.p, '--force')) return { effect: 'replace-resource', explanation: `kubectl ${k.verb} --force: deletes and recreates the resources` };
      if (k.verb === 'taint' && k.rest.some((r) => r.endsWith(':NoExecute'))) return { effect: 'evict-pods', explanation: 'kubectl taint ...:NoExecute evicts running pods that do not tolerate it' };
      return null;
    }, { match: ['kubectl apply -f k8s/ --prune -l app=web', 'kubectl replace --force -f pod.yaml', 'kubectl taint nodes node-7 maint=true:NoExecute'], no_match: ['kubectl apply -f k8s/', 'kubectl replace -f pod.yaml', 'kubectl apply -f k8s/ --prune=false'] }),
    rule('kubectl.prune', 'destructive', 'delete-resource', 'oc adm prune --confirm deletes old images, builds or deployments', (inv) => {
      const k = kube(inv);
      if (k.verb !== 'prune') return null;
      // Without --confirm, `oc adm prune` only reports what it would delete.
      return has(k.p, '--confirm') ? { target: k.rest[0] ?? '', explanation: `oc adm prune ${k.rest[0] ?? ''} --confirm: deletes what it finds unused` } : { risk: 'readonly', effect: 'dry-run', explanation: 'oc adm prune without --confirm only reports' };
    }, { match: ['oc adm prune images --confirm', 'oc adm prune builds'], no_match: ['oc get builds'] }),
    rule('kubectl.exec', 'unknown', 'run-in-pod', 'runs a command inside a container; the command decides', (inv, ctx) => {
      const k = kube(inv);
      if (!['exec', 'rsh', 'debug', 'run', 'attach'].includes(k.verb)) return null;
      let words = commandAfterDashDash(inv);
      // `oc rsh pod cmd` and the old `kubectl exec pod cmd` put the command after the pod name.
      if (words === null && (k.verb === 'rsh' || k.verb === 'exec') && k.rest.length > 1) words = k.rest.slice(1);
      if (words === null || words.length === 0) {
        if (k.verb === 'run' || k.verb === 'debug') return null;
        return { explanation: `kubectl ${k.verb}: an interactive session in the container; what is typed there cannot be seen` };
      }
      // `-- sh -c 'script'`: hand the script to the shell walker whole.
      const shellScript = /^(ba|z|da|k)?sh$/.test((words[0] ?? '').replace(/^.*\//, '')) && words[1] === '-c' ? words[2] : undefined;
      if (shellScript !== undefined) {
        const r = ctx.shell(shellScript);
        return { risk: r.risk, effect: 'run-in-pod', explanation: `kubectl ${k.verb} ${k.rest[0] ?? ''}: ${r.summary}` };
      }
      const sub = subInvocation(inv, words);
      if (sub === null) return null;
      return carried(ctx.invocation(sub), `kubectl ${k.verb} ${k.rest[0] ?? ''}`);
    }, { match: ['kubectl exec -n prod deploy/api -- rm -rf /data/cache', 'kubectl exec -it web-1 -- bash', 'oc rsh web-1 ls /tmp'], no_match: ['kubectl logs web-1', 'kubectl run tmp --image=busybox --restart=Never'] }),
    rule('kubectl.read', 'readonly', 'read', 'get, describe, logs, diff, a dry run or help', (inv) => {
      const k = kube(inv);
      if (dry(inv) && k.verb !== 'exec') return { effect: 'dry-run', explanation: `kubectl ${k.verb} --dry-run: nothing is changed` };
      if (READ_VERBS.has(k.verb)) return true;
      if (k.verb === 'config') return CONFIG_READ.has(k.rest[0] ?? '');
      if (k.verb === 'rollout') return ['status', 'history'].includes(k.rest[0] ?? '');
      if (k.verb === 'plugin') return k.rest[0] === 'list';
      return false;
    }, { match: ['kubectl get pods -A -o wide', 'kubectl -n prod logs deploy/api --tail 50', 'kubectl rollout status deploy/api', 'kubectl apply -f app.yaml --dry-run=server'], no_match: ['kubectl rollout undo deploy/api', 'kubectl apply -f app.yaml --dry-run=none'] }),
  ],
  // apply, create, patch, edit, label, rollout undo/restart, cordon, set, cp...: routine changes.
  fallback: (inv) => (kube(inv).verb === '' ? 'readonly' : 'mutating'),
});

export const KUSTOMIZE: ToolTable = verbTable({
  name: 'kustomize',
  commands: ['kustomize'],
  valued: ['-o', '--output', '--load-restrictor', '--helm-command'],
  destroy: [],
  read: [...READ_WORDS, 'build', 'cfg', 'tree', 'grep', 'cat', 'localize'],
  change: ['edit', 'create', 'init', 'fn', 'set'],
  examples: {
    destroy: { match: [], no_match: [] },
    read: { match: ['kustomize build overlays/prod', 'kustomize version'], no_match: ['kustomize edit set image api=acme/api:2'] },
  },
});

export const KUBERNETES_TABLES: ToolTable[] = [KUBECTL, KUSTOMIZE];
