// `terraform apply <planfile>` through the command hook: the hook reads the plan with the real
// `terraform show -json` and submits it, so a "replace" (delete and recreate) is judged as such.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
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

// Terraform is neither a Debian nor an npm package; where the machine has none these tests say so.
const NO_TERRAFORM = ['/usr/local/bin/terraform', '/usr/bin/terraform'].some((p) => existsSync(p)) ? false : 'no terraform binary in /usr/local/bin or /usr/bin';
const tf = (dir: string, ...args: string[]): string => execFileSync('terraform', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

test('hook: a plan file that replaces a resource is submitted as the plan and held as destructive', { skip: NO_TERRAFORM }, async () => {
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

test('hook: a plan file terraform cannot read fails closed (E_PLAN_SHAPE)', { skip: NO_TERRAFORM }, async () => {
  const dir = join(team.staging, 'broken');
  mkdirSync(dir);
  writeFileSync(join(dir, 'bad.plan'), 'this is not a plan');
  const input = JSON.stringify({ hook_event_name: 'preToolUse', cwd: dir, tool_name: 'execute_bash', tool_input: { command: 'terraform apply bad.plan' } });
  const r = await runHook('kiro', input, { COUNTERSIGN_URL: team.url, COUNTERSIGN_TOKEN: team.token('agent-1'), PATH: process.env['PATH'] });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^Countersign blocked this action \(E_PLAN_SHAPE\): .*terraform show -json .*bad\.plan` failed/);
});

/** A fake terraform that leaves a marker when run and prints an empty plan (which would be "allowed"). */
function fakeTerraform(path: string, marker: string): void {
  writeFileSync(path, `#!/bin/sh\ntouch '${marker}'\necho '{"format_version":"1.2","resource_changes":[]}'\n`);
  chmodSync(path, 0o755);
}

test('hook: a path-qualified terraform named by the agent is never run; the apply is not allowed', async () => {
  const dir = join(team.prod, 'fake-bin');
  mkdirSync(dir);
  const marker = join(dir, 'ran');
  fakeTerraform(join(dir, 'terraform'), marker);
  writeFileSync(join(dir, 'plan.out'), 'anything');
  const ids: unknown[] = [];
  for (const command of ['./terraform apply plan.out', `${dir}/terraform apply plan.out`, 'TF_IN_AUTOMATION=1 ./terraform apply plan.out']) {
    const input = JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 's', cwd: dir, tool_name: 'Bash', tool_input: { command } });
    const r = await runHook('claude-code', input, { COUNTERSIGN_URL: team.url, COUNTERSIGN_TOKEN: team.token('agent-1'), COUNTERSIGN_HOOK_WAIT: '0', PATH: process.env['PATH'] });
    const id = /request (req_[a-z0-9]+)/.exec(r.stderr)?.[1];
    const view = id ? (await human(team, 'admin', 'GET', `/v1/actions/${id}`)).body : undefined;
    ids.push({ command, code: r.code, kind: view?.action.kind, risk: view?.risk, status: view?.status });
  }
  assert.deepEqual(
    { ran: existsSync(marker), ids },
    {
      ran: false,
      ids: [
        { command: './terraform apply plan.out', code: 2, kind: 'shell', risk: 'unknown', status: 'pending' },
        { command: `${dir}/terraform apply plan.out`, code: 2, kind: 'shell', risk: 'unknown', status: 'pending' },
        { command: 'TF_IN_AUTOMATION=1 ./terraform apply plan.out', code: 2, kind: 'shell', risk: 'unknown', status: 'pending' },
      ],
    },
  );
});

test('hook: a bare terraform is read with the trusted binary, never one on a PATH entry in the workspace', { skip: NO_TERRAFORM }, async () => {
  const dir = join(team.prod, 'fake-path');
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const marker = join(dir, 'ran');
  fakeTerraform(join(dir, 'bin', 'terraform'), marker);
  writeFileSync(join(dir, 'plan.out'), 'not a plan');
  const input = JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 's', cwd: dir, tool_name: 'Bash', tool_input: { command: 'terraform apply plan.out' } });
  const r = await runHook('claude-code', input, { COUNTERSIGN_URL: team.url, COUNTERSIGN_TOKEN: team.token('agent-1'), COUNTERSIGN_HOOK_WAIT: '0', PATH: `${dir}/bin:.:${process.env['PATH']}` });
  // The real terraform cannot read "not a plan": fail closed, and the fake never ran.
  assert.deepEqual(
    { ran: existsSync(marker), code: r.code, error: /^Countersign blocked this action \((E_[A-Z_]+)\)/.exec(r.stderr)?.[1], ran_bin: /\(Command failed: (\S+) show -json /.exec(r.stderr)?.[1] },
    { ran: false, code: 2, error: 'E_PLAN_SHAPE', ran_bin: '/usr/local/bin/terraform' },
  );
});
