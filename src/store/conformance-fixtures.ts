// Records and helpers the conformance suite builds its cases from.
import { CountersignError, type RequestRecord } from '../core/index.js';

export const T0 = 1_800_000_000_000;

export function record(id: string, over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id,
    agentId: 'agent-a',
    operator: 'olga',
    action: { kind: 'shell', command: `terraform apply ${id}.plan` },
    targetId: 'prod-db',
    environment: 'production',
    digest: 'a'.repeat(64),
    report: { risk: 'destructive', summary: 'replaces the database', findings: [{ rule: 'tf.replace', risk: 'destructive', effect: 'replace-resource', target: 'aws_db_instance.main', explanation: 'replaced' }] },
    decision: { verdict: 'approve', matched: ['prod-destructive'], errors: [], approval: { count: 2, roles: ['senior'], ttlSeconds: 600 }, policyDigest: 'b'.repeat(64), reasons: ['two seniors'] },
    status: 'pending',
    approvals: [],
    context: { cwd: '/srv/app', session: 's1' },
    createdAt: T0,
    expiresAt: T0 + 600_000,
    version: 1,
    ...over,
  };
}

/** The code of a rejected promise ('ok' when it resolved). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof CountersignError ? e.code : `uncoded: ${String(e)}`;
  }
}
