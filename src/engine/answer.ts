// The answer an agent gets for a request (docs/http-api.md, POST /v1/actions).
import type { RequestRecord, SubmitAnswer } from '../core/index.js';
import type { EngineCtx } from './ctx.js';

export function answerFor(ctx: EngineCtx, r: RequestRecord, status?: SubmitAnswer['status']): SubmitAnswer {
  const s: SubmitAnswer['status'] = status ?? (r.status === 'allowed' ? 'allowed' : r.status === 'pending' ? 'pending' : 'denied');
  const a: SubmitAnswer = { id: r.id, status: s, risk: r.report.risk, reasons: r.decision.reasons };
  if (s === 'pending' && r.decision.approval) {
    a.approval = {
      count: r.decision.approval.count,
      roles: r.decision.approval.roles,
      have: r.approvals.length,
      expiresAt: r.expiresAt ?? r.createdAt,
      url: `${ctx.publicUrl}/requests/${r.id}`,
    };
  }
  return a;
}
