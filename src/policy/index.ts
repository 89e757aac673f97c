// The policy layer's public API (stable; the engine, server and CLI build on it):
//
//   compilePolicy(doc, known?) -> CompiledPolicy     sync; throws E_POLICY_INVALID with every problem
//   checkPolicy(doc, checker, known?)                 the same, adding problems to a Checker (config)
//   evaluate(policy, input) -> Decision               never throws; errors make the answer deny
//   explain(policy, input) -> {decision, rules[]}     per rule: matched or not, and why
//   checkExamples(policy, ctx) / exampleFailures      rule examples against the real classifier
//   loadClassifier()                                  the real classifier, initialised once
//   combineApprovals(reqs), rolesSatisfy(req, roles)  how approval requirements combine
//
// See docs/policy.md for the rule language and its semantics.
export { compilePolicy, checkPolicy, policySpec, type KnownNames } from './compile.js';
export { evaluate, explain, type Explanation } from './evaluate.js';
export { checkExamples, exampleFailures, loadClassifier, type ClassifyFn, type ExampleContext, type ExampleFailure } from './examples.js';
export { combineApprovals, rolesSatisfy } from './combine.js';
export { parseAction } from './example-parse.js';
export { parseDuration } from './duration.js';
export { Checker, pathText, type Issue, type Path } from './check.js';
export { compileGlob, anyGlob, type Glob } from './glob.js';
export type { CompiledPolicy, EnvironmentPolicy, EvaluateInput, Example, Rule, RuleDecide, RuleTrace, When } from './types.js';
