// Parsing rule examples and policy test actions. An action may be written as a plain string (a shell
// command) or as an action object: {kind: shell, command}, {kind: sql, sql}, {kind: terraform-plan,
// plan}, {kind: mcp, server, tool, arguments?}, {kind: file, op, path}.
import { ACTION_KINDS, type Action } from '../core/index.js';
import { Checker, type Path } from './check.js';
import type { Example } from './types.js';

const FIELDS: Record<string, { required: string[]; optional: string[] }> = {
  shell: { required: ['command'], optional: ['cwd'] },
  sql: { required: ['sql'], optional: ['dialect'] },
  'terraform-plan': { required: ['plan'], optional: ['command'] },
  mcp: { required: ['server', 'tool'], optional: ['arguments'] },
  file: { required: ['op', 'path'], optional: ['content'] },
};

export function parseAction(c: Checker, v: unknown, path: Path): Action | null {
  if (typeof v === 'string') return v.trim() ? { kind: 'shell', command: v } : c.fail(path, 'an action command must not be empty');
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return c.fail(path, 'expected a shell command (string) or an action mapping with a `kind`');
  const kind = c.oneOf((v as Record<string, unknown>)['kind'], [...path, 'kind'], ACTION_KINDS);
  if (!kind) return null;
  const f = FIELDS[kind]!;
  const o = c.obj(v, path, ['kind', ...f.required], f.optional);
  if (!o) return null;
  const before = c.issues.length;
  for (const k of [...f.required, ...f.optional]) {
    if (o[k] === undefined || k === 'plan' || k === 'arguments') continue;
    c.str(o[k], [...path, k]);
  }
  if (kind === 'terraform-plan' && (o['plan'] === null || typeof o['plan'] !== 'object')) c.fail([...path, 'plan'], 'expected the JSON of `terraform show -json` as a mapping');
  if (kind === 'file') c.oneOf(o['op'], [...path, 'op'], ['write', 'edit', 'delete'] as const);
  return c.issues.length === before ? (o as Action) : null;
}

export function parseExample(c: Checker, v: unknown, path: Path): Example | null {
  if (typeof v === 'string') {
    const action = parseAction(c, v, path);
    return action ? { action, path } : null;
  }
  const o = c.obj(v, path, ['action'], ['environment', 'target', 'agent', 'cwd']);
  if (!o) return null;
  const action = parseAction(c, o['action'], [...path, 'action']);
  const ex: Example = { action: action!, path };
  for (const k of ['environment', 'target', 'agent', 'cwd'] as const) {
    if (o[k] === undefined) continue;
    const s = c.str(o[k], [...path, k]);
    if (s) ex[k] = s;
  }
  return action ? ex : null;
}
