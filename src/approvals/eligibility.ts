// Who may count towards a request's approvals. Shared by the reducer and by canApprove (the
// dashboard's disabled buttons), so the button and the server can never disagree.
import { CountersignError, type ErrorCode, type Human, type Principal, type RequestRecord } from '../core/index.js';
import { rolesSatisfy } from '../policy/combine.js';

export type Eligibility = { ok: true; role: string } | { ok: false; error: CountersignError };

function refuse(code: ErrorCode, detail: string): Eligibility {
  return { ok: false, error: new CountersignError(code, detail) };
}

/** The request is still open for a decision at `now`. */
export function checkOpen(req: RequestRecord, now: number): CountersignError | null {
  if (req.status === 'expired') return new CountersignError('E_EXPIRED', `Request ${req.id} expired; ask the agent to submit the action again.`);
  if (req.status !== 'pending') return new CountersignError('E_NOT_PENDING', `Request ${req.id} is ${req.status}; nothing more can be decided on it.`);
  // A request past its deadline is dead even before the engine's timer marks it expired.
  if (req.expiresAt !== undefined && now >= req.expiresAt) return new CountersignError('E_EXPIRED', `Request ${req.id} expired at ${new Date(req.expiresAt).toISOString()}; ask the agent to submit the action again.`);
  return null;
}

/** The role an approval is recorded under: one the request asks for, else the human's first. */
export function roleFor(human: Human, required: string[]): string {
  return human.roles.find((r) => required.includes(r)) ?? human.roles[0] ?? 'human';
}

/** Checks everything except the reason, in the order a person would want to be told. */
export function checkApprover(req: RequestRecord, by: Principal, now: number): Eligibility {
  // An agent never approves, whatever its token claims and whatever state the request is in.
  if (by.kind !== 'human') return refuse('E_AGENT_APPROVAL', `"${by.id}" is an agent; a human with a required role must approve.`);
  const closed = checkOpen(req, now);
  if (closed) return { ok: false, error: closed };
  if (by.id === req.agentId) return refuse('E_SELF_APPROVAL', `"${by.id}" submitted request ${req.id}; someone else must approve it.`);
  // The December 2025 failure: the operator's standing must not stand in for a second person.
  if (by.id === req.operator) return refuse('E_OPERATOR_APPROVAL', `"${by.id}" operates agent "${req.agentId}"; ask another person with a required role.`);
  const need = req.decision.approval;
  if (!need) return refuse('E_INTERNAL', `Request ${req.id} is pending without an approval requirement; it cannot be approved. Submit it again.`);
  // When several rules combined, `roles` is only the union for display; every set in `roleSets`
  // must be met by the same approver, or one rule's role would stand in for another's.
  if (!rolesSatisfy(need, by.roles)) {
    const want = need.roleSets ? need.roleSets.map((s) => `one of [${s.join(', ')}]`).join(' and ') : `one of the roles [${need.roles.join(', ')}]`;
    return refuse('E_ROLE_REQUIRED', `Request ${req.id} needs an approver with ${want}; "${by.id}" has [${by.roles.join(', ')}].`);
  }
  if (req.approvals.some((a) => a.by === by.id)) return refuse('E_ALREADY_APPROVED', `"${by.id}" already approved request ${req.id}; another person must add the next approval.`);
  return { ok: true, role: roleFor(by, need.roles) };
}

export function checkReason(reason: unknown): CountersignError | null {
  return typeof reason === 'string' && reason.trim() !== '' ? null : new CountersignError('E_REASON_REQUIRED', 'Say why, in a few words (--reason "...").');
}

/** For the dashboard: may this principal approve this request now, and if not, why. */
export function canApprove(req: RequestRecord, who: Principal, now: number): { ok: true } | { ok: false; code: ErrorCode } {
  const e = checkApprover(req, who, now);
  return e.ok ? { ok: true } : { ok: false, code: e.error.code };
}

/** Break-glass skips counts and roles, never the separation of duties the incident lacked. */
export function checkBreakGlass(req: RequestRecord, by: Principal, now: number): Eligibility {
  if (by.kind !== 'human') return refuse('E_AGENT_APPROVAL', `"${by.id}" is an agent; break-glass needs a human admin.`);
  if (!by.roles.includes('admin')) return refuse('E_FORBIDDEN', `Break-glass needs the admin role; "${by.id}" has [${by.roles.join(', ')}]. Ask an admin, or gather the normal approvals.`);
  const closed = checkOpen(req, now);
  if (closed) return { ok: false, error: closed };
  if (by.id === req.agentId) return refuse('E_SELF_APPROVAL', `"${by.id}" submitted request ${req.id}; another admin must break the glass.`);
  if (by.id === req.operator) return refuse('E_OPERATOR_APPROVAL', `"${by.id}" operates agent "${req.agentId}"; another admin must break the glass.`);
  return { ok: true, role: 'admin' };
}

/** For the dashboard's break-glass button. */
export function canBreakGlass(req: RequestRecord, who: Principal, now: number): { ok: true } | { ok: false; code: ErrorCode } {
  const e = checkBreakGlass(req, who, now);
  return e.ok ? { ok: true } : { ok: false, code: e.error.code };
}
