// Virtual machines and system containers: virsh, vagrant, lxc/incus, multipass, VBoxManage.
// Destroying or deleting a machine loses its disks; `virsh destroy` is a forced power-off that
// takes the guest out; listings read.
import { defineLocalTable } from './table.js';
import type { ToolTable } from './types.js';

const words = (args: readonly string[]) => args.filter((a) => !a.startsWith('-'));

// Per tool: verbs that lose a machine (or take it out), and verbs that only read.
const DESTROY: Record<string, RegExp> = {
  virsh: /^(destroy|undefine|vol-delete|vol-wipe|pool-delete|pool-destroy|snapshot-delete|shutdown|reset)$/,
  vagrant: /^(destroy|halt)$/,
  lxc: /^(delete|rm|stop|restore)$/,
  incus: /^(delete|rm|stop|restore)$/,
  multipass: /^(delete|stop|purge|restore)$/,
  VBoxManage: /^(unregistervm|closemedium|controlvm)$/,
  qm: /^(destroy|stop|shutdown|rollback|delsnapshot)$/,
  pct: /^(destroy|stop|shutdown|rollback|delsnapshot)$/,
};
const READ = /^(list|ls|info|dominfo|domstate|dumpxml|status|global-status|ssh-config|version|show|showvminfo|list-vms|config|pending|snapshot-list|net-list|pool-list|vol-list|exec-status|)$/;

export const VM_TABLE: ToolTable = defineLocalTable({
  name: 'vm',
  commands: Object.keys(DESTROY),
  rules: [
    {
      id: 'vm.destroy', risk: 'destructive', effect: 'destroy-machine',
      explain: 'deletes a virtual machine or its storage, or forces it off',
      test: (inv) => {
        const w = words(inv.args);
        const verb = w[0] ?? '';
        if (!DESTROY[inv.name]?.test(verb)) return null;
        if (inv.name === 'VBoxManage' && verb === 'controlvm' && !/^(poweroff|reset)$/.test(w[2] ?? '')) return null;
        return { target: w[1] ?? verb, explanation: `${inv.name} ${verb} ${w[1] ?? ''}`.trim() };
      },
      examples: { match: ['virsh destroy web01', 'virsh undefine db01 --remove-all-storage', 'vagrant destroy -f', 'lxc delete build-box --force', 'multipass delete --purge dev'], no_match: ['virsh list --all', 'vagrant up', 'lxc list', 'multipass info dev'] },
    },
  ],
  fallback: (inv) => (READ.test(words(inv.args)[0] ?? '') ? 'readonly' : 'mutating'),
});
