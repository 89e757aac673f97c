// Shared test fixtures (compiled, but not a test file itself).
import type { Agent, Human, RequestRecord } from '../core/index.js';

export const T0 = 1_800_000_000_000;
export const agent: Agent = { kind: 'agent', id: 'kiro-1', operator: 'olga' };
export const olga: Human = { kind: 'human', id: 'olga', roles: ['senior'] };
export const sam: Human = { kind: 'human', id: 'sam', roles: ['engineer', 'senior'] };
export const sue: Human = { kind: 'human', id: 'sue', roles: ['senior'] };
export const eve: Human = { kind: 'human', id: 'eve', roles: ['engineer'] };
export const ada: Human = { kind: 'human', id: 'ada', roles: ['admin'] };

export function pendingRequest(over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: 'req_1',
    agentId: 'kiro-1',
    operator: 'olga',
    action: { kind: 'shell', command: 'terraform apply plan.out' },
    targetId: 'prod-db',
    environment: 'production',
    digest: 'd'.repeat(64),
    report: { risk: 'destructive', summary: 'replaces aws_db_instance.main', findings: [] },
    decision: {
      verdict: 'approve',
      matched: ['prod-destructive'],
      errors: [],
      approval: { count: 2, roles: ['senior'], ttlSeconds: 600 },
      policyDigest: 'p'.repeat(64),
      reasons: ['destructive in production needs two seniors'],
    },
    status: 'pending',
    approvals: [],
    createdAt: T0,
    expiresAt: T0 + 600_000,
    version: 1,
    ...over,
  };
}
