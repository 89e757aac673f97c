// Recovery end-to-end harness: a team whose production policy REQUIRES a recovery point for
// destructive actions, with broker targets for a PostgreSQL database of its own, a workspace, a
// git repository and a workspace whose recovery.max_bytes is tiny; helpers to approve and roll back.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { api, BIN, makeTeam, type Server, type TeamDir } from '../e2e/kit.js';
import type { Db, Ran } from '../broker/kit.js';

export function recoveryTeam(db: Db): TeamDir {
  return makeTeam((yaml) => {
    const edited = yaml
      .replace('recovery_point: optional', 'recovery_point: required')
      .replace(
        /^targets:\n/m,
        `targets:
  - id: db
    environment: production
    credentials:
      env: {PGHOST: 127.0.0.1, PGUSER: ${db.role}, PGDATABASE: ${db.database}}
  - id: ws
    environment: production
    credentials: {env: {CS_WORKSPACE: ws}}
    recovery: {max_bytes: 50MB, retention: 7d}
  - id: repo
    environment: production
    credentials: {env: {CS_WORKSPACE: repo}}
  - id: small
    environment: production
    credentials: {env: {CS_WORKSPACE: small}}
    recovery: {max_bytes: 100}
`,
      );
    assert.notEqual(edited, yaml, 'the starter config changed shape: the recovery test cannot edit it');
    return edited;
  });
}

/** `countersign <argv...>` as the agent runs it. */
export function asAgent(env: Record<string, string>, argv: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `countersign <argv...>` as the agent while the approvers approve the request it waits for
 * (the pending request whose command is `command`). */
export async function asAgentApproved(server: Server, team: TeamDir, env: Record<string, string>, argv: string[], cwd: string, command: string, approvers = ['senior-b', 'senior-c']): Promise<Ran & { id: string }> {
  let finished: Ran | null = null;
  const running = asAgent(env, argv, cwd).then((r) => (finished = r));
  // If the agent's command ends before anything waits for approval, say how it ended.
  const id = await pendingId(server, team, command, () => (finished ? `the agent's command ended first: ${JSON.stringify(finished)}` : null));
  for (const who of approvers) {
    const a = await api(server.url, team.tokens.get(who)!, 'POST', `/v1/actions/${id}/approve`, { reason: 'recovery test' });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    if (a.body.status === 'approved') break;
  }
  return { ...(await running), id };
}

export async function pendingId(server: Server, team: TeamDir, command: string, gaveUp: () => string | null = () => null): Promise<string> {
  for (let i = 0; i < 1200; i++) {
    const why = gaveUp();
    if (why) throw new Error(`no pending request for ${command}: ${why}`);
    const list = await api(server.url, team.tokens.get('admin')!, 'GET', '/v1/requests?status=pending');
    const hit = (list.body.requests ?? []).find((v: { action: { command?: string } }) => v.action.command === command);
    if (hit) return hit.id as string;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`no pending request for ${command}`);
}

/** The audit entries of one type, oldest first. */
export async function auditOf(server: Server, team: TeamDir, type: string): Promise<{ body: Record<string, unknown> }[]> {
  const r = await api(server.url, team.tokens.get('admin')!, 'GET', `/v1/audit?type=${type}&limit=1000`);
  return r.body.entries;
}

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}
