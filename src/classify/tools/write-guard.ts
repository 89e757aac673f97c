// The file classifier's "may an agent write here" (guard settings, dotfiles, git internals,
// system paths, outside the workspace) as a rule the copying and writing tables share, so
// `cp x .claude/settings.json` or `tee ~/.bashrc` is judged like the Write tool doing the same.
import { guardWrite } from '../file/guard.js';
import { classifyPath } from './paths.js';
import type { Invocation, RuleHit, ToolRule } from './types.js';

/** The first of `paths` that the file rules protect, as a hit (risk destructive or unknown). */
export function protectedHit(inv: Invocation, paths: readonly string[]): RuleHit | null {
  const dyn = new Set(inv.args.filter((_, i) => inv.dynamic[i]));
  for (const raw of paths) {
    let path = raw;
    if (dyn.has(raw)) {
      // Only a conventional variable ($HOME/x) still says where the write lands.
      const info = classifyPath(raw, true, inv.cwd);
      if (info.cls !== 'home') continue;
      path = info.norm;
    }
    const g = guardWrite(path, inv.cwd, inv.workspace);
    if (g) return { risk: g.risk, target: g.target, explanation: `${inv.name} writes ${raw}: ${g.explanation}` };
  }
  return null;
}

/** A `<table>.protected-path` rule over the paths `pick` says the tool writes. */
export function protectedPathRule(table: string, pick: (inv: Invocation) => readonly string[], examples: ToolRule['examples']): ToolRule {
  return {
    id: `${table}.protected-path`, risk: 'destructive', effect: 'write-file',
    explain: 'writes a file an agent may not change on its own (guard settings, dotfiles, git internals, outside the workspace)',
    test: (inv) => protectedHit(inv, pick(inv)),
    examples,
  };
}
