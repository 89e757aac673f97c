// The compiled policy: what `countersign.yaml`'s `environments` and `policy.rules` become after
// validation. Everything here is plain data except `Matchers`, which hold the compiled globs.
import type { Action, ActionKind, Agent, ApprovalRequirement, Risk, RiskReport, Target, Verdict } from '../core/index.js';
import type { Path } from './check.js';
import type { Glob } from './glob.js';

/** What a rule (or an environment default) decides. */
export type RuleDecide = { verdict: 'allow' } | { verdict: 'deny' } | { verdict: 'approve'; approval: ApprovalRequirement };

/** Rule conditions as written (globs kept as text). Every condition present must hold. */
export type When = {
  environment?: string[];
  /** Compared with the report's overall risk. */
  risk?: Risk[];
  kind?: ActionKind[];
  target?: string[];
  agent?: string[];
  /** Globs over the action's own text (a shell or terraform command, SQL), whitespace runs read as
   * one space. For what the classifier cannot name yet (which gcloud group a delete is in); the
   * strict rules pair it with a `finding`, so text that merely mentions a command never matches. */
  command?: string[];
  // Finding-level conditions: see `matchesRule` for the any/every rule.
  effect?: string[];
  tool?: string[];
  resource?: string[];
  /** Globs over the classifier's finding rule ids, e.g. "terraform.destroy", "aws.*terminate*". */
  finding?: string[];
};

export const FINDING_KEYS = ['effect', 'tool', 'resource', 'finding'] as const;
export const WHEN_KEYS = ['environment', 'risk', 'kind', 'target', 'agent', 'command', ...FINDING_KEYS] as const;

/** A rule example: the action (a shell command as a plain string, or an action object) and the
 * situation it is evaluated in. */
export type Example = {
  action: Action;
  environment?: string;
  target?: string;
  agent?: string;
  /** Where it was written (["policy", "rules", 2, "examples", "match", 0]), for error messages. */
  path: Path;
  /** Working directory the example is classified in (relative paths, build directories). */
  cwd?: string;
};

export type Rule = {
  id: string;
  description?: string;
  when: When;
  decide: RuleDecide;
  examples: { match: Example[]; no_match: Example[] };
  /** file:line:col of the rule, when known. */
  at?: string;
};

export type EnvironmentPolicy = {
  protected: boolean;
  /** Verdict when no rule matches, by the report's overall risk. */
  default: Record<Risk, RuleDecide>;
};

export type Matchers = Partial<Record<keyof When, Glob[]>>;

export type CompiledPolicy = {
  rules: Rule[];
  environments: Record<string, EnvironmentPolicy>;
  defaultEnvironment: string;
  /** sha256 of canonicalJson(policySpec(policy)). */
  digest: string;
  /** Compiled globs, parallel to `rules`. */
  matchers: Matchers[];
};

export type EvaluateInput = {
  action: Action;
  report: RiskReport;
  environment: string;
  target: Target | null;
  agent: Agent;
  context?: Record<string, unknown>;
};

export type RuleTrace = {
  id: string;
  matched: boolean;
  /** One line per condition: what it required and whether it held. */
  why: string[];
  decide: Verdict;
  error?: string;
};
