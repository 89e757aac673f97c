// Rule examples are checked when the policy loads: each `match` example must make its rule match
// and each `no_match` example must not, with the action classified by the real classifier. A rule
// whose examples fail is a rule that does not do what its author thinks, so loading fails
// (E_POLICY_EXAMPLE naming the rule, the example and why).
//
// The situation an example is evaluated in, unless the example says otherwise:
// - target: the first declared target matching the rule's `target` condition, else none;
// - environment: that target's, else the first declared environment matching the rule's
//   `environment` condition, else the policy's default environment;
// - agent: the first declared agent matching the rule's `agent` condition, else a placeholder agent.
import { CountersignError, type Action, type Agent, type RiskReport, type Target } from '../core/index.js';
import { pathText, type Path } from './check.js';
import { anyGlob, compileGlob } from './glob.js';
import { matchesRule } from './match.js';
import type { CompiledPolicy, EvaluateInput, Example, Rule } from './types.js';

export type ClassifyFn = (action: Action, opts?: { cwd?: string }) => RiskReport;

export type ExampleContext = {
  classify: ClassifyFn;
  targets?: Target[];
  agents?: Agent[];
  /** Turns a path into "file:line:col" for messages. */
  locate?: (path: Path) => string;
};

export type ExampleFailure = { rule: string; path: Path; message: string };

/** Loads the real classifier once (dynamically, so the hot path never pays for it). */
export async function loadClassifier(): Promise<ClassifyFn> {
  const mod = (await import('../classify/index.js')) as { initClassifier(): Promise<void>; classify: ClassifyFn };
  await mod.initClassifier();
  return (action, opts) => mod.classify(action, opts ?? {});
}

/** Every failing example (empty when all behave). Never throws for a failing example. */
export function exampleFailures(policy: CompiledPolicy, ctx: ExampleContext): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  policy.rules.forEach((rule, i) => {
    for (const expect of ['match', 'no_match'] as const) {
      for (const ex of rule.examples[expect]) {
        const why: string[] = [];
        let matched: boolean;
        let input: EvaluateInput;
        try {
          input = situation(policy, rule, ex, ctx);
          matched = matchesRule(rule, policy.matchers[i]!, input, why);
        } catch (err) {
          failures.push({ rule: rule.id, path: ex.path, message: err instanceof Error ? err.message : String(err) });
          continue;
        }
        if (matched !== (expect === 'match')) {
          const said = expect === 'match' ? 'should match the rule but does not' : 'should not match the rule but does';
          const got = `classified ${input.report.risk} in ${input.environment}${input.target ? ` (target ${input.target.id})` : ''}: ${input.report.summary}`;
          failures.push({ rule: rule.id, path: ex.path, message: `${said}; ${got}; conditions: ${why.join('; ')}` });
        }
      }
    }
  });
  return failures;
}

/** Throws E_POLICY_EXAMPLE listing every failing example. */
export function checkExamples(policy: CompiledPolicy, ctx: ExampleContext): void {
  const failures = exampleFailures(policy, ctx);
  if (failures.length === 0) return;
  const lines = failures.map((f) => `${ctx.locate ? `${ctx.locate(f.path)}: ` : ''}rule "${f.rule}", example ${pathText(f.path)} ${f.message}`);
  throw new CountersignError('E_POLICY_EXAMPLE', `Fix the rule or its example:\n  ${lines.join('\n  ')}`, { failures });
}

function situation(policy: CompiledPolicy, rule: Rule, ex: Example, ctx: ExampleContext): EvaluateInput {
  const targets = ctx.targets ?? [];
  const firstMatching = <T>(items: T[], globs: string[] | undefined, name: (t: T) => string): T | undefined =>
    globs ? items.find((t) => anyGlob(globs.map(compileGlob), name(t))) : undefined;
  const target = ex.target !== undefined ? targets.find((t) => t.id === ex.target) ?? null : firstMatching(targets, rule.when.target, (t) => t.id) ?? null;
  if (ex.target !== undefined && !target) {
    throw new Error(`names target "${ex.target}", which is not declared under targets`);
  }
  const environment =
    ex.environment ?? target?.environment ?? firstMatching(Object.keys(policy.environments), rule.when.environment, (e) => e) ?? policy.defaultEnvironment;
  const agent: Agent =
    (ex.agent !== undefined ? ctx.agents?.find((a) => a.id === ex.agent) : firstMatching(ctx.agents ?? [], rule.when.agent, (a) => a.id)) ??
    { kind: 'agent', id: ex.agent ?? rule.when.agent?.[0] ?? 'example-agent', operator: 'example-operator' };
  const report = ctx.classify(ex.action, ex.cwd ? { cwd: ex.cwd } : {});
  return { action: ex.action, report, environment, target, agent };
}
