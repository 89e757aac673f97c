// File actions (an agent host's Write/Edit/Delete tools): inside the workspace they are routine;
// outside it, or onto anything that configures the agent's own guard, they are destructive — an
// agent must never be able to switch its guard off by editing a settings file.
import type { FileAction, Finding, RiskReport } from '../../core/index.js';
import { BUILD_DIRS, PROTECTED, SCRATCH, SYSTEM, normalise } from './paths.js';

export type FileOptions = {
  /** The workspace root: writes inside it are routine, outside it destructive. */
  cwd?: string;
  /** Where relative paths start when that is not the workspace root (a shell script that ran
   * `cd sub` first). */
  base?: string;
};

function report(f: Finding): RiskReport {
  return { risk: f.risk, summary: f.explanation, findings: [f] };
}

function finding(rule: string, risk: Finding['risk'], effect: string, target: string, explanation: string): Finding {
  return { rule: `file.${rule}`, risk, effect, target, explanation, tool: 'file' };
}

export function classifyFile(action: FileAction, opts: FileOptions = {}): RiskReport {
  const { op } = action;
  const path = opts.base && !action.path.startsWith('/') && !action.path.startsWith('~') ? normalise(action.path, opts.base) : action.path;
  const verb = op === 'delete' ? 'delete' : op === 'edit' ? 'edit' : 'write';
  const effect = op === 'delete' ? 'delete-file' : 'write-file';
  if (path.includes('\0')) {
    return { ...report(finding('bad-path', 'unknown', effect, path.replace(/\0/g, '\\0'), 'the path contains a NUL byte')), error: { code: 'E_BAD_INPUT', message: 'The file path contains a NUL byte; send a plain path.' } };
  }
  const cwd = opts.cwd && opts.cwd.startsWith('/') ? normalise(opts.cwd) : undefined;
  const home = path === '~' || path.startsWith('~/');
  if (home) return report(finding(`${verb}-home`, 'destructive', effect, path, `${verb} in the home directory, outside the workspace`));
  if (!path.startsWith('/') && !cwd) {
    // Without a workspace, a relative path is judged only by what it names.
    const rel = normalise(path);
    const hit = PROTECTED.find((p) => p.pattern.test(rel));
    if (hit) return report(finding(`${verb}-protected`, 'destructive', effect, rel, `${verb} ${rel}: ${hit.what}`));
    if (path.split('/').includes('..')) return report(finding(`${verb}-outside`, 'unknown', effect, path, `${verb} ${path}: it climbs out of a workspace that is not known`));
    return inside(verb, effect, rel, rel);
  }
  const abs = normalise(path, cwd);
  const rel = cwd && (abs === cwd || abs.startsWith(cwd === '/' ? '/' : `${cwd}/`)) ? abs.slice(cwd.length).replace(/^\//, '') : undefined;
  const hit = PROTECTED.find((p) => p.pattern.test(rel ?? abs));
  if (hit) return report(finding(`${verb}-protected`, 'destructive', effect, abs, `${verb} ${abs}: ${hit.what}; an agent may not change this on its own`));
  if (SYSTEM.test(abs) && !SCRATCH.some((x) => x.test(abs))) {
    return report(finding(`${verb}-system`, 'destructive', effect, abs, `${verb} ${abs}: a system location, never part of a workspace`));
  }
  if (rel === undefined || rel === '') {
    if (SCRATCH.some((s) => s.test(abs))) return report(finding(`${verb}-scratch`, 'mutating', effect, abs, `${verb} ${abs} in scratch space`));
    if (!cwd) return report(finding(`${verb}-no-workspace`, 'unknown', effect, abs, `${verb} ${abs}: no workspace is known, so it cannot be told apart from a system file`));
    return report(finding(`${verb}-outside`, 'destructive', effect, abs, `${verb} ${abs}, outside the workspace ${cwd}`));
  }
  return inside(verb, effect, abs, rel);
}

function inside(verb: string, effect: string, shown: string, rel: string): RiskReport {
  if (verb !== 'delete') return report(finding(verb, 'mutating', effect, shown, `${verb} ${rel} inside the workspace`));
  const dirs = rel.split('/').slice(0, -1);
  if (dirs.some((d) => BUILD_DIRS.has(d))) return report(finding('delete-build-output', 'mutating', effect, shown, `delete ${rel}: regenerated build output`));
  return report(finding('delete', 'destructive', effect, shown, `delete ${rel}: the file and any uncommitted work in it are lost`));
}
