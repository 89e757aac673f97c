// Codes and states in plain words. The server decides; these only explain.
import type { Risk, RequestView } from './types';

export const RISK_WORDS: Record<Risk, string> = {
  readonly: 'read only',
  mutating: 'changes things',
  destructive: 'DESTRUCTIVE',
  unknown: 'NOT UNDERSTOOD',
};

export const RISK_HELP: Record<Risk, string> = {
  readonly: 'Nothing persists: listings, plans, dry runs.',
  mutating: 'Changes state in a routine or recoverable way.',
  destructive: 'Loses data or availability that cannot be cheaply regenerated.',
  unknown: 'Countersign could not fully understand this action, so it is treated as dangerous.',
};

/** Why this person may not approve, from viewer.why (the same check the server makes). */
export function whyNot(code: string | undefined, r: RequestView, me: string, roles: string[]): string {
  switch (code) {
    case 'E_OPERATOR_APPROVAL':
      return `You operate ${r.agent}, the agent that asked. Its operator never counts as a second person: someone else must approve.`;
    case 'E_SELF_APPROVAL':
      return 'You asked for this action yourself; someone else must approve it.';
    case 'E_ROLE_REQUIRED':
      return `This needs an approver with the role ${(r.approval?.roles ?? []).join(' or ')}; you have ${roles.join(', ') || 'no role'}.`;
    case 'E_ALREADY_APPROVED':
      return `You (${me}) have already approved this; another person must add the next approval.`;
    case 'E_EXPIRED':
      return 'This request has expired; the agent must ask again.';
    case 'E_NOT_PENDING':
      return `This request is ${r.status}; there is nothing left to approve.`;
    case 'E_AGENT_APPROVAL':
      return 'Agents can never approve.';
    default:
      return code ? `You may not approve this (${code}).` : 'You may not approve this.';
  }
}

export const STATUS_WORDS: Record<string, string> = {
  allowed: 'allowed',
  denied: 'denied',
  pending: 'waiting for approval',
  approved: 'approved',
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
  used: 'approved, then run',
  executed: 'executed',
  failed: 'failed',
};

/** The action as it will run, as one readable block of text. */
export function actionText(a: RequestView['action']): string {
  switch (a.kind) {
    case 'shell':
      return `${a['cwd'] ? `# in ${String(a['cwd'])}\n` : ''}$ ${String(a['command'])}`;
    case 'sql':
      return String(a['sql']);
    case 'terraform-plan':
      return `$ ${String(a['command'] ?? 'terraform apply')}   # applies the plan below`;
    case 'mcp':
      return `${String(a['server'])} / ${String(a['tool'])}\n${JSON.stringify(a['arguments'] ?? {}, null, 2)}`;
    case 'file':
      return `${String(a['op'])} ${String(a['path'])}${typeof a['content'] === 'string' ? `\n\n${a['content']}` : ''}`;
    default:
      return JSON.stringify(a, null, 2);
  }
}

export function actionLine(a: RequestView['action']): string {
  const t = a.kind === 'terraform-plan' ? String(a['command'] ?? 'terraform apply') + ' (plan)' : actionText(a).replace(/^# in .*\n/, '');
  return t.length > 140 ? t.slice(0, 139) + '…' : t;
}

/** A list's one line for a request: a plan by what it changes, anything else by its text. */
export function headline(r: RequestView): string {
  return r.action.kind === 'terraform-plan' ? `${String(r.action['command'] ?? 'terraform apply')}: ${r.summary.replace(/^Terraform plan: /, '')}` : actionLine(r.action);
}
