// The broker's submission: a command the agent wants run with a target's credentials. The target
// is bound (the credentials decide where the command acts), the command is checked for plain reads
// of those credentials, and the rest is the ordinary decision: classify, policy, approvals.
import { CountersignError, type Agent, type SubmitAnswer } from '../../core/index.js';
import type { Engine } from '../../engine/index.js';
import { credentialHazard, exposesCredentials, hazardMessage } from './guard.js';

export type ExecSubmit = { target: string; command: string; cwd?: string; session?: string };

export function parseExecSubmit(body: unknown): ExecSubmit {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new CountersignError('E_BAD_INPUT', 'Send {"target": "...", "command": "...", "cwd"?: "...", "session"?: "..."}.');
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b)) {
    if (!['target', 'command', 'cwd', 'session'].includes(k)) throw new CountersignError('E_UNKNOWN_FIELD', `"${k}" is not a field of an exec request; send target, command, cwd, session.`);
  }
  if (typeof b['target'] !== 'string' || b['target'] === '') throw new CountersignError('E_BAD_INPUT', '"target" must name a configured target.');
  if (typeof b['command'] !== 'string' || b['command'].trim() === '') throw new CountersignError('E_BAD_INPUT', '"command" must be the command line to run.');
  for (const k of ['cwd', 'session']) {
    if (k in b && typeof b[k] !== 'string') throw new CountersignError('E_BAD_INPUT', `"${k}" must be a string.`);
  }
  if (typeof b['cwd'] === 'string' && !b['cwd'].startsWith('/')) throw new CountersignError('E_BAD_INPUT', '"cwd" must be an absolute path.');
  return b as ExecSubmit;
}

export async function submitExec(engine: Engine, agent: Agent, body: unknown): Promise<SubmitAnswer> {
  const x = parseExecSubmit(body);
  const target = engine.target(x.target);
  if (!target) throw new CountersignError('E_NOT_FOUND', `No target "${x.target}" in Countersign's configuration; name a configured target.`);
  if (!target.credentials) throw new CountersignError('E_BAD_INPUT', `Target "${x.target}" has no credentials configured, so the broker has nothing to inject; run the command through your agent host instead.`);
  const exposed = exposesCredentials(x.command, target);
  if (exposed) throw new CountersignError('E_FORBIDDEN', `The broker will not run this command with target "${x.target}"'s credentials: ${exposed}. Credentials stay inside Countersign, so no approval can change this; run it without --target (through your agent host, without the credentials).`);
  const answer = await engine.submit(
    agent,
    {
      action: { kind: 'shell', command: x.command, ...(x.cwd ? { cwd: x.cwd } : {}) },
      target: x.target,
      context: { ...(x.cwd ? { cwd: x.cwd } : {}), ...(x.session ? { session: x.session } : {}), host: 'exec' },
    },
    { bindTarget: x.target },
  );
  // Allowed means no person will read this command before it runs with the credentials, so it
  // must be one the classifier fully understands. (Pending: the approvers read it; see run.ts.)
  if (answer.status === 'allowed') {
    const r = await engine.get(answer.id);
    const why = r ? credentialHazard(x.command, target, r.report) : 'its request could not be read back';
    // A retry of a command people approved comes back allowed: that one may run.
    if (why && !(r?.status === 'approved' && r.approvals.length > 0)) throw new CountersignError('E_FORBIDDEN', hazardMessage(x.target, why));
  }
  return answer;
}
