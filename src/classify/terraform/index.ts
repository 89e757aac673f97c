// Terraform / OpenTofu plan JSON (`terraform show -json plan.out`) by effect: what the apply would
// create, update, delete and replace, read from resource_changes[].change.actions — never from
// the command that produced it. Pure, synchronous, never throws.
import type { Finding, RiskReport, TerraformChanges } from '../../core/index.js';
import { readChanges, type PlanChange } from './shape.js';

export function classifyPlan(plan: unknown): RiskReport {
  try {
    const read = readChanges(plan);
    if ('error' in read) return { risk: 'unknown', summary: read.error.message, findings: [], error: read.error, changes: zero() };
    const changes = zero();
    const findings: Finding[] = [];
    const deferred = zero();
    for (const c of read.changes) {
      // Deferred changes are not in Terraform's own counts, but what they will do still counts for risk.
      const f = findingFor(c, c.deferred ? deferred : changes);
      if (f) findings.push(c.deferred ? { ...f, explanation: `deferred to a later plan: ${f.explanation}` } : f);
    }
    // A forget changes no infrastructure but does change what Terraform manages: mutating.
    const changed = changes.create + changes.update > 0 || findings.some((f) => f.risk === 'mutating');
    const destroys = changes.delete + changes.replace + deferred.delete + deferred.replace > 0;
    const risk = destroys ? 'destructive' : changed || deferred.create + deferred.update > 0 ? 'mutating' : 'readonly';
    if (read.errored) {
      findings.push({ rule: 'tf.plan-errored', risk: 'unknown', effect: 'incomplete-plan', explanation: 'terraform reported errors while planning; the plan is incomplete', tool: 'terraform' });
      return { risk: risk === 'destructive' ? risk : 'unknown', summary: `Terraform plan with errors: ${count(changes)}`, findings, changes, error: { code: 'E_PLAN_SHAPE', message: 'The plan has "errored": true, so it does not show everything the apply would do. Fix the errors and plan again.' } };
    }
    const others = ['forget', 'import', 'move'].map((k) => [k, findings.filter((f) => f.rule === `tf.${k}`).length] as const).filter(([, n]) => n > 0);
    const extra = others.length ? ` (also ${others.map(([k, n]) => `${n} to ${k}`).join(', ')})` : '';
    const lost = findings.filter((f) => f.risk === 'destructive').map((f) => f.target);
    const names = lost.length ? `; destroys or replaces ${lost.slice(0, 3).join(', ')}${lost.length > 3 ? ` and ${lost.length - 3} more` : ''}` : '';
    const summary = (risk === 'readonly' && !others.length ? 'Terraform plan: no changes' : `Terraform plan: ${count(changes)}`) + extra + names;
    return { risk, summary, findings, changes };
  } catch (err) {
    return { risk: 'unknown', summary: 'The Terraform plan could not be read.', findings: [], changes: zero(), error: { code: 'E_INTERNAL', message: `The plan classifier failed (${String(err)}); the plan is treated as unknown.` } };
  }
}

function zero(): TerraformChanges {
  return { create: 0, update: 0, delete: 0, replace: 0 };
}

function count(c: TerraformChanges): string {
  return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete`;
}

const REASON_TEXT: Record<string, string> = {
  replace_because_cannot_update: 'an attribute that cannot change in place changed',
  replace_because_tainted: 'the resource is tainted',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'a replace_triggered_by reference changed',
  delete_because_no_resource_config: 'it is no longer in the configuration',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'count/for_each changed its repetition mode',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key is gone',
  delete_because_no_move_target: 'its moved block has no target',
};

function because(c: PlanChange): string {
  if (!c.reason) return '';
  return ` because ${REASON_TEXT[c.reason] ?? c.reason}`;
}

/** Counts one resource change and returns its finding (nothing for no-ops and reads). */
function findingFor(c: PlanChange, changes: TerraformChanges): Finding | null {
  const base = { target: c.address, tool: 'terraform', ...(c.reason ? { reason: c.reason } : {}) };
  switch (c.kind) {
    case 'create':
      changes.create++;
      return { rule: 'tf.create', risk: 'mutating', effect: 'create-resource', explanation: `${c.address} will be created`, ...base };
    case 'update':
      changes.update++;
      return { rule: 'tf.update', risk: 'mutating', effect: 'update-resource', explanation: `${c.address} will be updated in place`, ...base };
    case 'delete':
      changes.delete++;
      return { rule: 'tf.delete', risk: 'destructive', effect: 'delete-resource', explanation: `${c.address} will be destroyed${because(c)}${c.reason ? ` (${c.reason})` : ''}`, ...base };
    case 'replace':
      changes.replace++;
      return { rule: 'tf.replace', risk: 'destructive', effect: 'replace-resource', explanation: `${c.address} will be replaced (${c.order}: ${c.order === 'create-before-destroy' ? 'new one first, then the old one is destroyed' : 'destroyed first, then recreated'})${because(c)}${c.reason ? ` (${c.reason})` : ''}`, ...base };
    case 'forget':
      return { rule: 'tf.forget', risk: 'mutating', effect: 'forget-resource', explanation: `${c.address} leaves the state but is not destroyed (removed block with destroy = false)`, ...base };
    case 'import':
      return { rule: 'tf.import', risk: 'mutating', effect: 'import-resource', explanation: `${c.address} will be imported into the state (the object already exists)`, ...base };
    case 'move':
      return { rule: 'tf.move', risk: 'readonly', effect: 'rename-resource', explanation: `${c.address} is only renamed from ${c.previous} (moved block); nothing is destroyed`, ...base };
    default:
      return null;
  }
}
