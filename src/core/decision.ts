// The policy's answer, as data (never an exception). An erroring rule makes the answer stricter.

export type Verdict = 'allow' | 'approve' | 'deny';

export type ApprovalRequirement = {
  /** How many distinct qualifying humans must approve. */
  count: number;
  /** An approver must hold at least one of these roles (empty: any human). When several rules
   * combine, every rule's role set must be satisfied by each approval (all role constraints). */
  roles: string[];
  /** Present when several rules' role constraints combined into more than one set: each approval
   * must hold at least one role from EVERY set (then `roles` is their union, for display only).
   * Absent or one set: `roles` alone is the constraint. */
  roleSets?: string[][];
  /** Seconds the request stays pending (and an approval stays usable). */
  ttlSeconds: number;
  /** Whether a verified recovery point must exist before the action runs. */
  recoveryPoint?: 'required' | 'optional';
};

export type Decision = {
  verdict: Verdict;
  /** Ids of the rules that determined the verdict (all matching rules at the winning strictness). */
  matched: string[];
  /** Rules that failed to evaluate (each counted as deny). */
  errors: { rule: string; message: string }[];
  approval?: ApprovalRequirement;
  /** sha256 of the canonical compiled policy that was evaluated. */
  policyDigest: string;
  /** Human-readable reasons, one per determining rule or default. */
  reasons: string[];
};
