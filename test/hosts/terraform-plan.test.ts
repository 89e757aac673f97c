// `terraform apply <planfile>` through the command hook: the hook reads the plan with the real
// `terraform show -json` and submits it, so a "replace" (delete and recreate) is judged as such.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHook } from './run-hook.js';
import { human, startTeam, type Team } from './team.js';

let team: Team;
before(async () => {
  team = await startTeam({ hookWaitSeconds: 1 });
});
after(async () => {
  await team?.stop();
});

const tf = (dir: string, ...args: string[]): string => execFileSync('terraform', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

test('hook: a plan file that replaces a resource is submitted as the plan and held as destructive', async () => {
  const dir = join(team.prod, 'orders-db');
  mkdirSync(dir);
  writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "orders_db" {\n  input            = "orders"\n  triggers_replace = ["v1"]\n}\n');
  tf(dir, 'init', '-input=false');
  tf(dir, 'apply', '-auto-approve', '-input=false');
  writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "orders_db" {\n  input            = "orders"\n  triggers_replace = ["v2"]\n}\n');
  tf(dir, 'plan', '-out', 'replace.plan', '-input=false');

  const input = JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 's', cwd: dir, tool_name: 'Bash', tool_input: { command: 'terraform apply replace.plan' } });
  const r = await runHook('claude-code', input, { COUNTERSIGN_URL: team.url, COUNTERSIGN_TOKEN: team.token('agent-1'), COUNTERSIGN_HOOK_WAIT: '1', PATH: process.env['PATH'] });
  assert.equal(r.code, 2, r.stderr);
  const id = /request (req_[a-z0-9]+)/.exec(r.stderr)![1]!;
  const view = (await human(team, 'admin', 'GET', `/v1/actions/${id}`)).body;
  assert.deepEqual(
    { kind: view.action.kind, command: view.action.command, risk: view.risk, changes: view.report.changes, status: view.status },
    { kind: 'terraform-plan', command: 'terraform apply replace.plan', risk: 'destructive', changes: { create: 0, update: 0, delete: 0, replace: 1 }, status: 'pending' },
  );
});

test('hook: a plan file terraform cannot read fails closed (E_PLAN_SHAPE)', async () => {
  const dir = join(team.staging, 'broken');
  mkdirSync(dir);
  writeFileSync(join(dir, 'bad.plan'), 'this is not a plan');
  const input = JSON.stringify({ hook_event_name: 'preToolUse', cwd: dir, tool_name: 'execute_bash', tool_input: { command: 'terraform apply bad.plan' } });
  const r = await runHook('kiro', input, { COUNTERSIGN_URL: team.url, COUNTERSIGN_TOKEN: team.token('agent-1'), PATH: process.env['PATH'] });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^Countersign blocked this action \(E_PLAN_SHAPE\): .*terraform show -json .*bad\.plan` failed/);
});
