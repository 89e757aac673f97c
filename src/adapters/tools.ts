// Builders shared by the host adapters: they turn a host's tool input into Countersign actions and
// refuse (throw E_BAD_INPUT) anything that does not have the shape the host documents.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { CountersignError } from '../core/errors.js';
import type { FileAction, FileEdit, McpAction, ShellAction } from '../core/index.js';

/** Larger contents are left out of the action (the server refuses bodies over 1 MiB); their sha256
 * takes their place, so an approval still binds to the exact bytes. */
export const MAX_CONTENT = 256 * 1024;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function bad(detail: string): CountersignError {
  return new CountersignError('E_BAD_INPUT', detail);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length === 0) throw bad(`${what} must be a non-empty string.`);
  return v;
}

export function optStr(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function obj(v: unknown, what: string): Record<string, unknown> {
  if (!isObject(v)) throw bad(`${what} must be a JSON object.`);
  return v;
}

/** Normalises a path against the working directory, so `/repo/../etc/x` is judged as `/etc/x`. */
export function resolvePath(p: string, cwd: string | undefined): string {
  if (p.startsWith('/')) return posix.normalize(p);
  if (cwd && cwd.startsWith('/')) return posix.join(cwd, p);
  return posix.normalize(p);
}

export function shellAction(command: unknown, cwd: string | undefined): ShellAction {
  const c = str(command, 'tool_input.command');
  return cwd ? { kind: 'shell', command: c, cwd } : { kind: 'shell', command: c };
}

/** The content itself when small, else its sha256: never silently dropped. */
export function withContent(a: FileAction, content: string): FileAction {
  if (content.length <= MAX_CONTENT) a.content = content;
  else a.sha256 = sha256(content);
  return a;
}

export function fileAction(op: FileAction['op'], path: unknown, cwd: string | undefined, content?: unknown): FileAction {
  const a: FileAction = { kind: 'file', op, path: resolvePath(str(path, 'the file path'), cwd) };
  return typeof content === 'string' ? withContent(a, content) : a;
}

/** An edit action that carries every edit (old text, new text, all occurrences), or their sha256
 * when together they are over the cap. */
export function editAction(path: unknown, cwd: string | undefined, edits: FileEdit[]): FileAction {
  const a: FileAction = { kind: 'file', op: 'edit', path: resolvePath(str(path, 'the file path'), cwd) };
  const text = JSON.stringify(edits);
  if (text.length <= MAX_CONTENT) a.edits = edits;
  else a.sha256 = sha256(text);
  return a;
}

/** One string-replacement edit from a tool input; `old` may be empty (some hosts create files so). */
export function oneEdit(o: Record<string, unknown>, oldKey: string, newKey: string, allKey?: string): FileEdit {
  const old = o[oldKey] ?? '';
  const neu = o[newKey] ?? '';
  if (typeof old !== 'string' || typeof neu !== 'string') throw bad(`${oldKey} and ${newKey} must be strings.`);
  const all = allKey === undefined ? undefined : o[allKey];
  if (all !== undefined && typeof all !== 'boolean') throw bad(`${allKey} must be true or false.`);
  return all === true ? { old, new: neu, all: true } : { old, new: neu };
}

/** Every edit of a multi-edit, in order. */
export function editList(edits: unknown, oldKey = 'old_string', newKey = 'new_string', allKey = 'replace_all'): FileEdit[] {
  if (!Array.isArray(edits)) throw bad('tool_input.edits must be an array.');
  return edits.map((e) => oneEdit(obj(e, 'each edit'), oldKey, newKey, allKey));
}

/** MCP arguments arrive as an object, or (Cursor, some versions) as a JSON string of one. */
export function mcpArguments(v: unknown): Record<string, unknown> {
  if (v === undefined || v === null || v === '') return {};
  if (typeof v === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      throw bad('tool_input is a string that is not JSON; send the tool arguments as a JSON object.');
    }
    return obj(parsed, 'tool_input');
  }
  return obj(v, 'tool_input');
}

export function mcpAction(server: string, tool: string, args: unknown): McpAction {
  return { kind: 'mcp', server: str(server, 'the MCP server name'), tool: str(tool, 'the MCP tool name'), arguments: mcpArguments(args) };
}

/** `mcp__<server>__<tool>` (Claude Code, Codex). A known server name wins, since names may hold `__`. */
export function splitDoubleUnderscore(name: string, knownServer?: string): { server: string; tool: string } | undefined {
  if (!name.startsWith('mcp__')) return undefined;
  const rest = name.slice(5);
  if (knownServer && rest.startsWith(`${knownServer}__`) && rest.length > knownServer.length + 2) {
    return { server: knownServer, tool: rest.slice(knownServer.length + 2) };
  }
  const i = rest.indexOf('__');
  if (i <= 0 || i + 2 >= rest.length) return undefined;
  return { server: rest.slice(0, i), tool: rest.slice(i + 2) };
}
