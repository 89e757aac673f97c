// Claude Code: PreToolUse and PermissionRequest, as a command hook (stdin/stdout/exit code) and as
// the body of the `http` hook. Exit 2 blocks (stderr goes to Claude); exit 1 would let the call run.
import { CountersignError } from '../../core/errors.js';
import type { Action } from '../../core/index.js';
import { editAction, editList, fileAction, isObject, mcpAction, oneEdit, obj, optStr, shellAction, splitDoubleUnderscore, str } from '../tools.js';
import type { HookOutcome, HostAdapter, ParseResult, Rendered } from '../types.js';

const EVENTS = ['PreToolUse', 'PermissionRequest'] as const;

/** Tools that change nothing outside the conversation: nothing for Countersign to decide. */
const READ_ONLY = new Set(['Read', 'Glob', 'Grep', 'LS', 'WebSearch', 'WebFetch', 'TodoWrite', 'TodoRead', 'BashOutput', 'ListMcpResourcesTool', 'ReadMcpResourceTool', 'ExitPlanMode', 'Task']);

function actionsFor(tool: string, input: Record<string, unknown>, cwd: string | undefined, mcpServer: string | undefined): Action[] {
  switch (tool) {
    case 'Bash':
      return [shellAction(input['command'], cwd)];
    case 'Write':
      return [fileAction('write', input['file_path'], cwd, input['content'])];
    case 'Edit':
      // old_string and replace_all decide the effect as much as new_string: all bind the approval.
      return [editAction(input['file_path'], cwd, [oneEdit(input, 'old_string', 'new_string', 'replace_all')])];
    case 'MultiEdit':
      return [editAction(input['file_path'], cwd, editList(input['edits']))];
    case 'NotebookEdit':
      return [fileAction('edit', input['notebook_path'], cwd, input['new_source'])];
  }
  if (READ_ONLY.has(tool)) return [];
  const mcp = splitDoubleUnderscore(tool, mcpServer);
  if (mcp) return [mcpAction(mcp.server, mcp.tool, input)];
  throw new CountersignError('E_UNSUPPORTED_KIND', `Countersign does not know the tool "${tool}". Narrow the hook's matcher to Bash|Write|Edit|MultiEdit|NotebookEdit|mcp__.* (run \`countersign init claude-code\`).`);
}

export function parse(input: unknown): ParseResult {
  const event = isObject(input) && typeof input['hook_event_name'] === 'string' ? input['hook_event_name'] : 'PreToolUse';
  try {
    const o = obj(input, 'The hook input');
    if (!(EVENTS as readonly string[]).includes(event)) {
      throw new CountersignError('E_BAD_INPUT', `Countersign answers PreToolUse and PermissionRequest, not "${event}"; remove it from the hook configuration.`);
    }
    const tool = str(o['tool_name'], 'tool_name');
    const cwd = optStr(o['cwd']);
    const server = isObject(o['mcp_server']) ? optStr(o['mcp_server']['name']) : undefined;
    const actions = actionsFor(tool, obj(o['tool_input'], 'tool_input'), cwd, server);
    const session = optStr(o['session_id']);
    return { ok: true, call: { event, tool, actions, context: { host: 'claude-code', ...(cwd ? { cwd } : {}), ...(session ? { session } : {}) } } };
  } catch (err) {
    const e = err instanceof CountersignError ? err : new CountersignError('E_BAD_INPUT', String(err));
    return { ok: false, event, code: e.code, message: e.message };
  }
}

/** The JSON answer (stdout of the command hook, body of the http hook); undefined = no opinion. */
export function output(outcome: HookOutcome, event: string): Record<string, unknown> | undefined {
  if (event === 'PermissionRequest') {
    if (outcome.decision === 'allow') return { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } };
    // No `ask` here: without a decision Claude shows its own permission dialog, which is what ask means.
    if (outcome.decision !== 'deny') return undefined;
    return { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: outcome.reason } } };
  }
  if (outcome.decision === 'pass') return undefined;
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: outcome.decision, permissionDecisionReason: outcome.reason } };
}

export function render(outcome: HookOutcome, event: string): Rendered {
  const body = output(outcome, event);
  const stdout = body ? `${JSON.stringify(body)}\n` : '';
  // Deny by exit 2 as well as by JSON: exit 2 blocks even where the JSON is not read.
  if (outcome.decision === 'deny') return { stdout, stderr: `${outcome.reason}\n`, exitCode: 2 };
  return { stdout, stderr: '', exitCode: 0 };
}

export const claudeCode: HostAdapter = { host: 'claude-code', events: EVENTS, parse, render };
