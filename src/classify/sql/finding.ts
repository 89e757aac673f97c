// One constructor for SQL findings so every rule id starts with "sql." and names its tool.
import type { Finding, Risk } from '../../core/index.js';

export function sqlFinding(rule: string, risk: Risk, effect: string, explanation: string, target?: string): Finding {
  return { rule: `sql.${rule}`, risk, effect, ...(target !== undefined ? { target } : {}), explanation, tool: 'sql' };
}
