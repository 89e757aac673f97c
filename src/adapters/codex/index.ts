// Codex: PreToolUse and PermissionRequest. Codex refuses `ask` and a plain `allow` (a refused answer
// marks the hook failed and the call proceeds), so allow is "no output, exit 0" and ask becomes deny.
// A deny exits 2 with the reason on stderr: exit 2 with empty stderr would not block.
import { CountersignError } from '../../core/errors.js';
import type { Action } from '../../core/index.js';
import { patchActions } from '../apply-patch.js';
import { isObject, mcpAction, obj, optStr, shellAction, splitDoubleUnderscore, str } from '../tools.js';
import type { HookOutcome, HostAdapter, ParseResult, Rendered } from '../types.js';

const EVENTS = ['PreToolUse', 'PermissionRequest'] as const;

/** Codex's shell tool takes argv; `["bash", "-lc", script]` is the script itself. */
function commandText(c: unknown): unknown {
  if (!Array.isArray(c)) return c;
  if (!c.every((x) => typeof x === 'string')) throw new CountersignError('E_BAD_INPUT', 'tool_input.command must be a string or an array of strings.');
  const argv = c as string[];
  if (argv.length === 3 && /(^|\/)(ba|z|da)?sh$/.test(argv[0]!) && (argv[1] === '-c' || argv[1] === '-lc')) return argv[2];
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function actionsFor(tool: string, input: Record<string, unknown>, cwd: string | undefined): Action[] {
  const dir = optStr(input['workdir']) ?? cwd;
  if (tool === 'Bash' || tool === 'shell' || tool === 'local_shell' || tool === 'exec_command') return [shellAction(commandText(input['command'] ?? input['cmd']), dir)];
  if (tool === 'apply_patch' || tool === 'Write' || tool === 'Edit') {
    return patchActions(str(input['command'] ?? input['input'] ?? input['patch'], 'tool_input.command (the patch)'), cwd);
  }
  const mcp = splitDoubleUnderscore(tool);
  if (mcp) return [mcpAction(mcp.server, mcp.tool, input)];
  throw new CountersignError('E_UNSUPPORTED_KIND', `Countersign does not know the Codex tool "${tool}". Limit the matcher to Bash|apply_patch|mcp__.* (run \`countersign init codex\`).`);
}

export function parse(input: unknown): ParseResult {
  const event = isObject(input) && typeof input['hook_event_name'] === 'string' ? input['hook_event_name'] : 'PreToolUse';
  try {
    const o = obj(input, 'The hook input');
    if (!(EVENTS as readonly string[]).includes(event)) throw new CountersignError('E_BAD_INPUT', `Countersign answers PreToolUse and PermissionRequest, not "${event}"; remove it from .codex/hooks.json.`);
    const tool = str(o['tool_name'], 'tool_name');
    const cwd = optStr(o['cwd']);
    const actions = actionsFor(tool, obj(o['tool_input'], 'tool_input'), cwd);
    const session = optStr(o['session_id']);
    return { ok: true, call: { event, tool, actions, context: { host: 'codex', ...(cwd ? { cwd } : {}), ...(session ? { session } : {}) } } };
  } catch (err) {
    const e = err instanceof CountersignError ? err : new CountersignError('E_BAD_INPUT', String(err));
    return { ok: false, event, code: e.code, message: e.message };
  }
}

export function render(outcome: HookOutcome, event: string): Rendered {
  const perm = event === 'PermissionRequest';
  if (outcome.decision === 'allow' && perm) {
    return { stdout: `${JSON.stringify({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } })}\n`, stderr: '', exitCode: 0 };
  }
  if (outcome.decision === 'allow' || outcome.decision === 'pass') return { stdout: '', stderr: '', exitCode: 0 };
  const reason = outcome.reason || 'Countersign blocked this tool call.';
  const body = perm
    ? { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: reason } } }
    : { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } };
  return { stdout: `${JSON.stringify(body)}\n`, stderr: `${reason}\n`, exitCode: 2 };
}

export const codex: HostAdapter = { host: 'codex', events: EVENTS, parse, render };
