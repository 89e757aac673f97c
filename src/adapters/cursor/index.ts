// Cursor: beforeShellExecution, beforeMCPExecution and preToolUse. Answers are JSON
// `{permission, user_message, agent_message}`; a deny also exits 2, which Cursor treats as deny.
import { CountersignError } from '../../core/errors.js';
import type { Action } from '../../core/index.js';
import { editAction, editList, fileAction, isObject, mcpAction, oneEdit, obj, optStr, shellAction, str } from '../tools.js';
import type { HookOutcome, HostAdapter, ParseResult, Rendered } from '../types.js';

const EVENTS = ['beforeShellExecution', 'beforeMCPExecution', 'preToolUse'] as const;

const READ_ONLY = new Set(['Read', 'Grep', 'Glob', 'LS', 'ListDir', 'CodebaseSearch', 'SemanticSearch', 'WebSearch', 'WebFetch', 'ReadLints', 'TodoWrite']);

function cwdOf(o: Record<string, unknown>): string | undefined {
  const roots = o['workspace_roots'];
  return optStr(o['cwd']) ?? (Array.isArray(roots) ? optStr(roots[0]) : undefined);
}

/** Cursor names an MCP server by how it is reached (url or command), not by a name. */
function serverOf(o: Record<string, unknown>): string {
  const s = optStr(o['server_name']) ?? optStr(o['server']) ?? optStr(o['url']) ?? optStr(o['command']);
  if (!s) throw new CountersignError('E_BAD_INPUT', 'beforeMCPExecution input names no server (no url or command).');
  return s;
}

function preToolUse(tool: string, input: Record<string, unknown>, cwd: string | undefined): Action[] {
  const path = input['file_path'] ?? input['path'] ?? input['target_file'];
  switch (tool) {
    case 'Shell':
      return [shellAction(input['command'], optStr(input['working_directory']) ?? optStr(input['cwd']) ?? cwd)];
    case 'Write':
      return [fileAction('write', path, cwd, input['content'] ?? input['contents'])];
    case 'Edit':
    case 'StrReplace':
      if (typeof input['old_string'] === 'string') return [editAction(path, cwd, [oneEdit(input, 'old_string', 'new_string', 'replace_all')])];
      return [fileAction('edit', path, cwd, input['new_string'] ?? input['content'])];
    case 'MultiEdit':
      return [editAction(path, cwd, editList(input['edits']))];
    case 'Delete':
      return [fileAction('delete', path, cwd)];
  }
  if (READ_ONLY.has(tool)) return [];
  throw new CountersignError('E_UNSUPPORTED_KIND', `Countersign does not know the Cursor tool "${tool}". Limit preToolUse to Write, StrReplace, Edit, MultiEdit and Delete (run \`countersign init cursor\`).`);
}

export function parse(input: unknown): ParseResult {
  const event = isObject(input) && typeof input['hook_event_name'] === 'string' ? input['hook_event_name'] : 'beforeShellExecution';
  try {
    const o = obj(input, 'The hook input');
    const cwd = cwdOf(o);
    let tool: string;
    let actions: Action[];
    if (event === 'beforeShellExecution') {
      tool = 'shell';
      actions = [shellAction(o['command'], cwd)];
    } else if (event === 'beforeMCPExecution') {
      tool = str(o['tool_name'], 'tool_name');
      actions = [mcpAction(serverOf(o), tool, o['tool_input'])];
    } else if (event === 'preToolUse') {
      tool = str(o['tool_name'], 'tool_name');
      const ti = typeof o['tool_input'] === 'string' ? JSON.parse(o['tool_input']) : o['tool_input'];
      actions = preToolUse(tool, obj(ti, 'tool_input'), cwd);
    } else {
      throw new CountersignError('E_BAD_INPUT', `Countersign answers ${EVENTS.join(', ')}, not "${event}"; remove it from .cursor/hooks.json.`);
    }
    const session = optStr(o['conversation_id']);
    return { ok: true, call: { event, tool, actions, context: { host: 'cursor', ...(cwd ? { cwd } : {}), ...(session ? { session } : {}) } } };
  } catch (err) {
    const e = err instanceof CountersignError ? err : new CountersignError('E_BAD_INPUT', err instanceof Error ? err.message : String(err));
    return { ok: false, event, code: e.code, message: e.message };
  }
}

export function render(outcome: HookOutcome, _event: string): Rendered {
  if (outcome.decision === 'allow' || outcome.decision === 'pass') return { stdout: '{"permission":"allow"}\n', stderr: '', exitCode: 0 };
  const body = { permission: outcome.decision, user_message: outcome.reason, agent_message: outcome.reason };
  const stdout = `${JSON.stringify(body)}\n`;
  if (outcome.decision === 'deny') return { stdout, stderr: `${outcome.reason}\n`, exitCode: 2 };
  return { stdout, stderr: '', exitCode: 0 };
}

export const cursor: HostAdapter = { host: 'cursor', events: EVENTS, parse, render };
