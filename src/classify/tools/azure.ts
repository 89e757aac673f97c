// Azure: az (`az <group...> <verb> --options`) and azcopy.
import { parseArgs, has, val } from './argv.js';
import { computedRule, helpTable, hasDryRun, pathWords, rule, verbTable, READ_WORDS } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';

const AZ_FLAGS = ['--yes', '-y', '--no-wait', '--force', '--debug', '--verbose', '--only-show-errors', '--all', '--recursive', '--no-prompt', '--purge', '--append', '--help', '-h', '--dryrun', '--dry-run', '--force-string', '--overwrite'];
const azWords = (inv: Invocation) => pathWords(inv, { longOptsTakeValues: true, flags: AZ_FLAGS, valued: ['-g', '-n', '-c', '-s', '-d', '-f', '-l', '-o', '-p', '-u', '-k', '-t', '-v'] });
const opt = (inv: Invocation, ...names: string[]): string | undefined => {
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i] ?? '';
    for (const n of names) {
      if (a === n) return inv.args[i + 1];
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return undefined;
};

export const AZ: ToolTable = verbTable({
  name: 'az',
  commands: ['az'],
  longOptsTakeValues: true,
  flags: AZ_FLAGS,
  valued: ['-g', '-n', '-c', '-s', '-d', '-f', '-l', '-o', '-p', '-u', '-k', '-t', '-v'],
  depth: 6,
  // deallocate and stop take VMs and apps out; purge makes a soft delete permanent; untagging an
  // ACR image leaves it to garbage collection.
  destroy: ['delete', 'purge', 'remove', 'deallocate', 'stop', 'untag', 'delete-batch', 'destroy', 'revoke', 'disable'],
  read: [...READ_WORDS, 'exists', 'download', 'download-batch', 'what-if', 'generate-sas', 'query', 'wait', 'tail', 'export'],
  change: ['get-credentials', 'remove-tags', 'tag', 'restart', 'start', 'create', 'update', 'set', 'upload', 'upload-batch', 'copy', 'login', 'logout', 'add'],
  overrides: [
    // These groups only change the CLI's own set-up on this machine.
    rule('az.local-setup', 'mutating', 'cli-config', 'changes the az CLI\'s own extensions, config or cache', (inv) => {
      const w = azWords(inv);
      return ['extension', 'config', 'cache'].includes(w[0] ?? '') && w.some((x) => /^(remove|delete|purge|unset|clear)$/.test(x));
    },
      { match: ['az extension remove -n aks-preview', 'az config unset defaults.group'], no_match: ['az aks delete -g prod -n aks1', 'az config get'] }),
  ],
  extra: [
    rule('az.key-rotate', 'destructive', 'rotate-key', 'renews account keys or resets service-principal credentials; whatever holds the old one stops working', (inv) => {
      const w = azWords(inv);
      if (w.includes('keys') && w.includes('renew')) return true;
      if (w.includes('credential') && w.includes('reset') && !inv.args.includes('--append')) return true;
      return null;
    }, { match: ['az storage account keys renew -g prod -n acmestore --key primary', 'az ad sp credential reset --id 0000-1111'], no_match: ['az storage account keys list -n acmestore', 'az ad sp credential reset --id 0000-1111 --append'] }),
    rule('az.scale-to-zero', 'destructive', 'stop-service', 'scales a cluster, node pool or scale set to zero', (inv) => {
      const n = opt(inv, '--node-count', '--new-capacity', '--max-count', '--instance-count');
      return n === '0' && azWords(inv).some((x) => ['scale', 'update'].includes(x));
    }, { match: ['az aks scale -g prod -n web --node-count 0', 'az vmss scale -g prod -n web --new-capacity 0'], no_match: ['az aks scale -g prod -n web --node-count 3'] }),
    rule('az.complete-mode', 'destructive', 'delete-resource', 'a Complete-mode deployment deletes every resource in the group that the template omits', (inv) =>
      azWords(inv).includes('deployment') && /^complete$/i.test(opt(inv, '--mode') ?? ''),
    { match: ['az deployment group create -g prod --template-file main.bicep --mode Complete'], no_match: ['az deployment group create -g prod --template-file main.bicep'] }),
    rule('az.sync-delete', 'destructive', 'delete-objects', 'az storage sync with --delete-destination removes blobs the source lacks', (inv) =>
      azWords(inv).includes('sync') && /^true$/i.test(opt(inv, '--delete-destination') ?? ''),
    { match: ['az storage blob sync -c www -s ./site --delete-destination true'], no_match: ['az storage blob sync -c www -s ./site'] }),
    rule('az.run-command', 'unknown', 'run-remote', 'az vm run-command runs a script on the VM', (inv, ctx) => {
      const w = azWords(inv);
      if (!w.includes('run-command') || !w.some((x) => x === 'invoke' || x === 'create')) return null;
      const scripts = opt(inv, '--scripts', '--script');
      if (scripts === undefined || /powershell/i.test(opt(inv, '--command-id') ?? '')) return { explanation: 'az vm run-command: the script it runs is not visible to the classifier' };
      const r = ctx.shell(scripts);
      return { risk: r.risk, explanation: `az vm run-command runs: ${r.summary}` };
    }, { match: ['az vm run-command invoke -g prod -n web-1 --command-id RunShellScript --scripts "uptime"'], no_match: ['az vm run-command list -l eastus'] }),
  ],
  examples: {
    destroy: { match: ['az group delete -n acme-prod --yes', 'az vm deallocate -g prod -n web-1', 'az keyvault secret purge --vault-name acme-kv -n db-pass', 'az storage blob delete-batch -s logs --pattern "*.gz"'], no_match: ['az vm list -g prod', 'az group update -n acme-prod --remove-tags team'] },
    read: { match: ['az vm show -g prod -n web-1', 'az storage blob list -c logs', 'az deployment group what-if -g prod --template-file main.bicep'], no_match: ['az webapp stop -g prod -n shop', 'az vm create -g prod -n web-2 --image Ubuntu2204'] },
  },
});

const AZCOPY_VALUED = ['--delete-destination', '--include-pattern', '--exclude-pattern', '--include-path', '--exclude-path', '--from-to', '--log-level', '--cap-mbps', '--block-size-mb', '--list-of-files', '--output-type'];
const azcopyArgs = (inv: Invocation) => parseArgs(inv.args, { valued: AZCOPY_VALUED });

export const AZCOPY: ToolTable = helpTable({
  name: 'azcopy',
  commands: ['azcopy'],
  rules: [
    computedRule('azcopy', 1, { valued: AZCOPY_VALUED }, ['azcopy $OP https://acme.blob.core.windows.net/logs'], ['azcopy list "$URL"']),
    rule('azcopy.delete', 'destructive', 'delete-objects', 'azcopy remove, or sync that deletes at the destination', (inv) => {
      const p = azcopyArgs(inv);
      if (has(p, '--dry-run')) return null;
      const cmd = p.pos[0];
      if (cmd === 'remove' || cmd === 'rm') return { target: p.pos[1] ?? '', explanation: 'azcopy remove: deletes the blobs or files it names' };
      const del = val(p, '--delete-destination');
      if (cmd === 'sync' && /^true$/i.test(del ?? '')) return { target: p.pos[2] ?? '', explanation: 'azcopy sync --delete-destination=true: deletes what the source lacks' };
      return null;
    }, { match: ['azcopy remove "https://acme.blob.core.windows.net/logs/2023" --recursive', 'azcopy sync ./site "https://acme.blob.core.windows.net/$web" --delete-destination=true'], no_match: ['azcopy sync ./site "https://acme.blob.core.windows.net/$web"', 'azcopy remove "https://acme.blob.core.windows.net/logs" --dry-run'] }),
    rule('azcopy.read', 'readonly', 'read', 'lists, shows jobs, logs in, or rehearses', (inv) => {
      const p = azcopyArgs(inv);
      if (hasDryRun(inv.args, ['--dry-run'])) return true;
      return ['list', 'ls', 'env', 'login', 'logout', 'doc', 'benchmark'].includes(p.pos[0] ?? '') || (p.pos[0] === 'jobs' && ['list', 'show', 'ls'].includes(p.pos[1] ?? ''));
    }, { match: ['azcopy list "https://acme.blob.core.windows.net/logs"', 'azcopy jobs show 7d1e'], no_match: ['azcopy copy ./a.txt "https://acme.blob.core.windows.net/logs/"'] }),
  ],
  fallback: 'mutating',
});

export const AZURE_TABLES: ToolTable[] = [AZ, AZCOPY];
