// Dialects other than PostgreSQL. Placeholder until the node-sql-parser walker lands: the
// PostgreSQL parser reads the common subset; anything it cannot read is unknown.
import type { Finding, RiskReport, SqlDialect } from '../../core/index.js';

export function otherDialectFindings(sql: string, _dialect: SqlDialect, pg: (s: string) => Finding[] | RiskReport): Finding[] | RiskReport {
  return pg(sql);
}
