// Builders shared by the host adapters: they turn a host's tool input into Countersign actions and
// refuse (throw E_BAD_INPUT) anything that does not have the shape the host documents.
import { posix } from 'node:path';
import { CountersignError } from '../core/errors.js';
import type { FileAction, McpAction, ShellAction } from '../core/index.js';

/** Larger contents are left out of the action (the server refuses bodies over 1 MiB); the
 * decision is by path, so only the binding of an approval to the exact bytes is lost. */
export const MAX_CONTENT = 256 * 1024;

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

export function fileAction(op: FileAction['op'], path: unknown, cwd: string | undefined, content?: unknown): FileAction {
  const a: FileAction = { kind: 'file', op, path: resolvePath(str(path, 'the file path'), cwd) };
  if (typeof content === 'string' && content.length <= MAX_CONTENT) a.content = content;
  return a;
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

/** Joins the edits of a multi-edit into one text, so the approval binds to all of them. */
export function joinEdits(edits: unknown): string | undefined {
  if (!Array.isArray(edits)) throw bad('tool_input.edits must be an array.');
  const parts: string[] = [];
  for (const e of edits) {
    const o = obj(e, 'each edit');
    parts.push(typeof o['new_string'] === 'string' ? o['new_string'] : '');
  }
  return parts.join('\n');
}
