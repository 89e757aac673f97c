// The shapes the dashboard reads from the HTTP API (docs/http-api.md). Only what it shows.

export type Risk = 'readonly' | 'mutating' | 'destructive' | 'unknown';

export type Finding = { rule: string; risk: Risk; effect: string; target?: string; explanation: string; tool?: string; reason?: string };

export type Approval = { by: string; role: string; at: number; reason: string; kind: 'approve' | 'break-glass' };

export type RequestView = {
  id: string;
  status: string;
  agent: string;
  operator: string;
  target: string | null;
  environment: string;
  risk: Risk;
  summary: string;
  action: Record<string, unknown> & { kind: string };
  report: { risk: Risk; summary: string; findings: Finding[]; changes?: { create: number; update: number; delete: number; replace: number } };
  decision: { verdict: string; matched: string[]; reasons: string[]; policyDigest: string };
  approval?: { count: number; roles: string[]; have: number; expiresAt: number };
  approvals: Approval[];
  rejection?: { by: string; role: string; at: number; reason: string };
  createdAt: number;
  decidedAt?: number;
  usedAt?: number;
  expiresAt?: number;
  viewer?: { canApprove: boolean; why?: string };
};

export type Principal = { kind: 'human'; id: string; roles: string[]; name?: string } | { kind: 'agent'; id: string; operator: string; name?: string };

export type FreezeState = { frozen: boolean; frozenBy?: string; frozenAt?: number; reason?: string };

export type AuditEntry = { v: 1; seq: number; prev: string; at: number; type: string; body: Record<string, unknown>; hash: string };

export type ChainReport = { ok: boolean; entries: number; head: { seq: number; hash: string } | null; broken?: { seq: number; reason: string } };

export type AgentRow = { id: string; operator: string; recent: RequestView[]; ratePerMinute: number; breaker: { open: boolean; until?: number; reason?: string } };
