// `terraform apply <planfile>` says nothing about its effect; the plan file does. When the command is
// a plain apply of a plan file that exists, submit the plan itself (`terraform show -json`) so the
// server classifies the real effect (a "replace" of a database is destructive). Only a command with
// no shell syntax at all qualifies; anything else stays a shell action for the shell classifier.
import type { Action, ShellAction } from '../core/index.js';
import { CountersignError } from '../core/errors.js';

const PLAIN = /^[\w@%+=:,./ -]+$/;

/** The plan file and directory a command applies, or undefined when it is not such a command. */
export function planApply(command: string, cwd: string | undefined): { bin: string; dir: string; plan: string } | undefined {
  if (!cwd || !PLAIN.test(command)) return undefined;
  const words = command.trim().split(/ +/);
  const bin = words[0] ?? '';
  if (!/(^|\/)(terraform|tofu)$/.test(bin)) return undefined;
  let dir = cwd;
  let i = 1;
  for (; i < words.length && words[i]!.startsWith('-'); i++) {
    const m = /^-chdir=(.+)$/.exec(words[i]!);
    if (!m) return undefined;
    dir = m[1]!.startsWith('/') ? m[1]! : `${cwd.replace(/\/+$/, '')}/${m[1]}`;
  }
  if (words[i] !== 'apply') return undefined;
  const positional = words.slice(i + 1).filter((w) => !w.startsWith('-'));
  if (positional.length !== 1) return undefined;
  const plan = positional[0]!;
  return { bin, dir, plan: plan.startsWith('/') ? plan : `${dir.replace(/\/+$/, '')}/${plan}` };
}

/** Replaces a plan-file apply with a terraform-plan action; fails closed when the plan cannot be read. */
export async function withPlan(action: Action, timeoutMs = 20_000): Promise<Action> {
  if (action.kind !== 'shell') return action;
  const target = planApply(action.command, (action as ShellAction).cwd);
  if (!target) return action;
  // Loaded only here: the common hook path never pays for child_process.
  const { existsSync } = await import('node:fs');
  if (!existsSync(target.plan)) return action;
  const { execFile } = await import('node:child_process');
  const json = await new Promise<string>((resolve, reject) => {
    execFile(target.bin, ['show', '-json', target.plan], { cwd: target.dir, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
      if (err) reject(new CountersignError('E_PLAN_SHAPE', `\`${target.bin} show -json ${target.plan}\` failed (${err.message.split('\n')[0]}); the apply is not allowed until the plan can be read.`));
      else resolve(stdout);
    });
  });
  let plan: unknown;
  try {
    plan = JSON.parse(json);
  } catch {
    throw new CountersignError('E_PLAN_SHAPE', `\`${target.bin} show -json\` did not print JSON; the apply is not allowed until the plan can be read.`);
  }
  return { kind: 'terraform-plan', plan, command: action.command };
}
