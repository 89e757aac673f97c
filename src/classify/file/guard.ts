// One judgement of "may an agent write here" for every way of writing: an agent host's Write
// tool, a shell `>`, cp/mv/tee/dd/ln/install/sed -i. Without it, `echo '{}' > .claude/settings.json`
// would switch the guard off while the same edit through the Write tool is held.
import type { Finding } from '../../core/index.js';
import { classifyFile } from './index.js';

export type WriteGuard = { risk: 'destructive' | 'unknown'; target: string; explanation: string };

/**
 * Judge writing `path` (or moving it away, which loses it just the same). Returns null when the
 * file rules call it routine; otherwise why not. `workspace` is the action's root, `cwd` where
 * relative paths start. An absolute path with no known workspace is left to the caller's rules.
 */
export function guardWrite(path: string, cwd: string | undefined, workspace: string | undefined): WriteGuard | null {
  const opts: { cwd?: string; base?: string } = {};
  if (workspace?.startsWith('/')) opts.cwd = workspace;
  if (cwd?.startsWith('/')) opts.base = cwd;
  const r = classifyFile({ kind: 'file', op: 'write', path }, opts);
  const f: Finding | undefined = r.findings[0];
  if (!f || (r.risk !== 'destructive' && r.risk !== 'unknown') || f.rule.endsWith('-no-workspace') || r.error) return null;
  return { risk: r.risk, target: f.target ?? path, explanation: f.explanation };
}
