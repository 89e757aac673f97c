// A Terraform plan (`terraform show -json`) as rows a person can read, destruction first, and the
// one-line banner that makes "delete and recreate" impossible to miss.

export type PlanRow = { address: string; type: string; kind: 'replace' | 'delete' | 'create' | 'update' | 'read' | 'no-op' | 'other'; order?: string; reason?: string; because?: string[] };

const RANK: Record<PlanRow['kind'], number> = { replace: 0, delete: 1, other: 2, update: 3, create: 4, read: 5, 'no-op': 6 };

// Resource types that are a whole environment (or the ground it stands on): losing one takes a
// service out, not just a component.
const ENVIRONMENT = /(environment|_cluster$|_vpc$|_virtual_network$|_network$|resource_group|cloudformation_stack|organizations_account|_project$|_namespace)/;

type RawChange = { address?: unknown; type?: unknown; action_reason?: unknown; change?: { actions?: unknown; replace_paths?: unknown } };

export function planRows(plan: unknown): PlanRow[] {
  const rc = (plan as { resource_changes?: unknown } | null)?.resource_changes;
  if (!Array.isArray(rc)) return [];
  const rows = rc.map((c: RawChange): PlanRow => {
    const actions = Array.isArray(c.change?.actions) ? (c.change!.actions as unknown[]).map(String) : [];
    const address = String(c.address ?? '?');
    const type = typeof c.type === 'string' ? c.type : address.split('.').slice(-2, -1)[0] ?? '';
    const j = actions.join(',');
    const kind: PlanRow['kind'] =
      j === 'delete,create' || j === 'create,delete' ? 'replace' : j === 'delete' ? 'delete' : j === 'create' ? 'create' : j === 'update' ? 'update' : j === 'read' ? 'read' : j === 'no-op' ? 'no-op' : 'other';
    const row: PlanRow = { address, type, kind };
    if (kind === 'replace') row.order = j === 'create,delete' ? 'new one first, then the old one is destroyed' : 'destroyed first, then recreated';
    if (typeof c.action_reason === 'string') row.reason = c.action_reason.replace(/_/g, ' ');
    if (Array.isArray(c.change?.replace_paths)) row.because = (c.change!.replace_paths as unknown[]).map((p) => (Array.isArray(p) ? p.join('.') : String(p)));
    return row;
  });
  return rows.sort((a, b) => RANK[a.kind] - RANK[b.kind]);
}

export function isEnvironment(row: PlanRow): boolean {
  return ENVIRONMENT.test(row.type);
}

/** "REPLACES 1 resource in production: aws_db_instance.cost_reports" and friends; empty if nothing is lost. */
export function planBanners(rows: PlanRow[], environment: string): string[] {
  const out: string[] = [];
  const envs = rows.filter((r) => (r.kind === 'replace' || r.kind === 'delete') && isEnvironment(r));
  for (const r of envs) out.push(`${r.kind === 'replace' ? 'DELETES AND RECREATES' : 'DELETES'} the ${environment} environment ${r.address}`);
  const list = (kind: 'replace' | 'delete'): PlanRow[] => rows.filter((r) => r.kind === kind);
  const say = (verb: string, rs: PlanRow[]): void => {
    if (rs.length) out.push(`${verb} ${rs.length} resource${rs.length === 1 ? '' : 's'} in ${environment}: ${rs.map((r) => r.address).join(', ')}`);
  };
  say('REPLACES', list('replace'));
  say('DELETES', list('delete'));
  return out;
}
