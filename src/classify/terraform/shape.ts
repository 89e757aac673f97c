// Reading `terraform show -json` plan output. Only the fields the decision depends on are read,
// and each is checked: a value of the wrong shape makes the whole plan unknown (E_PLAN_SHAPE),
// because a misread plan could hide a deletion.
import type { ClassifyError } from '../../core/index.js';

export type PlanChange = {
  address: string;
  kind: 'create' | 'update' | 'delete' | 'replace' | 'forget' | 'move' | 'noop' | 'read' | 'import';
  /** In `deferred_changes`: Terraform will only plan it for real in a later round. */
  deferred?: boolean;
  reason?: string;
  /** For replace: which happens first. */
  order?: 'delete-then-create' | 'create-before-destroy';
  previous?: string;
};

export type ReadPlan = { changes: PlanChange[]; errored: boolean } | { error: ClassifyError };

/** More changes than this in one plan is refused (E_TOO_MUCH_WORK) rather than read without bound. */
export const MAX_RESOURCE_CHANGES = 1_000_000;

const ACTIONS: Record<string, PlanChange['kind']> = {
  'no-op': 'noop',
  read: 'read',
  create: 'create',
  update: 'update',
  delete: 'delete',
  'delete,create': 'replace',
  'create,delete': 'replace',
  forget: 'forget',
  // removed { lifecycle { destroy = false } } on a resource that must also be recreated: the old
  // object is left alone (forgotten), a new one is created. Nothing is destroyed.
  'create,forget': 'create',
  'forget,create': 'create',
};

function shapeError(message: string): { error: ClassifyError } {
  return { error: { code: 'E_PLAN_SHAPE', message: `${message} Pass the output of \`terraform show -json <planfile>\`.` } };
}

export function readChanges(plan: unknown): ReadPlan {
  if (typeof plan === 'string') {
    try {
      plan = JSON.parse(plan);
    } catch {
      return shapeError('The plan is a string that is not JSON.');
    }
  }
  if (!plan || typeof plan !== 'object' || Array.isArray(plan)) return shapeError('The plan is not a JSON object.');
  const p = plan as Record<string, unknown>;
  if (p.format_version !== undefined && typeof p.format_version !== 'string') return shapeError('"format_version" is not a string.');
  if (p.resource_changes === undefined && (typeof p.planned_values !== 'object' || p.planned_values === null)) {
    return shapeError('The JSON has neither "resource_changes" nor "planned_values", so it is not a plan (a state file?).');
  }
  if (p.resource_changes !== undefined && !Array.isArray(p.resource_changes)) return shapeError('"resource_changes" is not an array.');
  if (p.deferred_changes !== undefined && !Array.isArray(p.deferred_changes)) return shapeError('"deferred_changes" is not an array.');
  const changes: PlanChange[] = [];
  const deferred = ((p.deferred_changes ?? []) as Record<string, unknown>[]).map((d) => (d && typeof d === 'object' ? d.resource_change : d));
  const list = [...((p.resource_changes ?? []) as unknown[]), ...deferred];
  const firstDeferred = list.length - deferred.length;
  if (list.length > MAX_RESOURCE_CHANGES) {
    return { error: { code: 'E_TOO_MUCH_WORK', message: `The plan lists ${list.length} resource changes; the classifier reads at most ${MAX_RESOURCE_CHANGES}. Split the configuration or target the plan.` } };
  }
  for (let i = 0; i < list.length; i++) {
    const rc = list[i] as Record<string, unknown> | null;
    if (!rc || typeof rc !== 'object') return shapeError(`resource_changes[${i}] is not an object.`);
    const address = rc.address;
    const change = rc.change as Record<string, unknown> | null | undefined;
    if (typeof address !== 'string' || !address) return shapeError(`resource_changes[${i}] has no "address".`);
    if (!change || typeof change !== 'object' || !Array.isArray(change.actions)) return shapeError(`resource_changes[${i}] (${address}) has no "change.actions" array.`);
    const key = change.actions.join(',');
    const kind = ACTIONS[key];
    if (!kind || !change.actions.every((a) => typeof a === 'string')) return shapeError(`resource_changes[${i}] (${address}) has actions [${key}] that Countersign does not know.`);
    const c: PlanChange = { address, kind };
    if (i >= firstDeferred) c.deferred = true;
    // An import only adopts an existing object into the state; its actions say what else happens.
    if (kind === 'noop' && change.importing && typeof change.importing === 'object') c.kind = 'import';
    if (typeof rc.action_reason === 'string') c.reason = rc.action_reason;
    if (kind === 'replace') c.order = change.actions[0] === 'delete' ? 'delete-then-create' : 'create-before-destroy';
    const prev = rc.previous_address;
    if (typeof prev === 'string' && prev !== address) {
      c.previous = prev;
      if (kind === 'noop') c.kind = 'move';
    }
    changes.push(c);
  }
  return { changes, errored: p.errored === true };
}
