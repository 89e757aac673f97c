// `countersign classify --self-check`: every tool rule's examples, run through the real shell
// walker. A `match` example must produce a finding of that rule; a `no_match` example must not.
import { classify } from '../../classify/index.js';
import { TABLES } from '../../classify/tools/index.js';

export type ExampleFailure = { rule: string; example: string; expected: 'match' | 'no_match'; got: string[] };

export function checkExamples(): { rules: number; examples: number; failures: ExampleFailure[] } {
  const failures: ExampleFailure[] = [];
  let rules = 0;
  let examples = 0;
  const seen = new Set<string>();
  for (const table of TABLES) {
    for (const rule of table.rules) {
      rules++;
      // A rule without a match example is untested; a duplicated id makes findings ambiguous.
      if (rule.examples.match.length === 0) failures.push({ rule: rule.id, example: '(none)', expected: 'match', got: ['rule has no match example'] });
      if (seen.has(rule.id)) failures.push({ rule: rule.id, example: '(none)', expected: 'match', got: ['rule id is used twice'] });
      seen.add(rule.id);
      for (const [expected, list] of [['match', rule.examples.match], ['no_match', rule.examples.no_match]] as const) {
        for (const example of list) {
          examples++;
          const got = classify({ kind: 'shell', command: example }).findings.map((f) => f.rule);
          if (got.includes(rule.id) !== (expected === 'match')) failures.push({ rule: rule.id, example, expected, got });
        }
      }
    }
  }
  return { rules, examples, failures };
}

export function selfCheck(): number {
  const { rules, examples, failures } = checkExamples();
  for (const f of failures) {
    const what = f.example === '(none)' ? f.got.join(', ') : `expected ${f.expected === 'match' ? 'a match' : 'no match'} for: ${f.example}\n     findings: ${f.got.join(', ') || '(none)'}`;
    process.stdout.write(`FAIL ${f.rule}: ${what}\n`);
  }
  process.stdout.write(`${TABLES.length} tables, ${rules} rules, ${examples} examples: ${failures.length} failing\n`);
  return failures.length ? 1 : 0;
}
