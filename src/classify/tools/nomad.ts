// HashiCorp Nomad: stopping jobs or draining nodes takes running services out. (Consul and etcd
// live with the local key-value tables.)
import { rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { ToolTable } from './types.js';

export const NOMAD: ToolTable = verbTable({
  name: 'nomad',
  commands: ['nomad'],
  valued: ['-address', '-token', '-region', '-namespace', '-var', '-var-file', '-deadline', '-meta'],
  noShortHelp: true,
  // `job stop` takes the service out (with -purge it is gone from history too); drain evicts allocations.
  destroy: [...DELETE_WORDS, 'stop', 'drain', 'deregister'],
  read: [...READ_WORDS, 'status', 'inspect', 'logs', 'fs', 'history', 'plan', 'validate', 'members', 'monitor', 'deployments'],
  change: ['run', 'dispatch', 'revert', 'promote', 'scale', 'restart', 'eligibility', 'apply', 'put', 'init', 'create', 'gc', 'signal', 'periodic', 'pause', 'resume', 'exec', 'login', 'register'],
  extra: [
    rule('nomad.scale-zero', 'destructive', 'stop-service', 'nomad job scale JOB GROUP 0 stops every allocation of the group', (inv) => inv.args.includes('scale') && inv.args[inv.args.length - 1] === '0',
      { match: ['nomad job scale shop web 0'], no_match: ['nomad job scale shop web 3'] }),
  ],
  examples: {
    destroy: { match: ['nomad job stop -purge shop', 'nomad node drain -enable -yes 9a1f', 'nomad var purge nomad/jobs/shop'], no_match: ['nomad job status shop', 'nomad job run shop.nomad.hcl'] },
    read: { match: ['nomad job status shop', 'nomad job plan shop.nomad.hcl', 'nomad alloc logs 1f2e'], no_match: ['nomad namespace delete staging', 'nomad job run shop.nomad.hcl'] },
  },
});
