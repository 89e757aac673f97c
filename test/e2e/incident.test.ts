// The December 2025 incident, end to end on a real server: an agent's `terraform apply` whose plan
// replaces the production database, the people who may and may not sign it off, the approval
// bound to the exact action, and an audit log that catches a one-byte change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { api, cli, makeTeam, plan, serve } from './kit.js';

test('the incident: replacing the production database needs two seniors, once; deleting the environment never', async () => {
  const team = makeTeam();
  const srv = await serve(team);
  const t = (id: string): string => team.tokens.get(id)!;
  try {
    const replaceDb = { kind: 'terraform-plan', command: 'terraform apply', plan: plan(['aws_db_instance.main', ['delete', 'create']]) };
    const submit = (action: unknown) => api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action, context: { cwd: team.prod, session: 's1', host: 'claude-code' } });

    const first = await submit(replaceDb);
    assert.equal(first.status, 200);
    const id = first.body.id as string;
    assert.deepEqual(first.body, {
      id,
      status: 'pending',
      risk: 'destructive',
      reasons: first.body.reasons,
      approval: { count: 2, roles: ['senior'], have: 0, expiresAt: first.body.approval.expiresAt, url: `${srv.url}/requests/${id}` },
    });

    const approve = (who: string) => api(srv.url, t(who), 'POST', `/v1/actions/${id}/approve`, { reason: `${who} checked the plan` });
    const operator = await approve('senior-a');
    assert.deepEqual([operator.status, operator.body.error.code], [403, 'E_OPERATOR_APPROVAL']);
    const agent = await approve('agent-1');
    assert.deepEqual([agent.status, agent.body.error.code], [403, 'E_AGENT_APPROVAL']);
    const one = await approve('senior-b');
    assert.deepEqual([one.status, one.body.status, one.body.approval.have], [200, 'pending', 1]);
    const two = await approve('senior-c');
    assert.deepEqual([two.status, two.body.status, two.body.approvals.map((a: { by: string }) => a.by)], [200, 'approved', ['senior-b', 'senior-c']]);

    const again = await submit(replaceDb);
    assert.deepEqual([again.body.id, again.body.status], [id, 'allowed']);
    const third = await submit(replaceDb);
    assert.equal(third.body.status, 'pending');
    assert.notEqual(third.body.id, id);

    const changed = await submit({ ...replaceDb, plan: plan(['aws_db_instance.main', ['delete', 'create']], ['aws_s3_bucket.logs', ['delete']]) });
    assert.equal(changed.body.status, 'pending');
    assert.ok(![id, third.body.id].includes(changed.body.id));

    const deleteEnv = { kind: 'terraform-plan', command: 'terraform apply', plan: plan(['aws_elastic_beanstalk_environment.prod', ['delete', 'create']]) };
    const denied = await submit(deleteEnv);
    assert.equal(denied.body.status, 'denied');
    const lateApproval = await api(srv.url, t('senior-b'), 'POST', `/v1/actions/${denied.body.id}/approve`, { reason: 'please' });
    assert.equal(lateApproval.body.error.code, 'E_NOT_PENDING');
    const glass = await api(srv.url, t('admin'), 'POST', `/v1/actions/${denied.body.id}/break-glass`, { reason: 'please' });
    assert.equal(glass.body.error.code, 'E_NOT_PENDING');
    assert.equal((await submit(deleteEnv)).body.status, 'denied');

    const viaServer = await api(srv.url, t('admin'), 'GET', '/v1/audit/verify');
    assert.deepEqual([viaServer.body.ok, viaServer.body.broken], [true, undefined]);
  } finally {
    assert.equal(await srv.stop(), 0);
  }

  const ok = cli(['audit', 'verify', '--dir', team.dir]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^ok: \d+ entries verify/);

  // One byte of one stored entry: the target recorded in a proposal. SQLite may keep stale copies
  // of a row in free space after a page split, so try each place the text occurs, one byte at a
  // time, restoring the file in between: a change to the live copy must break the chain.
  const db = join(team.dir, 'data', 'countersign.db');
  // Move every committed page from the WAL into the database file first, so the bytes are there.
  const conn = new Database(db);
  conn.pragma('wal_checkpoint(TRUNCATE)');
  conn.close();
  const original = readFileSync(db);
  const marker = Buffer.from('"resolution":"target \\"prod\\"');
  const reports: { code: number | null; out: string }[] = [];
  for (let at = original.indexOf(marker); at >= 0; at = original.indexOf(marker, at + 1)) {
    const bytes = Buffer.from(original);
    bytes[at + marker.length - 3] = 'q'.charCodeAt(0); // "prod" -> "proq"
    writeFileSync(db, bytes);
    const r = cli(['audit', 'verify', '--dir', team.dir, '--json']);
    reports.push({ code: r.code, out: r.stdout });
    writeFileSync(db, original);
  }
  const caught = reports.filter((r) => r.code === 1).map((r) => JSON.parse(r.out));
  assert.ok(caught.length >= 1, `some live copy was changed: ${JSON.stringify(reports)}`);
  assert.deepEqual([caught[0].ok, caught[0].broken.reason], [false, 'hash mismatch: the entry was changed after it was written']);
  assert.ok(reports.every((r) => r.code === 1 || (r.code === 0 && JSON.parse(r.out).ok === true)));
});

test('an expired request is never allowed: the same action afterwards is a new request', async () => {
  // A one-second TTL on the production default so the test can outwait it.
  const team = makeTeam((y) => y.replace('approve: {count: 2, roles: [senior], ttl: 30m, recovery_point: optional}', 'approve: {count: 2, roles: [senior], ttl: 1s, recovery_point: optional}'));
  const srv = await serve(team);
  const t = (id: string): string => team.tokens.get(id)!;
  try {
    const action = { kind: 'sql', sql: 'DROP TABLE invoices' };
    const a = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action, context: { cwd: team.prod } });
    assert.equal(a.body.status, 'pending');
    const waited = await api(srv.url, t('agent-1'), 'GET', `/v1/actions/${a.body.id}?wait=20`);
    assert.equal(waited.body.status, 'expired');
    const late = await api(srv.url, t('senior-b'), 'POST', `/v1/actions/${a.body.id}/approve`, { reason: 'late' });
    assert.equal(late.body.error.code, 'E_EXPIRED');
    const b = await api(srv.url, t('agent-1'), 'POST', '/v1/actions', { action, context: { cwd: team.prod } });
    assert.equal(b.body.status, 'pending');
    assert.notEqual(b.body.id, a.body.id);
  } finally {
    await srv.stop();
  }
});
