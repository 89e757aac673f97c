// Shape checks for request bodies. Anything outside the known shape is refused with a code, never
// guessed at: an unknown field may be a typo that would otherwise change a security decision.
import { ACTION_KINDS, CountersignError } from '../core/index.js';
import type { Action, SubmitInput } from '../core/index.js';
import { isObject, onlyFields, requireObject } from './http-util.js';

const ACTION_FIELDS: Record<Action['kind'], readonly string[]> = {
  shell: ['kind', 'command', 'cwd'],
  sql: ['kind', 'sql', 'dialect'],
  'terraform-plan': ['kind', 'plan', 'command'],
  mcp: ['kind', 'server', 'tool', 'arguments'],
  file: ['kind', 'op', 'path', 'content', 'edits', 'sha256'],
};

const REQUIRED_STRINGS: Record<Action['kind'], readonly string[]> = {
  shell: ['command'],
  sql: ['sql'],
  'terraform-plan': [],
  mcp: ['server', 'tool'],
  file: ['op', 'path'],
};

const OPTIONAL_STRINGS = ['cwd', 'dialect', 'command', 'content', 'sha256'];

export function parseAction(v: unknown): Action {
  const a = requireObject(v, '"action"');
  const kind = a['kind'];
  if (typeof kind !== 'string' || !(ACTION_KINDS as readonly string[]).includes(kind)) {
    throw new CountersignError('E_UNSUPPORTED_KIND', `"action.kind" must be one of ${ACTION_KINDS.join(', ')}.`);
  }
  const k = kind as Action['kind'];
  onlyFields(a, ACTION_FIELDS[k], '"action"');
  for (const f of REQUIRED_STRINGS[k]) {
    if (typeof a[f] !== 'string') throw new CountersignError('E_BAD_INPUT', `"action.${f}" must be a string.`);
  }
  for (const f of OPTIONAL_STRINGS) {
    if (f in a && typeof a[f] !== 'string') throw new CountersignError('E_BAD_INPUT', `"action.${f}" must be a string.`);
  }
  if (k === 'terraform-plan' && !('plan' in a)) throw new CountersignError('E_BAD_INPUT', '"action.plan" is required: the output of `terraform show -json`.');
  if (k === 'file' && !['write', 'edit', 'delete'].includes(a['op'] as string)) {
    throw new CountersignError('E_BAD_INPUT', '"action.op" must be write, edit or delete.');
  }
  if (k === 'file' && 'edits' in a && !validEdits(a['edits'])) {
    throw new CountersignError('E_BAD_INPUT', '"action.edits" must be a list of {old, new, all?} with string old/new and boolean all.');
  }
  if (k === 'mcp' && 'arguments' in a && !isObject(a['arguments'])) {
    throw new CountersignError('E_BAD_INPUT', '"action.arguments" must be a JSON object.');
  }
  return a as unknown as Action;
}

function validEdits(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  return v.every((e) => isObject(e) && Object.keys(e).every((x) => x === 'old' || x === 'new' || x === 'all') && typeof e['old'] === 'string' && typeof e['new'] === 'string' && (e['all'] === undefined || typeof e['all'] === 'boolean'));
}

export function parseSubmit(body: unknown): SubmitInput {
  const b = requireObject(body, 'The body');
  onlyFields(b, ['action', 'target', 'context'], 'the body');
  if (!('action' in b)) throw new CountersignError('E_BAD_INPUT', 'The body needs an "action".');
  const input: SubmitInput = { action: parseAction(b['action']) };
  if ('target' in b) {
    if (typeof b['target'] !== 'string') throw new CountersignError('E_BAD_INPUT', '"target" must be a string.');
    input.target = b['target'];
  }
  if ('context' in b) {
    const c = requireObject(b['context'], '"context"');
    onlyFields(c, ['cwd', 'session', 'host'], '"context"');
    for (const f of ['cwd', 'session', 'host']) {
      if (f in c && typeof c[f] !== 'string') throw new CountersignError('E_BAD_INPUT', `"context.${f}" must be a string.`);
    }
    input.context = c as SubmitInput['context'];
  }
  return input;
}

/** `{reason}` for approve, reject, break-glass, freeze and thaw. */
export function parseReason(body: unknown): string {
  const b = requireObject(body, 'The body');
  onlyFields(b, ['reason'], 'the body');
  const r = b['reason'];
  if (r !== undefined && typeof r !== 'string') throw new CountersignError('E_BAD_INPUT', '"reason" must be a string.');
  if (typeof r !== 'string' || r.trim() === '') throw new CountersignError('E_REASON_REQUIRED', 'Send {"reason": "..."} saying why.');
  return r;
}
