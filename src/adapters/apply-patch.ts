// Codex's apply_patch carries a patch envelope; its file headers say which files it adds, changes,
// moves or deletes. Every header becomes a file action, so one patch touching `.git/hooks` and
// `README.md` is judged on both paths.
//
// Parsed the way Codex parses it: each line is trimmed before it is matched as a marker, so an
// indented `  *** Add File: x` is a real file write here too. Every line must be accounted for
// (a marker, or a body line of the form its hunk allows); anything else refuses the whole call,
// since a line we read differently from Codex could be a write we never judged.
import type { FileAction } from '../core/index.js';
import { bad, resolvePath, withContent } from './tools.js';

const HEADER = /^\*\*\* (Add|Update|Delete) File: (.+)$/;
const MOVE = /^\*\*\* Move to: (.+)$/;
// The heredoc wrapper Codex tolerates around the envelope (`<<'EOF'` ... `EOF`).
const HEREDOC_OPEN = /^<<\s*['"]?\w+['"]?$/;

type Hunk = { op: FileAction['op']; path: string; body: string[]; moved: boolean; lines: number };

function refuse(n: number, line: string, why: string): Error {
  return bad(`apply_patch line ${n + 1} ("${line.slice(0, 60)}") ${why}; the patch is not allowed. Send a patch whose every line is a header or a hunk line.`);
}

export function patchActions(patch: string, cwd: string | undefined): FileAction[] {
  const lines = patch.split(/\r?\n/);
  const begin = lines.findIndex((l) => l.trim() === '*** Begin Patch');
  if (begin < 0) throw bad('apply_patch input has no "*** Begin Patch" line.');
  for (let i = 0; i < begin; i++) {
    const t = lines[i]!.trim();
    if (t !== '' && !HEREDOC_OPEN.test(t)) throw refuse(i, lines[i]!, 'comes before "*** Begin Patch"');
  }
  const out: FileAction[] = [];
  let current: Hunk | undefined;
  let ended = false;
  const flush = () => {
    if (!current) return;
    const a: FileAction = { kind: 'file', op: current.op, path: resolvePath(current.path, cwd) };
    out.push(current.op === 'delete' ? a : withContent(a, current.body.join('\n')));
    current = undefined;
  };
  for (let i = begin + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.trim();
    if (ended) {
      // After the envelope only blank lines and a heredoc terminator may follow.
      if (t !== '' && !/^\w+$/.test(t)) throw refuse(i, line, 'comes after "*** End Patch"');
      continue;
    }
    if (t === '*** End Patch') {
      flush();
      ended = true;
      continue;
    }
    const h = HEADER.exec(t);
    if (h) {
      flush();
      const op = h[1] === 'Add' ? 'write' : h[1] === 'Delete' ? 'delete' : 'edit';
      current = { op, path: h[2]!.trim(), body: [], moved: false, lines: 0 };
      continue;
    }
    if (!current) {
      if (t === '') continue;
      throw refuse(i, line, 'is not inside a file section');
    }
    const m = MOVE.exec(t);
    if (m) {
      // Codex reads a move only right after its Update header. A move deletes the old path and
      // writes the new one: both must be allowed.
      if (current.op !== 'edit' || current.moved || current.lines > 0) throw refuse(i, line, 'is a move that does not follow an "Update File" header');
      out.push({ kind: 'file', op: 'delete', path: resolvePath(current.path, cwd) });
      current.op = 'write';
      current.moved = true;
      current.path = m[1]!.trim();
      continue;
    }
    current.lines++;
    if (t.startsWith('***') && t !== '*** End of File') throw refuse(i, line, 'is a marker Countersign does not know');
    if (current.op === 'delete') {
      if (t !== '') throw refuse(i, line, 'is content under a "Delete File" header');
    } else if (current.op === 'write' && !current.moved) {
      if (!line.startsWith('+')) throw refuse(i, line, 'is an "Add File" line that does not start with "+"');
    } else if (!(line === '' || /^[ +-]/.test(line) || t === '@@' || t.startsWith('@@ ') || t === '*** End of File')) {
      throw refuse(i, line, 'is not a hunk line (" ", "+", "-", "@@")');
    }
    current.body.push(line);
  }
  flush();
  if (out.length === 0) throw bad('apply_patch input names no file (no "*** Add/Update/Delete File:" header).');
  return out;
}
