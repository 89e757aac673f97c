import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planApply } from './terraform-plan.js';

test('planApply: only a plain apply of one plan file qualifies', () => {
  const cases: [string, unknown][] = [
    ['terraform apply plan.out', { bin: 'terraform', dir: '/w', plan: '/w/plan.out' }],
    ['tofu apply -input=false -auto-approve tf.plan', { bin: 'tofu', dir: '/w', plan: '/w/tf.plan' }],
    ['terraform -chdir=infra apply plan.out', { bin: 'terraform', dir: '/w/infra', plan: '/w/infra/plan.out' }],
    ['/usr/local/bin/terraform apply /tmp/p.bin', { bin: '/usr/local/bin/terraform', dir: '/w', plan: '/tmp/p.bin' }],
    // No plan file: the shell classifier judges the command itself.
    ['terraform apply', undefined],
    ['terraform apply -auto-approve', undefined],
    // Shell syntax or extra words: not this simple form, left to the shell classifier.
    ['terraform apply plan.out && rm -rf /', undefined],
    ['terraform apply $(cat planname)', undefined],
    ['terraform apply a.plan b.plan', undefined],
    ['terraform -var x=1 apply plan.out', undefined],
    ['terraform plan -out plan.out', undefined],
    ['terraformer apply plan.out', undefined],
  ];
  for (const [command, want] of cases) assert.deepEqual(planApply(command, '/w'), want, command);
  assert.equal(planApply('terraform apply plan.out', undefined), undefined);
});
