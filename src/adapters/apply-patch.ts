// Codex's apply_patch carries a patch envelope; its file headers say which files it adds, changes,
// moves or deletes. Every header becomes a file action, so one patch touching `.git/hooks` and
// `README.md` is judged on both paths. A patch without a recognisable header is refused.
import type { FileAction } from '../core/index.js';
import { MAX_CONTENT, bad, resolvePath } from './tools.js';

const HEADER = /^\*\*\* (Add|Update|Delete) File: (.+)$/;
const MOVE = /^\*\*\* Move to: (.+)$/;

export function patchActions(patch: string, cwd: string | undefined): FileAction[] {
  const lines = patch.split(/\r?\n/);
  if (!lines.some((l) => l.trim() === '*** Begin Patch')) throw bad('apply_patch input has no "*** Begin Patch" line.');
  const out: FileAction[] = [];
  let current: { op: FileAction['op']; path: string; body: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const a: FileAction = { kind: 'file', op: current.op, path: resolvePath(current.path, cwd) };
    const body = current.body.join('\n');
    if (current.op !== 'delete' && body.length <= MAX_CONTENT) a.content = body;
    out.push(a);
    current = undefined;
  };
  for (const line of lines) {
    const h = HEADER.exec(line);
    if (h) {
      flush();
      const op = h[1] === 'Add' ? 'write' : h[1] === 'Delete' ? 'delete' : 'edit';
      current = { op, path: h[2]!.trim(), body: [] };
      continue;
    }
    const m = MOVE.exec(line);
    if (m && current) {
      // A move deletes the old path and writes the new one: both must be allowed.
      const from = current.path;
      current.op = 'write';
      current.path = m[1]!.trim();
      out.push({ kind: 'file', op: 'delete', path: resolvePath(from, cwd) });
      continue;
    }
    if (line.startsWith('*** End Patch')) flush();
    else if (current) current.body.push(line);
  }
  flush();
  if (out.length === 0) throw bad('apply_patch input names no file (no "*** Add/Update/Delete File:" header).');
  return out;
}
