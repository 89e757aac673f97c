// Which request, agent, target and outcome each audit entry belongs to, so the timeline can be
// filtered by them (a later entry such as request.approved names only its request).
import type { AuditEntry } from './types.js';

export type ReqInfo = { agent?: string; target: string; environment?: string; status?: string; summary?: string };

const STATUS_OF_TYPE: Record<string, string> = {
  'request.rejected': 'rejected',
  'request.expired': 'expired',
  'request.used': 'used',
  'request.cancelled': 'cancelled',
  'request.break-glass': 'approved',
};

export function indexEntries(entries: AuditEntry[]): Map<string, ReqInfo> {
  const m = new Map<string, ReqInfo>();
  for (const e of entries) {
    const id = e.body['request'];
    if (typeof id !== 'string') continue;
    const info = m.get(id) ?? { target: '(none)' };
    if (e.type === 'action.proposed') {
      info.agent = String(e.body['agent']);
      info.target = e.body['target'] === null || e.body['target'] === undefined ? '(none)' : String(e.body['target']);
      info.environment = String(e.body['environment']);
      info.summary = String(e.body['summary'] ?? '');
    }
    if (typeof e.body['status'] === 'string') info.status = e.body['status'];
    else if (STATUS_OF_TYPE[e.type]) info.status = STATUS_OF_TYPE[e.type];
    m.set(id, info);
  }
  return m;
}

export type Filters = { agent: string; target: string; decision: string; since: string };

export const SINCE: Record<string, number> = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };

export function matches(e: AuditEntry, info: ReqInfo | undefined, f: Filters, now: number): boolean {
  if (f.since && SINCE[f.since] && e.at < now - SINCE[f.since]!) return false;
  const agent = info?.agent ?? (typeof e.body['agent'] === 'string' ? e.body['agent'] : undefined);
  if (f.agent && agent !== f.agent) return false;
  if (f.target && info?.target !== f.target) return false;
  if (f.decision && info?.status !== f.decision) return false;
  return true;
}

/** One line saying what the entry records. */
export function describeEntry(e: AuditEntry): string {
  const b = e.body;
  const s = (k: string): string => String(b[k] ?? '');
  switch (e.type) {
    case 'action.proposed':
      return `${s('agent')} proposed: ${s('summary')} (${s('risk')}, ${s('environment')})`;
    case 'action.decided':
      return `decided ${s('status')}${Array.isArray(b['matched']) && b['matched'].length ? ` by ${(b['matched'] as string[]).join(', ')}` : ''}`;
    case 'request.approved':
      return `${s('by')} (${s('role')}) approved, ${s('have')} of ${s('need')}: “${s('reason')}”`;
    case 'request.rejected':
      return `${s('by')} rejected: “${s('reason')}”`;
    case 'request.break-glass':
      return `${s('by')} BROKE THE GLASS: “${s('reason')}”`;
    case 'request.used':
      return 'the approved action was let through (used once)';
    case 'request.expired':
      return 'expired without enough approvals';
    case 'freeze':
      return `${s('by')} froze Countersign: “${s('reason')}”`;
    case 'thaw':
      return `${s('by')} thawed Countersign: “${s('reason')}”`;
    case 'config.loaded':
      return `configuration loaded (policy ${s('policyDigest').slice(0, 12)})`;
    case 'checkpoint':
      return `signed checkpoint of entry ${s('seq')}`;
    case 'limit.tripped':
      return `limit tripped for ${s('agent')}: ${s('limit') || s('code')}`;
    default:
      return JSON.stringify(b).slice(0, 160);
  }
}
