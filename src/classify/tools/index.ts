// The registry of tool tables. Lookup is by normalised command name; a command no table claims
// returns null and the walker applies its own default.
import type { Finding } from '../../core/index.js';
import { LOCAL_TABLES } from './local-tables.js';
import { PLATFORM_TABLES } from './platform-tables.js';
import { SERVICE_TABLES } from './service-tables.js';
import type { Invocation, ToolContext, ToolTable } from './types.js';

export type { Invocation, ToolContext, ToolTable, ToolRule, RuleHit } from './types.js';

export const TABLES: readonly ToolTable[] = [...LOCAL_TABLES, ...PLATFORM_TABLES, ...SERVICE_TABLES];

const BY_COMMAND = new Map<string, ToolTable>();
for (const t of TABLES) for (const c of t.commands) if (!BY_COMMAND.has(c)) BY_COMMAND.set(c, t);

export function tableFor(name: string): ToolTable | undefined {
  return BY_COMMAND.get(name);
}

/** Findings for one invocation, or null when no table knows the command. */
export function classifyInvocation(inv: Invocation, ctx: ToolContext): Finding[] | null {
  const table = BY_COMMAND.get(inv.name);
  if (!table) return null;
  const findings: Finding[] = [];
  for (const rule of table.rules) {
    let hit;
    try {
      hit = rule.test(inv, ctx);
    } catch (err) {
      // A rule that errs makes the answer stricter, never looser.
      findings.push({ rule: rule.id, risk: 'unknown', effect: 'rule-error', explanation: `rule ${rule.id} failed: ${String(err)}`, tool: table.name });
      continue;
    }
    if (!hit) continue;
    const h = hit === true ? {} : hit;
    findings.push({
      rule: rule.id,
      risk: h.risk ?? rule.risk,
      effect: h.effect ?? rule.effect,
      ...(h.target !== undefined ? { target: h.target } : {}),
      explanation: h.explanation ?? rule.explain,
      tool: table.name,
    });
  }
  if (findings.length === 0) {
    const risk = typeof table.fallback === 'function' ? table.fallback(inv) : table.fallback;
    findings.push({ rule: `${table.name}.default`, risk, effect: risk === 'readonly' ? 'read' : 'change', explanation: `${inv.name}: no specific rule; ${risk} by default for this tool`, tool: table.name });
  }
  return findings;
}
