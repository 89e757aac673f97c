// The probe doctor sends through a hook: a harmless shell command in each host's input format, and
// how to read each host's answer back (allowed, denied with a reason, or not an answer at all).
import type { HostName } from '../../adapters/types.js';

/** `denied`: the policy refused the probe; `failed`: the hook answered deny because something is
 * wrong (no token, server down...); `broken`: not an answer in the host's protocol at all. */
export type ProbeVerdict = { kind: 'allowed' | 'denied' | 'failed' | 'broken'; detail: string };

function denial(detail: string): ProbeVerdict {
  return { kind: /^Countersign blocked this action \(E_/.test(detail) ? 'failed' : 'denied', detail };
}

const COMMAND = 'echo countersign-probe';

export function probeInput(host: HostName, cwd: string): Record<string, unknown> {
  switch (host) {
    case 'claude-code':
      return { session_id: 'countersign-doctor', cwd, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: COMMAND }, tool_use_id: 'countersign-doctor' };
    case 'cursor':
      return { conversation_id: 'countersign-doctor', generation_id: 'countersign-doctor', workspace_roots: [cwd], hook_event_name: 'beforeShellExecution', command: COMMAND, cwd };
    case 'gemini':
      return { session_id: 'countersign-doctor', cwd, hook_event_name: 'BeforeTool', timestamp: new Date(0).toISOString(), tool_name: 'run_shell_command', tool_input: { command: COMMAND } };
    case 'codex':
      return { session_id: 'countersign-doctor', turn_id: 'doctor', cwd, hook_event_name: 'PreToolUse', model: 'doctor', permission_mode: 'default', tool_name: 'Bash', tool_input: { command: COMMAND }, tool_use_id: 'countersign-doctor' };
    case 'kiro':
      return { hook_event_name: 'preToolUse', cwd, tool_name: 'execute_bash', tool_input: { command: COMMAND } };
  }
}

function json(s: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function readProbe(host: HostName, r: { code: number | null; stdout: string; stderr: string }): ProbeVerdict {
  const err = r.stderr.trim();
  if (r.code === 2) return err.startsWith('Countersign') ? denial(err) : { kind: 'broken', detail: `exit 2 without a Countersign reason: ${err || '(empty stderr)'}` };
  if (r.code !== 0) return { kind: 'broken', detail: `exit ${r.code ?? 'signal/timeout'}: ${err || '(empty stderr)'}` };
  const out = json(r.stdout.trim());
  const hso = out?.['hookSpecificOutput'] as Record<string, unknown> | undefined;
  switch (host) {
    case 'claude-code':
      if (hso?.['permissionDecision'] === 'allow') return { kind: 'allowed', detail: String(hso['permissionDecisionReason'] ?? '') };
      if (hso?.['permissionDecision'] === 'deny') return denial(String(hso['permissionDecisionReason'] ?? ''));
      break;
    case 'cursor':
      if (out?.['permission'] === 'allow') return { kind: 'allowed', detail: '' };
      break;
    case 'gemini':
      if (out?.['decision'] === 'allow') return { kind: 'allowed', detail: String(out['reason'] ?? '') };
      break;
    case 'codex':
    case 'kiro':
      // Both allow by exiting 0 with nothing to say.
      if (r.stdout.trim() === '') return { kind: 'allowed', detail: '' };
      break;
  }
  return { kind: 'broken', detail: `exit 0 with an answer Countersign does not write: ${r.stdout.trim().slice(0, 200) || '(empty)'}` };
}
