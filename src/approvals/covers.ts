// Whether an approval given earlier still covers the action as it is judged now. The digest binds
// the action's text, target, environment and working directory, but the same digest can be judged
// differently later (the file system changed under it, the classifier or the policy got stricter).
// An approval covers what its approvers were asked for and nothing more: a fresh judgement that is
// riskier, or that needs more approvals, other roles or a recovery point, is a new request.
import { riskRank, type ApprovalRequirement, type Decision, type RiskReport } from '../core/index.js';

export type Judgement = { report: Pick<RiskReport, 'risk'>; decision: Pick<Decision, 'verdict' | 'approval'> };

/** null when `given` covers `fresh`; otherwise why not, in a sentence. */
export function uncovered(given: Judgement, fresh: Judgement): string | null {
  if (fresh.decision.verdict === 'deny') return 'the policy now denies this action';
  if (riskRank(fresh.report.risk) > riskRank(given.report.risk)) {
    return `the action is now judged ${fresh.report.risk}, but it was approved as ${given.report.risk}`;
  }
  if (fresh.decision.verdict === 'allow') return null;
  const need = fresh.decision.approval;
  const had = given.decision.approval;
  // A fresh "approve" without a requirement cannot be checked, and an old request that needed none
  // was never looked at by a human: neither can cover anything.
  if (!need || !had || given.decision.verdict !== 'approve') return 'the approval was not given for what the action now needs';
  if (had.count < need.count) return `the action now needs ${need.count} approvals, but it was approved with ${had.count}`;
  if (!setsImplied(roleSetsOf(had), roleSetsOf(need))) return 'the action now needs approvers with other roles';
  if (need.recoveryPoint === 'required' && had.recoveryPoint !== 'required') return 'the action now requires a recovery point';
  return null;
}

function roleSetsOf(r: ApprovalRequirement): string[][] {
  return r.roleSets ?? (r.roles.length ? [r.roles] : []);
}

/** Every approver who met the `had` sets also meets the `need` sets: each needed set contains one of
 * the sets that was enforced (an approver held a role of it, so also a role of the needed set). */
function setsImplied(had: string[][], need: string[][]): boolean {
  return need.every((n) => had.some((h) => h.every((role) => n.includes(role))));
}
