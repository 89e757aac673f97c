// Gemini CLI: BeforeTool. Answers `{decision, reason}` JSON; a deny also exits 2, which Gemini
// treats as a block (exit 1 is only a warning and lets the tool run).
import { CountersignError } from '../../core/errors.js';
import type { Action } from '../../core/index.js';
import { editAction, fileAction, isObject, mcpAction, obj, optStr, resolvePath, shellAction, str } from '../tools.js';
import type { HookOutcome, HostAdapter, ParseResult, Rendered } from '../types.js';

const EVENTS = ['BeforeTool'] as const;

const READ_ONLY = new Set(['read_file', 'read_many_files', 'list_directory', 'glob', 'search_file_content', 'grep', 'web_fetch', 'google_web_search', 'save_memory', 'write_todos']);

function mcpName(tool: string, ctx: unknown): { server: string; tool: string } | undefined {
  if (isObject(ctx) && typeof ctx['server_name'] === 'string' && typeof ctx['tool_name'] === 'string') {
    return { server: ctx['server_name'], tool: ctx['tool_name'] };
  }
  // Without mcp_context the split is ambiguous when the server name holds "_": take the first part.
  const m = /^mcp_([^_]+)_(.+)$/.exec(tool);
  return m ? { server: m[1]!, tool: m[2]! } : undefined;
}

function actionsFor(tool: string, input: Record<string, unknown>, cwd: string | undefined, ctx: unknown): Action[] {
  switch (tool) {
    case 'run_shell_command': {
      const dir = optStr(input['dir_path']) ?? optStr(input['directory']);
      return [shellAction(input['command'], dir ? resolvePath(dir, cwd) : cwd)];
    }
    case 'write_file':
      return [fileAction('write', input['file_path'], cwd, input['content'])];
    case 'replace':
    {
      // Gemini replaces exactly expected_replacements occurrences (1 by default) or fails, so
      // more than one means every occurrence.
      const n = input['expected_replacements'];
      if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 1)) throw new CountersignError('E_BAD_INPUT', 'tool_input.expected_replacements must be a positive integer.');
      const old = input['old_string'] ?? '';
      const neu = input['new_string'] ?? '';
      if (typeof old !== 'string' || typeof neu !== 'string') throw new CountersignError('E_BAD_INPUT', 'old_string and new_string must be strings.');
      return [editAction(input['file_path'], cwd, [n !== undefined && n > 1 ? { old, new: neu, all: true } : { old, new: neu }])];
    }
  }
  if (READ_ONLY.has(tool)) return [];
  const mcp = tool.startsWith('mcp_') || isObject(ctx) ? mcpName(tool, ctx) : undefined;
  if (mcp) return [mcpAction(mcp.server, mcp.tool, input)];
  throw new CountersignError('E_UNSUPPORTED_KIND', `Countersign does not know the Gemini tool "${tool}". Limit the BeforeTool matcher to run_shell_command|write_file|replace|mcp_.* (run \`countersign init gemini\`).`);
}

export function parse(input: unknown): ParseResult {
  const event = isObject(input) && typeof input['hook_event_name'] === 'string' ? input['hook_event_name'] : 'BeforeTool';
  try {
    const o = obj(input, 'The hook input');
    if (event !== 'BeforeTool') throw new CountersignError('E_BAD_INPUT', `Countersign answers BeforeTool, not "${event}"; remove it from .gemini/settings.json.`);
    const tool = str(o['tool_name'], 'tool_name');
    const cwd = optStr(o['cwd']);
    const actions = actionsFor(tool, obj(o['tool_input'], 'tool_input'), cwd, o['mcp_context']);
    const session = optStr(o['session_id']);
    return { ok: true, call: { event, tool, actions, context: { host: 'gemini', ...(cwd ? { cwd } : {}), ...(session ? { session } : {}) } } };
  } catch (err) {
    const e = err instanceof CountersignError ? err : new CountersignError('E_BAD_INPUT', String(err));
    return { ok: false, event, code: e.code, message: e.message };
  }
}

export function render(outcome: HookOutcome, _event: string): Rendered {
  if (outcome.decision === 'pass') return { stdout: '', stderr: '', exitCode: 0 };
  const body: Record<string, unknown> = { decision: outcome.decision, reason: outcome.reason };
  if (outcome.decision === 'deny') body['systemMessage'] = outcome.requestId ? `Countersign: request ${outcome.requestId}${outcome.url ? ` — approve at ${outcome.url}` : ''}` : 'Countersign blocked this tool call.';
  const stdout = `${JSON.stringify(body)}\n`;
  if (outcome.decision === 'deny') return { stdout, stderr: `${outcome.reason}\n`, exitCode: 2 };
  return { stdout, stderr: '', exitCode: 0 };
}

export const gemini: HostAdapter = { host: 'gemini', events: EVENTS, parse, render };
