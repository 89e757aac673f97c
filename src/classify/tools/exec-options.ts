// Options through which an ordinary tool runs a shell command of the caller's choosing
// (`tar --to-command=...`, `man -P ...`, `sort --compress-program=...`, `rsync -e ...`). The
// command is judged as itself; an innocent-looking tool is no cover for it.
import type { RiskReport } from '../../core/index.js';
import type { Invocation, RuleHit, ToolRule } from './types.js';

const RANK = { readonly: 0, mutating: 1, unknown: 2, destructive: 3 } as const;

/** Values of the named options, in the forms `--opt=value`, `--opt value`, `-o value`, `-ovalue`. */
function optionValues(inv: Invocation, names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i] ?? '';
    for (const n of names) {
      if (a === n && inv.args[i + 1] !== undefined) out.push(inv.args[i + 1] ?? '');
      else if (n.startsWith('--') && a.startsWith(`${n}=`)) out.push(a.slice(n.length + 1));
      else if (!n.startsWith('--') && n.length === 2 && a.startsWith(n) && a.length > 2 && !a.startsWith('--')) out.push(a.slice(2));
    }
  }
  return out;
}

/**
 * A rule that finds commands passed through `names` and classifies them with ctx.shell.
 * `unwrap` turns an option value into the command (e.g. tar's "exec=cmd" checkpoint action).
 */
export function execOptionRule(table: string, names: readonly string[], examples: ToolRule['examples'], unwrap: (v: string) => string | null = (v) => v): ToolRule {
  return {
    id: `${table}.exec-option`, risk: 'unknown', effect: 'run-command',
    explain: `${table} is told to run a shell command through an option`,
    test: (inv, ctx): RuleHit | null => {
      let worst: { r: RiskReport; cmd: string } | null = null;
      for (const v of optionValues(inv, names)) {
        const cmd = unwrap(v);
        if (cmd === null || cmd.trim() === '') continue;
        const r = ctx.shell(cmd);
        if (!worst || RANK[r.risk] > RANK[worst.r.risk]) worst = { r, cmd };
      }
      if (!worst) return null;
      return { risk: worst.r.risk, target: worst.cmd, explanation: `${inv.name} runs "${worst.cmd}": ${worst.r.summary}` };
    },
    examples,
  };
}
