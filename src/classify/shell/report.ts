// Turns the walker's findings into one RiskReport: the worst risk wins, the summary names it.
import { maxRisk, type ClassifyError, type Finding, type Risk, type RiskReport } from '../../core/index.js';

export function unknownReport(error: ClassifyError, findings: Finding[] = []): RiskReport {
  return { risk: 'unknown', summary: `unknown: ${error.message}`, findings, error };
}

export function buildReport(findings: Finding[], error?: ClassifyError): RiskReport {
  if (findings.length === 0) {
    // Nothing ran (e.g. only comments or assignments): nothing persists.
    if (error) return unknownReport(error);
    return { risk: 'readonly', summary: 'readonly: no command runs', findings };
  }
  let risk: Risk = 'readonly';
  for (const f of findings) risk = maxRisk(risk, f.risk);
  const worst = findings.filter((f) => f.risk === risk);
  const first = worst[0]!;
  const more = worst.length > 1 ? ` (and ${worst.length - 1} more ${risk} finding${worst.length > 2 ? 's' : ''})` : '';
  const report: RiskReport = { risk, summary: `${risk}: ${first.explanation}${more}`, findings };
  if (risk === 'unknown' && error) report.error = error;
  return report;
}
