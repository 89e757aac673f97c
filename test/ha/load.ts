// The mixed load: agents submit (mostly harmless actions, some destructive ones in production that
// wait for two seniors), wait for the decision on any instance, and use an approval by submitting
// the identical action again; humans list pending requests on any instance and approve (now and
// then reject). Everything the servers acknowledged is recorded for the consistency checks.
import pg from 'pg';
import type { AuditEntry, RequestRecord } from '../../src/core/index.js';
import { verifyChain, type ChainReport } from '../../src/audit/index.js';
import { api, pick, sleep, type HaTeam } from './kit.js';

export type Ack = { id: string; status: string; kind: 'fresh' | 'reuse'; via: string; at: number };
export type LoadResult = { acks: Ack[]; refused: number; unreachable: number; approvals: number; decisions: number; latencies: number[] };

/** `live()` names the instances to use right now (a test may kill one mid-load). */
export async function runLoad(team: HaTeam, live: () => string[], ms: number, opts: { destructiveShare?: number } = {}): Promise<LoadResult> {
  const until = Date.now() + ms;
  const out: LoadResult = { acks: [], refused: 0, unreachable: 0, approvals: 0, decisions: 0, latencies: [] };
  const call = async (url: string, token: string, method: string, path: string, body?: unknown, timeoutMs?: number) => {
    try {
      return await api(url, token, method, path, body, timeoutMs);
    } catch {
      out.unreachable++;
      return null;
    }
  };
  const agent = async (a: { id: string; token: string }): Promise<void> => {
    for (let n = 0; Date.now() < until; n++) {
      const destructive = Math.random() < (opts.destructiveShare ?? 0.3);
      const action = destructive ? { kind: 'sql', sql: `DROP TABLE t_${a.id.replace('-', '_')}_${n}` } : { kind: 'shell', command: `ls -la src/${n}` };
      const input = { action, context: { cwd: destructive ? team.prod : team.staging } };
      const via = pick(live());
      const t0 = performance.now();
      const r = await call(via, a.token, 'POST', '/v1/actions', input);
      if (!r) continue;
      if (r.status !== 200) {
        out.refused++;
        await sleep(20);
        continue;
      }
      out.latencies.push(performance.now() - t0);
      out.decisions++;
      out.acks.push({ id: r.body.id, status: r.body.status, kind: 'fresh', via, at: Date.now() });
      if (r.body.status !== 'pending') continue;
      const w = await call(pick(live()), a.token, 'GET', `/v1/actions/${r.body.id}?wait=4`, undefined, 10_000);
      if (!w || w.body.status !== 'approved') continue;
      const again = pick(live());
      const u = await call(again, a.token, 'POST', '/v1/actions', input);
      if (u && u.status === 200) {
        out.decisions++;
        out.acks.push({ id: u.body.id, status: u.body.status, kind: u.body.status === 'allowed' ? 'reuse' : 'fresh', via: again, at: Date.now() });
      }
    }
  };
  const human = async (h: { id: string; token: string }): Promise<void> => {
    while (Date.now() < until) {
      const list = await call(pick(live()), h.token, 'GET', '/v1/requests?status=pending&limit=30');
      const pending = (list?.body?.requests ?? []) as { id: string }[];
      for (let k = 0; k < Math.min(3, pending.length); k++) {
        const id = pick(pending).id;
        const verb = Math.random() < 0.1 ? 'reject' : 'approve';
        const r = await call(pick(live()), h.token, 'POST', `/v1/actions/${id}/${verb}`, { reason: `${verb} by ${h.id}` });
        if (r?.status === 200) out.approvals++;
      }
      await sleep(pending.length ? 5 : 30);
    }
  };
  await Promise.all([...team.agents.map(agent), ...team.humans.map(human)]);
  return out;
}

export type Stored = { requests: Map<string, RequestRecord>; audit: AuditEntry[]; chain: ChainReport };

/** Everything in the schema, read directly (not through any server). */
export async function readAll(url: string, schema: string): Promise<Stored> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const s = c.escapeIdentifier(schema);
    const requests = new Map<string, RequestRecord>();
    for (const row of (await c.query(`SELECT record FROM ${s}.requests`)).rows as { record: string }[]) {
      const r = JSON.parse(row.record) as RequestRecord;
      requests.set(r.id, r);
    }
    const audit = ((await c.query(`SELECT seq, v, prev, at, type, body, hash FROM ${s}.audit ORDER BY seq`)).rows as Record<string, string | number>[]).map((r) => ({
      v: 1 as const,
      seq: Number(r['seq']),
      prev: String(r['prev']),
      at: Number(r['at']),
      type: String(r['type']),
      body: JSON.parse(String(r['body'])) as Record<string, unknown>,
      hash: String(r['hash']),
    }));
    return { requests, audit, chain: verifyChain(audit) };
  } finally {
    await c.end();
  }
}

/** The consistency rules every run must meet; returns the list of violations (empty when none). */
export function violations(load: LoadResult, stored: Stored, team: HaTeam): string[] {
  const bad: string[] = [];
  const seniors = new Set(team.humans.map((h) => h.id).concat(['senior-a', 'senior-b', 'senior-c']));
  if (!stored.chain.ok) bad.push(`chain: ${JSON.stringify(stored.chain.broken)}`);
  const reused = new Set<string>();
  for (const a of load.acks) {
    const r = stored.requests.get(a.id);
    if (!r) {
      bad.push(`acknowledged ${a.id} (${a.status}) is not stored`);
      continue;
    }
    if (a.kind === 'reuse') {
      if (reused.has(a.id)) bad.push(`approval of ${a.id} was used twice`);
      reused.add(a.id);
      if (r.status !== 'used') bad.push(`${a.id} was let through on its approval but is ${r.status}`);
    } else if (a.status === 'allowed' && r.status !== 'allowed') bad.push(`${a.id} answered allowed, stored ${r.status}`);
    else if (a.status === 'pending' && ['allowed', 'denied'].includes(r.status)) bad.push(`${a.id} answered pending, stored ${r.status}`);
  }
  const perRequest = new Map<string, string[]>();
  for (const e of stored.audit) {
    const id = e.body['request'];
    if (typeof id === 'string') perRequest.set(id, [...(perRequest.get(id) ?? []), e.type]);
  }
  for (const r of stored.requests.values()) {
    const types = perRequest.get(r.id) ?? [];
    const count = (t: string) => types.filter((x) => x === t).length;
    const approvers = r.approvals.map((x) => x.by);
    if (count('action.proposed') !== 1 || count('action.decided') !== 1) bad.push(`${r.id}: ${types.join(',')}`);
    if (count('request.approved') !== approvers.length) bad.push(`${r.id}: ${count('request.approved')} approval entries for ${approvers.length} approvals`);
    if (count('request.used') !== (r.status === 'used' ? 1 : 0)) bad.push(`${r.id} is ${r.status} with ${count('request.used')} use entries`);
    if (new Set(approvers).size !== approvers.length) bad.push(`${r.id} counts one approver twice: ${approvers.join(',')}`);
    if (approvers.some((a) => !seniors.has(a) || a === r.operator)) bad.push(`${r.id} counts an approval that may not count: ${approvers.join(',')}`);
    if ((r.status === 'approved' || r.status === 'used') && approvers.length < 2) bad.push(`${r.id} is ${r.status} with ${approvers.length} approvals`);
    // one stored change per audited change: version = 1 + every entry after the two at creation
    if (r.version !== types.length - 1) bad.push(`${r.id} is at version ${r.version} with ${types.length} entries`);
  }
  return bad;
}

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
