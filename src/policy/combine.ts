// How approval requirements that apply together combine into one:
// - count: the largest;
// - roles: every rule's role set must be satisfied by each approval. A set implied by another
//   (a superset: whoever holds a role of {senior} also holds one of {senior, admin}) is dropped.
//   One set left: `roles` is that set. Several left: `roleSets` lists them and `roles` is their
//   union, for display. No rule names roles: any human may approve (`roles: []`);
// - ttlSeconds: the shortest;
// - recoveryPoint: `required` if any rule requires it, else `optional` if any rule mentions it.
import type { ApprovalRequirement } from '../core/index.js';

export function combineApprovals(reqs: readonly ApprovalRequirement[]): ApprovalRequirement {
  if (reqs.length === 0) throw new Error('combineApprovals needs at least one requirement');
  if (reqs.length === 1 && !reqs[0]!.roleSets) return { ...reqs[0]!, roles: [...reqs[0]!.roles] }; // the common case
  const sets = reduceSets(reqs.flatMap((r) => (r.roleSets ?? (r.roles.length ? [r.roles] : []))));
  const out: ApprovalRequirement = {
    count: Math.max(...reqs.map((r) => r.count)),
    roles: [...new Set(sets.flat())].sort(),
    ttlSeconds: Math.min(...reqs.map((r) => r.ttlSeconds)),
  };
  if (sets.length > 1) out.roleSets = sets;
  const rp = reqs.map((r) => r.recoveryPoint);
  if (rp.includes('required')) out.recoveryPoint = 'required';
  else if (rp.includes('optional')) out.recoveryPoint = 'optional';
  return out;
}

/** Drops duplicate sets and sets implied by a smaller one; sorted for a stable digest. */
function reduceSets(sets: string[][]): string[][] {
  const uniq = new Map<string, string[]>();
  for (const s of sets) {
    const sorted = [...new Set(s)].sort();
    uniq.set(sorted.join('\u0000'), sorted);
  }
  const all = [...uniq.values()];
  const kept = all.filter((s) => !all.some((t) => t !== s && t.length < s.length && t.every((r) => s.includes(r))));
  return kept.sort((a, b) => a.join(',').localeCompare(b.join(',')));
}

/** Whether a human with these roles satisfies a requirement's role constraint. */
export function rolesSatisfy(req: ApprovalRequirement, roles: readonly string[]): boolean {
  const sets = req.roleSets ?? (req.roles.length ? [req.roles] : []);
  return sets.every((s) => s.some((r) => roles.includes(r)));
}
