// The classifier's answer. See DESIGN.md "Classification" for what each level means.

export type Risk = 'readonly' | 'mutating' | 'destructive' | 'unknown';

/** Strictness order used when combining findings: unknown is treated as worse than destructive
 * only for allow/deny purposes by policy; for reports, destructive outranks unknown so that a
 * known destruction is reported as such. */
const RANK: Record<Risk, number> = { readonly: 0, mutating: 1, unknown: 2, destructive: 3 };

export function maxRisk(a: Risk, b: Risk): Risk {
  return RANK[a] >= RANK[b] ? a : b;
}

export function riskRank(r: Risk): number {
  return RANK[r];
}

/** One thing the classifier found. */
export type Finding = {
  /** Stable rule id, e.g. "git.push-force", "fs.rm-recursive", "sql.drop-table", "tf.replace". */
  rule: string;
  risk: Risk;
  /** Short effect label, e.g. "delete-files", "rewrite-remote-history", "drop-table", "replace-resource". */
  effect: string;
  /** What is affected: a path, table, resource address, branch, ... */
  target?: string;
  /** One line a human can read. */
  explanation: string;
  /** The tool that produced it when known (rm, git, kubectl, terraform, psql, ...). */
  tool?: string;
  /** Why, in the tool's own words when it states one (e.g. Terraform's action_reason
   * "replace_because_cannot_update"). */
  reason?: string;
};

export type TerraformChanges = { create: number; update: number; delete: number; replace: number };

export type ClassifyError = { code: string; message: string };

export type RiskReport = {
  risk: Risk;
  summary: string;
  findings: Finding[];
  changes?: TerraformChanges;
  /** Present when the input could not be understood; risk is then "unknown". */
  error?: ClassifyError;
};
