// A synthetic `terraform show -json` plan of n resources with every kind of change, nested modules
// and reasons, shaped like real output (see test/fixtures/terraform for real ones).
const KINDS: { actions: string[]; reason?: string }[] = [
  { actions: ['no-op'] },
  { actions: ['create'] },
  { actions: ['update'] },
  { actions: ['no-op'] },
  { actions: ['read'] },
  { actions: ['delete', 'create'], reason: 'replace_because_cannot_update' },
  { actions: ['create', 'delete'], reason: 'replace_by_triggers' },
  { actions: ['delete'], reason: 'delete_because_no_resource_config' },
  { actions: ['no-op'] },
  { actions: ['forget'], reason: 'delete_because_no_resource_config' },
];

export function bigPlan(n: number): Record<string, unknown> {
  const resource_changes = Array.from({ length: n }, (_, i) => {
    const k = KINDS[i % KINDS.length]!;
    const module = i % 3 === 0 ? `module.svc${i % 40}` : undefined;
    const mode = k.actions[0] === 'read' ? 'data' : 'managed';
    const local = `${mode === 'data' ? 'data.' : ''}aws_instance.node_${i}`;
    return {
      address: module ? `${module}.${local}` : local,
      ...(module ? { module_address: module } : {}),
      mode,
      type: 'aws_instance',
      name: `node_${i}`,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions: k.actions,
        before: k.actions[0] === 'create' && k.actions.length === 1 ? null : { ami: 'ami-1', instance_type: 't3.small', tags: { n: String(i) } },
        after: k.actions[0] === 'delete' && k.actions.length === 1 ? null : { ami: 'ami-2', instance_type: 't3.small', tags: { n: String(i) } },
        after_unknown: {},
        before_sensitive: false,
        after_sensitive: false,
      },
      ...(k.reason ? { action_reason: k.reason } : {}),
    };
  });
  return { format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: {} }, resource_changes, applyable: true, complete: true, errored: false };
}
