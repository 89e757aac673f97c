// Test helper: a compact whole-value view of a report (risk plus each finding's rule and target),
// so tests compare complete answers rather than fragments.
import type { RiskReport } from '../../core/index.js';
import { classifyShell } from './index.js';

export type View = { risk: string; findings: string[]; error?: string };

/** Findings from tool tables (and the walker's own builtin default, which a table may replace)
 * show only their risk: these tests are about the walker, not about what a table says. */
export function view(r: RiskReport): View {
  const v: View = {
    risk: r.risk,
    findings: r.findings.map((f) => {
      if (!f.rule.startsWith('shell.') || f.rule === 'shell.builtin') return f.risk;
      return f.target !== undefined ? `${f.rule} ${f.risk} ${f.target}` : `${f.rule} ${f.risk}`;
    }),
  };
  if (r.error) v.error = r.error.code;
  return v;
}

export function shell(command: string, cwd = '/work/proj'): View {
  return view(classifyShell(command, { cwd }));
}
