// Smaller clouds and deploy tools on the same verb grammar: DigitalOcean (doctl), Linode, Hetzner
// (hcloud), Oracle (oci), IBM Cloud, Scaleway (scw), Cloud Foundry (cf), eksctl, Confluent,
// Serverless Framework, Amplify, Elastic Beanstalk (eb), Copilot.
import { rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

// Power-off and shutdown take machines down; rebuild and restore rewrite their disks.
const MACHINE_DESTROY = [...DELETE_WORDS, 'terminate', 'power-off', 'poweroff', 'power_off', 'shutdown', 'rebuild', 'restore', 'stop'];
const opt = (inv: Invocation, names: readonly string[]): string | undefined => {
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i] ?? '';
    for (const n of names) {
      if (a === n) return inv.args[i + 1];
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return undefined;
};
const zeroRule = (tool: string, names: readonly string[], match: string, noMatch: string) =>
  rule(`${tool}.scale-zero`, 'destructive', 'stop-service', `${tool}: scales to zero; every instance stops`, (inv) => opt(inv, names) === '0',
    { match: [match], no_match: [noMatch] });

export const DOCTL: ToolTable = verbTable({
  name: 'doctl',
  commands: ['doctl'],
  valued: ['-t', '--access-token', '-c', '--context', '-o', '--output', '--format', '--region', '--size', '--image', '--tag-name', '--ssh-command'],
  // `cdn flush` purges the cache; every request then hits the origin.
  localNouns: ['auth', 'serverless'],
  destroy: [...MACHINE_DESTROY, 'flush'],
  read: [...READ_WORDS, 'get', 'list', 'whoami'],
  change: ['create', 'update', 'reboot', 'power-on', 'power-cycle', 'resize', 'snapshot', 'tag', 'untag', 'init', 'switch', 'attach', 'detach', 'ssh', 'login', 'save', 'connect'],
  examples: {
    destroy: { match: ['doctl compute droplet delete web-1 --force', 'doctl databases delete 9f1c', 'doctl compute droplet-action power-off 1234', 'doctl kubernetes cluster delete prod'], no_match: ['doctl compute droplet-action reboot 1234', 'doctl compute droplet list'] },
    read: { match: ['doctl compute droplet list --format Name,PublicIPv4', 'doctl account get'], no_match: ['doctl compute volume delete v1', 'doctl apps create --spec app.yaml'] },
  },
});

export const LINODE: ToolTable = verbTable({
  name: 'linode-cli',
  commands: ['linode-cli', 'linode'],
  valued: ['--label', '--region', '--type', '--image', '--root_pass', '--format', '--text', '--json'],
  destroy: [...MACHINE_DESTROY, 'rb', 'del', 'records-delete'],
  read: [...READ_WORDS, 'view', 'ls', 'la', 'records-list'],
  change: ['create', 'update', 'boot', 'reboot', 'resize', 'mb', 'put', 'cp', 'records-create', 'records-update'],
  examples: {
    destroy: { match: ['linode-cli linodes delete 4021', 'linode-cli linodes shutdown 4021', 'linode-cli obj rb old-bucket'], no_match: ['linode-cli linodes reboot 4021', 'linode-cli linodes list'] },
    read: { match: ['linode-cli linodes list --text', 'linode-cli linodes view 4021'], no_match: ['linode-cli volumes delete 88', 'linode-cli linodes create --type g6-standard-1'] },
  },
});

export const HCLOUD: ToolTable = verbTable({
  name: 'hcloud',
  commands: ['hcloud'],
  valued: ['--context', '-o', '--output', '--type', '--image', '--location', '--ssh-key', '--selector', '-l'],
  destroy: MACHINE_DESTROY,
  read: [...READ_WORDS, 'describe', 'list'],
  change: ['create', 'update', 'reboot', 'reset', 'poweron', 'attach', 'detach', 'add-label', 'remove-label', 'enable-protection', 'disable-protection', 'rename', 'change-type', 'create-image', 'ssh'],
  examples: {
    destroy: { match: ['hcloud server delete web-1', 'hcloud server poweroff web-1', 'hcloud server rebuild web-1 --image ubuntu-24.04'], no_match: ['hcloud server reboot web-1', 'hcloud server list'] },
    read: { match: ['hcloud server list -o columns=name,status', 'hcloud server describe web-1'], no_match: ['hcloud volume delete data-1', 'hcloud server create --name web-2 --type cx22 --image ubuntu-24.04'] },
  },
});

export const OCI: ToolTable = verbTable({
  name: 'oci',
  commands: ['oci'],
  longOptsTakeValues: true,
  flags: ['--force', '--all', '--debug', '--raw-output', '--wait-for-state', '--no-retry'],
  depth: 5,
  destroy: [...DELETE_WORDS, 'terminate', 'bulk-delete', 'stop'],
  read: [...READ_WORDS, 'get', 'list', 'head', 'download', 'bulk-download'],
  change: ['create', 'update', 'put', 'bulk-upload', 'copy', 'rename', 'restore', 'reboot', 'start', 'action', 'launch'],
  extra: [
    rule('oci.instance-stop', 'destructive', 'stop-service', 'oci compute instance action --action STOP takes the instance down', (inv) =>
      inv.args.includes('action') && /^(stop|softstop)$/i.test(opt(inv, ['--action']) ?? ''),
    { match: ['oci compute instance action --instance-id ocid1.instance.x --action STOP'], no_match: ['oci compute instance action --instance-id ocid1.instance.x --action START'] }),
  ],
  examples: {
    destroy: { match: ['oci compute instance terminate --instance-id ocid1.instance.x --force', 'oci os bucket delete --name logs --empty --force', 'oci os object bulk-delete --bucket-name logs --force'], no_match: ['oci os object list --bucket-name logs', 'oci os object put --bucket-name logs --file a.txt'] },
    read: { match: ['oci os object list --bucket-name logs', 'oci compute instance get --instance-id ocid1.instance.x'], no_match: ['oci db autonomous-database delete --autonomous-database-id ocid1.x', 'oci compute instance launch --shape VM.Standard3.Flex'] },
  },
});

export const IBMCLOUD: ToolTable = verbTable({
  name: 'ibmcloud',
  commands: ['ibmcloud', 'ic'],
  valued: ['-g', '-r', '--region', '--output', '--bucket', '--key', '-c', '--cluster'],
  destroy: [...DELETE_WORDS, 'stop'],
  read: [...READ_WORDS, 'get', 'list', 'target', 'show', 'head', 'config'],
  change: ['create', 'update', 'start', 'reboot', 'login', 'logout', 'put', 'upload', 'bind', 'unbind', 'install', 'plugin'],
  examples: {
    destroy: { match: ['ibmcloud resource service-instance-delete logs-db -f', 'ibmcloud is instance-delete web-1 -f', 'ibmcloud cos bucket-delete --bucket logs --force'], no_match: ['ibmcloud is instance-reboot web-1', 'ibmcloud resource service-instances'] },
    read: { match: ['ibmcloud is instance-get web-1', 'ibmcloud cos objects-list --bucket logs'], no_match: ['ibmcloud ks cluster rm --cluster prod', 'ibmcloud is instance-create web-2'] },
  },
});

export const SCW: ToolTable = verbTable({
  name: 'scw',
  commands: ['scw'],
  valued: ['-p', '--profile', '-o', '--output', '-c', '--config'],
  destroy: [...MACHINE_DESTROY, 'terminate'],
  read: [...READ_WORDS, 'get', 'list', 'wait'],
  change: ['create', 'update', 'reboot', 'start', 'attach', 'detach', 'init', 'backup'],
  examples: {
    destroy: { match: ['scw instance server delete 11aa with-volumes=all', 'scw instance server stop 11aa', 'scw rdb instance delete 22bb'], no_match: ['scw instance server reboot 11aa', 'scw instance server list'] },
    read: { match: ['scw instance server list zone=fr-par-1', 'scw rdb instance get 22bb'], no_match: ['scw k8s cluster delete 33cc', 'scw instance server create type=DEV1-S'] },
  },
});

export const CF: ToolTable = verbTable({
  name: 'cf',
  commands: ['cf', 'cf7', 'cf8'],
  valued: ['-o', '-s', '-i', '-m', '-k', '-p', '-b', '-c', '-f', '--process', '--strategy'],
  noShortHelp: true,
  depth: 1,
  destroy: [...DELETE_WORDS, 'stop', 'purge', 'unmap'],
  read: [...READ_WORDS, 'apps', 'app', 'services', 'service', 'target', 'orgs', 'spaces', 'routes', 'domains', 'marketplace', 'env', 'events', 'oauth-token', 'ssh-code'],
  change: ['push', 'start', 'restart', 'restage', 'scale', 'bind-service', 'create-service', 'set-env', 'unset-env', 'login', 'map-route', 'rename', 'ssh', 'run-task', 'cancel-deployment'],
  extra: [zeroRule('cf', ['-i'], 'cf scale shop -i 0', 'cf scale shop -i 3')],
  examples: {
    destroy: { match: ['cf delete shop -f -r', 'cf delete-service shop-db -f', 'cf stop shop', 'cf delete-space staging -f'], no_match: ['cf restart shop', 'cf apps'] },
    read: { match: ['cf apps', 'cf app shop', 'cf logs shop --recent'], no_match: ['cf delete-org acme -f', 'cf push shop'] },
  },
});

export const EKSCTL: ToolTable = verbTable({
  name: 'eksctl',
  commands: ['eksctl'],
  valued: ['-f', '--config-file', '--cluster', '--name', '-n', '--region', '-r', '--nodes', '-N', '--nodes-min', '--nodes-max', '--profile', '-p', '-o', '--output'],
  destroy: [...DELETE_WORDS, 'drain'],
  read: [...READ_WORDS, 'get', 'info', 'version'],
  change: ['create', 'upgrade', 'scale', 'set', 'unset', 'enable', 'disable', 'update', 'associate', 'register', 'deregister', 'anywhere'],
  extra: [zeroRule('eksctl', ['--nodes', '-N'], 'eksctl scale nodegroup --cluster prod --name ng-1 --nodes 0', 'eksctl scale nodegroup --cluster prod --name ng-1 --nodes 4')],
  examples: {
    destroy: { match: ['eksctl delete cluster --name prod --wait', 'eksctl delete nodegroup --cluster prod --name ng-1', 'eksctl drain nodegroup --cluster prod --name ng-1'], no_match: ['eksctl get clusters', 'eksctl create cluster -f cluster.yaml'] },
    read: { match: ['eksctl get clusters --region us-east-1', 'eksctl get nodegroup --cluster prod'], no_match: ['eksctl delete iamserviceaccount --cluster prod --name ci', 'eksctl upgrade cluster --name prod'] },
  },
});

export const CONFLUENT: ToolTable = verbTable({
  name: 'confluent',
  commands: ['confluent'],
  valued: ['--cluster', '--environment', '--context', '-o', '--output', '--partitions', '--config', '--api-key', '--api-secret', '--service-account', '--resource'],
  destroy: [...DELETE_WORDS],
  read: [...READ_WORDS, 'consume', 'describe', 'list'],
  change: ['create', 'update', 'produce', 'use', 'login', 'logout', 'store', 'link', 'start', 'pause', 'resume'],
  examples: {
    destroy: { match: ['confluent kafka topic delete orders --cluster lkc-1', 'confluent environment delete env-9', 'confluent api-key delete KEY1'], no_match: ['confluent kafka topic list', 'confluent kafka topic create audit'] },
    read: { match: ['confluent kafka topic list --cluster lkc-1', 'confluent kafka topic consume orders --from-beginning'], no_match: ['confluent kafka cluster delete lkc-1', 'confluent kafka topic produce orders'] },
  },
});

export const SERVERLESS: ToolTable = verbTable({
  name: 'serverless',
  commands: ['serverless', 'sls'],
  valued: ['-s', '--stage', '-r', '--region', '-f', '--function', '-c', '--config', '--aws-profile', '-p', '--path', '-d', '--data'],
  depth: 1,
  destroy: ['remove'],
  read: [...READ_WORDS, 'info', 'logs', 'print', 'package', 'metrics', 'doctor'],
  change: ['deploy', 'invoke', 'offline', 'create', 'install', 'login', 'plugin', 'config', 'dev', 'rollback'],
  examples: {
    destroy: { match: ['serverless remove --stage prod', 'sls remove -s dev'], no_match: ['sls deploy -s dev', 'sls info -s prod'] },
    read: { match: ['sls info -s prod', 'serverless logs -f resize -t', 'sls print'], no_match: ['sls remove -s prod', 'sls deploy'] },
  },
});

export const AMPLIFY: ToolTable = verbTable({
  name: 'amplify',
  commands: ['amplify'],
  valued: ['--envName', '--appId', '--profile'],
  // `amplify remove api` drops the category; the next push deletes its backend resources.
  destroy: [...DELETE_WORDS],
  read: [...READ_WORDS, 'status', 'console', 'diagnose', 'mock'],
  change: ['push', 'publish', 'add', 'update', 'pull', 'init', 'configure', 'import', 'codegen', 'override', 'upgrade'],
  extra: [
    rule('amplify.push-yes', 'destructive', 'apply-unreviewed', 'amplify push --yes applies backend changes (deletes included) without a human confirming', (inv) =>
      ['push', 'publish'].includes(inv.args[0] ?? '') && inv.args.some((a) => a === '--yes' || a === '-y'),
    { match: ['amplify push --yes'], no_match: ['amplify push'] }),
  ],
  examples: {
    destroy: { match: ['amplify delete --force', 'amplify remove storage'], no_match: ['amplify status', 'amplify add api'] },
    read: { match: ['amplify status', 'amplify env list'], no_match: ['amplify delete', 'amplify pull --appId d1'] },
  },
});

export const EB: ToolTable = verbTable({
  name: 'eb',
  commands: ['eb'],
  valued: ['-r', '--region', '--profile', '-p', '--platform', '-l', '--label', '-m', '--message', '-i', '--instance_type'],
  depth: 1,
  destroy: [...DELETE_WORDS, 'terminate'],
  read: [...READ_WORDS, 'status', 'health', 'logs', 'events', 'printenv', 'config', 'open', 'console', 'list', 'platform'],
  change: ['deploy', 'create', 'init', 'setenv', 'scale', 'swap', 'restore', 'upgrade', 'abort', 'use', 'clone', 'ssh', 'labs', 'codesource', 'appversion', 'local', 'tags'],
  extra: [rule('eb.scale-zero', 'destructive', 'stop-service', 'eb scale 0 stops every instance', (inv) => inv.args[0] === 'scale' && inv.args[1] === '0',
    { match: ['eb scale 0 shop-prod'], no_match: ['eb scale 4 shop-prod'] })],
  examples: {
    destroy: { match: ['eb terminate shop-prod --force', 'eb terminate --all'], no_match: ['eb deploy shop-prod', 'eb status'] },
    read: { match: ['eb status shop-prod', 'eb logs --all', 'eb printenv'], no_match: ['eb terminate shop-dev', 'eb setenv A=1'] },
  },
});

export const COPILOT: ToolTable = verbTable({
  name: 'copilot',
  commands: ['copilot'],
  valued: ['-a', '--app', '-e', '--env', '-n', '--name', '--profile', '--region', '-c', '--command', '--tag'],
  destroy: [...DELETE_WORDS],
  read: [...READ_WORDS, 'show', 'status', 'logs', 'ls', 'package'],
  change: ['init', 'deploy', 'exec', 'upgrade', 'run', 'override', 'pause', 'resume'],
  extra: [
    rule('copilot.exec', 'unknown', 'run-in-container', 'copilot svc exec -c runs a command in the service container', (inv, ctx) => {
      if (!inv.args.includes('exec')) return null;
      const c = opt(inv, ['-c', '--command']);
      if (c === undefined) return null;
      const r = ctx.shell(c);
      return { risk: r.risk, explanation: `copilot svc exec: ${r.summary}` };
    }, { match: ['copilot svc exec -n api -e prod -c "ls /app"'], no_match: ['copilot svc logs -n api'] }),
  ],
  examples: {
    destroy: { match: ['copilot app delete --yes', 'copilot svc delete -n api -e prod', 'copilot env delete -n staging'], no_match: ['copilot svc deploy -n api -e prod', 'copilot svc ls'] },
    read: { match: ['copilot svc status -n api -e prod', 'copilot svc logs -n api --follow'], no_match: ['copilot job delete -n nightly', 'copilot svc deploy -n api'] },
  },
});

export const CLOUD_MORE_TABLES: ToolTable[] = [DOCTL, LINODE, HCLOUD, OCI, IBMCLOUD, SCW, CF, EKSCTL, CONFLUENT, SERVERLESS, AMPLIFY, EB, COPILOT];
