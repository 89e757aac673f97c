// Building RiskReports from findings: the worst finding decides, every finding is listed.
import { maxRisk, type ClassifyError, type Finding, type Risk, type RiskReport } from '../../core/index.js';

export function fromFindings(findings: Finding[], what: string): RiskReport {
  let risk: Risk = 'readonly';
  for (const f of findings) risk = maxRisk(risk, f.risk);
  const worst = findings.filter((f) => f.risk === risk);
  const summary =
    findings.length === 0
      ? `${what}: nothing to do`
      : `${what}: ${risk} (${worst.map((f) => f.effect + (f.target ? ` ${f.target}` : '')).slice(0, 3).join(', ')}${worst.length > 3 ? ', ...' : ''})`;
  return { risk, summary, findings };
}

/** An answer for input the classifier could not understand: always unknown, never allowed by it. */
export function unknownReport(code: string, message: string, findings: Finding[] = []): RiskReport {
  const error: ClassifyError = { code, message };
  return { risk: 'unknown', summary: message, findings, error };
}
