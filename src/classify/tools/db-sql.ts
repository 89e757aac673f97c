// What SQL a database CLI carries, and how to turn the SQL classifier's answer into a hit.
// SQL the classifier cannot see (a script file, an interactive session fed from elsewhere) is
// unknown: the CLI will run whatever that turns out to be.
import type { RiskReport, SqlDialect } from '../../core/index.js';
import type { Invocation, RuleHit, ToolContext } from './types.js';

export function sqlHit(ctx: ToolContext, sql: string, dialect: SqlDialect, via: string): RuleHit {
  const r = ctx.sql(sql, dialect);
  return reportHit(r, via);
}

export function reportHit(r: RiskReport, via: string): RuleHit {
  const top = r.findings.find((f) => f.risk === r.risk);
  return {
    risk: r.risk,
    effect: top?.effect ?? (r.risk === 'readonly' ? 'read' : 'sql'),
    ...(top?.target !== undefined ? { target: top.target } : {}),
    explanation: `${via}: ${r.summary}`,
  };
}

/**
 * psql meta-commands (backslash lines) are not SQL. The read-only ones are safe; `\!` runs a shell
 * command; `\i` / `\ir` / `\copy ... from program` run what we cannot see.
 */
export function psqlMeta(text: string, ctx: ToolContext): RuleHit | null {
  const t = text.trim();
  if (!t.startsWith('\\')) return null;
  const m = /^\\(\S+)\s*(.*)$/s.exec(t);
  const cmd = m?.[1] ?? '';
  const arg = m?.[2] ?? '';
  if (cmd === '!') {
    const r = ctx.shell(arg);
    return { risk: r.risk, effect: 'run-command', explanation: `psql \\! runs a shell command: ${r.summary}` };
  }
  if (/^(d[a-zA-Z+]*|l\+?|list|dn\+?|du|dg|dp|z|conninfo|x|timing|echo|q|quit|encoding|pset|a|t|H|sf|sv|h|help|\?|copyright|errverbose|set|unset|prompt|qecho|warn|o|out|g|gx|gdesc|gset|watch|if|elif|else|endif|c|connect|cd|setenv|lo_list)$/.test(cmd)) {
    return { risk: 'readonly', effect: 'read', explanation: `psql meta-command \\${cmd} reads` };
  }
  return { risk: 'unknown', effect: 'run-script', explanation: `psql meta-command \\${cmd} runs statements the classifier cannot see` };
}

/** Split stdin text for a SQL CLI into psql meta lines and SQL, judging both. */
export function stdinHit(inv: Invocation, ctx: ToolContext, dialect: SqlDialect, via: string): RuleHit | null {
  const text = inv.stdin;
  if (text === undefined) return null;
  const lines = text.split('\n');
  const meta = lines.filter((l) => l.trim().startsWith('\\'));
  const sql = lines.filter((l) => !l.trim().startsWith('\\')).join('\n');
  const hits: RuleHit[] = [];
  for (const m of meta) {
    const h = psqlMeta(m, ctx);
    if (h) hits.push(h);
  }
  if (sql.trim() !== '') hits.push(sqlHit(ctx, sql, dialect, `${via} (stdin)`));
  return worstHit(hits) ?? { risk: 'readonly', effect: 'read', explanation: `${via}: empty input` };
}

const RANK = { readonly: 0, mutating: 1, unknown: 2, destructive: 3 } as const;

export function worstHit(hits: readonly RuleHit[]): RuleHit | null {
  let best: RuleHit | null = null;
  for (const h of hits) if (!best || RANK[h.risk ?? 'unknown'] > RANK[best.risk ?? 'unknown']) best = h;
  return best;
}
