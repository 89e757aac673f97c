// `terraform apply <planfile>` says nothing about its effect; the plan file does. When the command is
// a plain apply of a plan file that exists, submit the plan itself (`terraform show -json`) so the
// server classifies the real effect (a "replace" of a database is destructive). Only a command with
// no shell syntax at all qualifies; anything else stays a shell action for the shell classifier.
//
// This runs before any decision, so it must never run anything the agent could have written: the
// binary named in the command is never executed. Only a bare `terraform`/`tofu` qualifies, and the
// binary that reads the plan comes from a trusted place (COUNTERSIGN_TERRAFORM / COUNTERSIGN_TOFU,
// else /usr/local/bin, else /usr/bin), never from PATH or the working directory.
import type { Action, ShellAction } from '../core/index.js';
import { CountersignError } from '../core/errors.js';

const PLAIN = /^[\w@%+=:,./ -]+$/;
const TOOLS = { terraform: 'COUNTERSIGN_TERRAFORM', tofu: 'COUNTERSIGN_TOFU' } as const;
type Tool = keyof typeof TOOLS;
export const TRUSTED_DIRS = ['/usr/local/bin', '/usr/bin'] as const;

/** The tool, plan file and directory a command applies, or undefined when it is not such a command. */
export function planApply(command: string, cwd: string | undefined): { bin: Tool; dir: string; plan: string } | undefined {
  if (!cwd || !PLAIN.test(command)) return undefined;
  const words = command.trim().split(/ +/);
  const bin = words[0] ?? '';
  // `./terraform`, `/opt/x/terraform`, `TF_X=1 terraform`: a binary of the agent's choosing (or an
  // environment it set) would run before the decision. Those stay shell commands (unknown).
  if (bin !== 'terraform' && bin !== 'tofu') return undefined;
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

const inside = (p: string, dir: string): boolean => {
  const d = dir.replace(/\/+$/, '');
  return d === '' || p === d || p.startsWith(`${d}/`);
};

/** The binary that may read plans for `tool`: the configured absolute path, else the first trusted
 * directory holding it; undefined when none qualifies. Nothing inside a working directory counts. */
export function trustedBinary(tool: Tool, env: Record<string, string | undefined>, isExecutable: (path: string) => boolean, workDirs: string[]): string | undefined {
  const configured = env[TOOLS[tool]];
  const candidates = configured ? [configured] : TRUSTED_DIRS.map((d) => `${d}/${tool}`);
  for (const c of candidates) {
    if (!c.startsWith('/') || c.split('/').includes('..')) continue;
    if (workDirs.some((w) => inside(c, w))) continue;
    if (isExecutable(c)) return c;
  }
  return undefined;
}

/** The child's environment: TF_CLI_ARGS* would add arguments to `show` (e.g. a different command). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^TF_CLI_ARGS/.test(k)) env[k] = v;
  return env;
}

/** Replaces a plan-file apply with a terraform-plan action; fails closed when the plan cannot be read. */
export async function withPlan(action: Action, timeoutMs = 20_000): Promise<Action> {
  if (action.kind !== 'shell') return action;
  const cwd = (action as ShellAction).cwd;
  const target = planApply(action.command, cwd);
  if (!target) return action;
  // Loaded only here: the common hook path never pays for child_process.
  const { accessSync, constants, existsSync, statSync } = await import('node:fs');
  if (!existsSync(target.plan)) return action;
  const executable = (p: string): boolean => {
    try {
      accessSync(p, constants.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  const bin = trustedBinary(target.bin, process.env, executable, [cwd!, target.dir]);
  // No trusted binary: submit the command as it is; the classifier answers unknown for it.
  if (!bin) return action;
  const { execFile } = await import('node:child_process');
  const json = await new Promise<string>((resolve, reject) => {
    execFile(bin, ['show', '-json', target.plan], { cwd: target.dir, env: childEnv(), timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
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
