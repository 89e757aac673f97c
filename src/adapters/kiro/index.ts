// Kiro CLI: preToolUse in a custom agent's config. There is no JSON answer: exit 0 allows, exit 2
// blocks and stderr goes to the model; any other code is only a warning and lets the tool run.
import { CountersignError } from '../../core/errors.js';
import type { Action } from '../../core/index.js';
import { editAction, fileAction, isObject, mcpAction, obj, optStr, shellAction, str } from '../tools.js';
import type { HookOutcome, HostAdapter, ParseResult, Rendered } from '../types.js';

const EVENTS = ['preToolUse'] as const;

const READ_ONLY = new Set(['fs_read', 'read', 'introspect', 'report_issue', 'thinking', 'todo_list', 'glob', 'grep', 'web_search', 'web_fetch']);

const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** use_aws names a service operation; as the equivalent `aws` command line the classifier's AWS
 * table judges it (a `delete-*` on a production account is what took the service down in 2025). */
function awsCommand(input: Record<string, unknown>): string {
  const parts = ['aws', str(input['service_name'], 'tool_input.service_name'), str(input['operation_name'], 'tool_input.operation_name')];
  const params = input['parameters'];
  if (params !== undefined) {
    for (const [k, v] of Object.entries(obj(params, 'tool_input.parameters'))) {
      const flag = `--${k.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase()}`;
      if (v === true) parts.push(flag);
      else parts.push(flag, quote(typeof v === 'string' ? v : JSON.stringify(v)));
    }
  }
  const region = optStr(input['region']);
  const profile = optStr(input['profile_name']);
  if (region) parts.push('--region', quote(region));
  if (profile) parts.push('--profile', quote(profile));
  return parts.map((p, i) => (i < 3 ? quote(p) : p)).join(' ');
}

function actionsFor(tool: string, input: Record<string, unknown>, cwd: string | undefined): Action[] {
  switch (tool) {
    case 'execute_bash':
    case 'execute_cmd':
    case 'shell':
      return [shellAction(input['command'], optStr(input['working_dir']) ?? cwd)];
    case 'fs_write':
    case 'write': {
      const cmd = optStr(input['command']);
      const op = cmd === 'create' ? 'write' : 'edit';
      if (cmd === 'str_replace' && typeof input['old_str'] === 'string' && typeof (input['new_str'] ?? '') === 'string') {
        return [editAction(input['path'], cwd, [{ old: input['old_str'], new: (input['new_str'] as string | undefined) ?? '' }])];
      }
      return [fileAction(op, input['path'], cwd, input['file_text'] ?? input['new_str'] ?? input['content'])];
    }
    case 'use_aws':
      return [shellAction(awsCommand(input), cwd)];
  }
  if (READ_ONLY.has(tool)) return [];
  const m = /^@([^/]+)\/(.+)$/.exec(tool);
  if (m) return [mcpAction(m[1]!, m[2]!, input)];
  throw new CountersignError('E_UNSUPPORTED_KIND', `Countersign does not know the Kiro tool "${tool}". Limit the preToolUse matchers to execute_bash, fs_write, use_aws and @server entries (run \`countersign init kiro\`).`);
}

export function parse(input: unknown): ParseResult {
  const event = isObject(input) && typeof input['hook_event_name'] === 'string' ? input['hook_event_name'] : 'preToolUse';
  try {
    const o = obj(input, 'The hook input');
    if (event !== 'preToolUse') throw new CountersignError('E_BAD_INPUT', `Countersign answers preToolUse, not "${event}"; remove it from the agent's hooks.`);
    const tool = str(o['tool_name'], 'tool_name');
    const cwd = optStr(o['cwd']);
    const actions = actionsFor(tool, obj(o['tool_input'] ?? {}, 'tool_input'), cwd);
    const session = optStr(o['session_id']);
    return { ok: true, call: { event, tool, actions, context: { host: 'kiro', ...(cwd ? { cwd } : {}), ...(session ? { session } : {}) } } };
  } catch (err) {
    const e = err instanceof CountersignError ? err : new CountersignError('E_BAD_INPUT', String(err));
    return { ok: false, event, code: e.code, message: e.message };
  }
}

export function render(outcome: HookOutcome, _event: string): Rendered {
  if (outcome.decision === 'allow' || outcome.decision === 'pass') return { stdout: '', stderr: '', exitCode: 0 };
  // Kiro has no ask: anything short of allow blocks, with the reason for the model on stderr.
  return { stdout: '', stderr: `${outcome.reason || 'Countersign blocked this tool call.'}\n`, exitCode: 2 };
}

export const kiro: HostAdapter = { host: 'kiro', events: EVENTS, parse, render };
