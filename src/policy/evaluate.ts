// evaluate(policy, input) -> Decision. Every rule is checked; all matching rules apply and the
// strictest verdict wins (deny > approve > allow). A rule that throws counts as a matching deny and
// is listed in `errors`. No matching rule: the environment's default for the report's risk. An
// environment the policy does not declare is denied. Never throws.
import type { ApprovalRequirement, Decision, Risk, Verdict } from '../core/index.js';
import { combineApprovals } from './combine.js';
import { RISKS } from './decide.js';
import { matchesRule } from './match.js';
import type { CompiledPolicy, EvaluateInput, Rule, RuleDecide, RuleTrace } from './types.js';

export function evaluate(policy: CompiledPolicy, input: EvaluateInput): Decision {
  try {
    return run(policy, input);
  } catch (err) {
    // Unreachable by design (each rule is guarded); kept so that no input can turn into an allow.
    const message = err instanceof Error ? err.message : String(err);
    return { verdict: 'deny', matched: [], errors: [{ rule: '(policy)', message }], reasons: [`The policy could not be evaluated (${message}); denied because Countersign fails closed.`], policyDigest: policy.digest };
  }
}

export type Explanation = { decision: Decision; rules: RuleTrace[]; usedDefault: boolean };

/** The decision plus, for every rule, whether it matched and why (for `policy explain`). */
export function explain(policy: CompiledPolicy, input: EvaluateInput): Explanation {
  const rules: RuleTrace[] = [];
  const decision = run(policy, input, rules);
  return { decision, rules, usedDefault: decision.matched.length === 1 && decision.matched[0]!.startsWith('default:') };
}

function run(policy: CompiledPolicy, input: EvaluateInput, traces?: RuleTrace[]): Decision {
  const hits: Record<Verdict, Rule[]> = { deny: [], approve: [], allow: [] };
  const errors: Decision['errors'] = [];
  const base = { policyDigest: policy.digest };
  const env = typeof input.environment === 'string' && Object.hasOwn(policy.environments, input.environment) ? policy.environments[input.environment] : undefined;
  if (!env) {
    const message = `environment "${input.environment}" is not declared in the policy`;
    return { ...base, verdict: 'deny', matched: [], errors: [{ rule: '(environment)', message }], reasons: [`Denied: ${message}; declare it under environments or fix the target.`] };
  }
  for (let i = 0; i < policy.rules.length; i++) {
    const rule = policy.rules[i]!;
    const why: string[] | undefined = traces ? [] : undefined;
    try {
      const matched = matchesRule(rule, policy.matchers[i]!, input, why);
      if (matched) hits[rule.decide.verdict].push(rule);
      traces?.push({ id: rule.id, matched, why: why!, decide: rule.decide.verdict });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push({ rule: rule.id, message });
      traces?.push({ id: rule.id, matched: true, why: why!, decide: 'deny', error: message });
    }
  }
  if (errors.length || hits.deny.length) {
    const reasons = [
      ...hits.deny.map((r) => because(r, 'denied')),
      ...errors.map((e) => `Rule ${e.rule} could not be evaluated (${e.message}); denied because Countersign fails closed.`),
    ];
    return { ...base, verdict: 'deny', matched: [...hits.deny.map((r) => r.id), ...errors.map((e) => e.rule)], errors, reasons };
  }
  if (hits.approve.length) {
    const approval = combineApprovals(hits.approve.map((r) => (r.decide as { approval: ApprovalRequirement }).approval));
    return { ...base, verdict: 'approve', matched: hits.approve.map((r) => r.id), errors, approval, reasons: hits.approve.map((r) => because(r, needs(approval))) };
  }
  if (hits.allow.length) return { ...base, verdict: 'allow', matched: hits.allow.map((r) => r.id), errors, reasons: hits.allow.map((r) => because(r, 'allowed')) };

  const risk: Risk = RISKS.includes(input.report?.risk) ? input.report.risk : 'unknown';
  const d: RuleDecide = env.default[risk];
  const what = d.verdict === 'approve' ? needs(d.approval) : d.verdict === 'allow' ? 'allowed' : 'denied';
  const reason = `No rule matched; the ${input.environment} default for ${risk} actions applies: ${what}.`;
  return { ...base, verdict: d.verdict, matched: [`default:${input.environment}`], errors, ...(d.verdict === 'approve' ? { approval: d.approval } : {}), reasons: [reason] };
}

function because(r: Rule, outcome: string): string {
  return `${r.description ?? `Rule ${r.id}`} (${r.id}: ${outcome})`;
}

function needs(a: ApprovalRequirement): string {
  const who = a.roleSets ? a.roleSets.map((s) => s.join(' or ')).join(' and ') : a.roles.length ? a.roles.join(' or ') : 'any human';
  return `needs ${a.count} approval${a.count === 1 ? '' : 's'} from ${who}`;
}
