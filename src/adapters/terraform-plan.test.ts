import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planApply, trustedBinary } from './terraform-plan.js';

test('planApply: only a plain apply of one plan file by a bare terraform/tofu qualifies', () => {
  const cases: [string, unknown][] = [
    ['terraform apply plan.out', { bin: 'terraform', dir: '/w', plan: '/w/plan.out' }],
    ['tofu apply -input=false -auto-approve tf.plan', { bin: 'tofu', dir: '/w', plan: '/w/tf.plan' }],
    ['terraform -chdir=infra apply plan.out', { bin: 'terraform', dir: '/w/infra', plan: '/w/infra/plan.out' }],
    // A binary named by path is the agent's choice (it could be a script it wrote): never run it.
    ['./terraform apply plan.out', undefined],
    ['/usr/local/bin/terraform apply /tmp/p.bin', undefined],
    ['bin/tofu apply p.plan', undefined],
    ['TF_LOG=trace terraform apply plan.out', undefined],
    ['PATH=. terraform apply plan.out', undefined],
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
  const got = cases.map(([command]) => [command, planApply(command, '/w')]);
  assert.deepEqual(got, cases);
  assert.equal(planApply('terraform apply plan.out', undefined), undefined);
});

test('trustedBinary: a configured absolute path, else /usr/local/bin then /usr/bin; never inside the workspace', () => {
  const all = (): boolean => true;
  const only = (...paths: string[]) => (p: string): boolean => paths.includes(p);
  const cases: [string, string | undefined][] = [
    ['default, both present', trustedBinary('terraform', {}, all, ['/w'])!],
    ['default, only /usr/bin', trustedBinary('tofu', {}, only('/usr/bin/tofu'), ['/w'])!],
    ['default, none', trustedBinary('terraform', {}, only('/w/terraform'), ['/w'])],
    ['configured', trustedBinary('terraform', { COUNTERSIGN_TERRAFORM: '/opt/tf/1.9/terraform' }, all, ['/w'])],
    ['configured tofu', trustedBinary('tofu', { COUNTERSIGN_TOFU: '/opt/tofu' }, all, ['/w'])],
    // A configured value that is relative, climbs, or sits in the workspace is not trusted, and
    // does not fall back either: the configuration is wrong, so nothing runs.
    ['configured relative', trustedBinary('terraform', { COUNTERSIGN_TERRAFORM: 'bin/terraform' }, all, ['/w'])],
    ['configured ..', trustedBinary('terraform', { COUNTERSIGN_TERRAFORM: '/opt/../w/terraform' }, all, ['/w'])],
    ['configured in workspace', trustedBinary('terraform', { COUNTERSIGN_TERRAFORM: '/w/tools/terraform' }, all, ['/x', '/w/'])],
    ['configured missing', trustedBinary('terraform', { COUNTERSIGN_TERRAFORM: '/opt/terraform' }, only('/usr/bin/terraform'), ['/w'])],
    // The agent working in /usr/local/bin (or /) makes that directory its workspace.
    ['workspace is a trusted dir', trustedBinary('terraform', {}, all, ['/usr/local/bin'])],
    ['workspace is /', trustedBinary('terraform', {}, all, ['/'])],
  ];
  assert.deepEqual(cases, [
    ['default, both present', '/usr/local/bin/terraform'],
    ['default, only /usr/bin', '/usr/bin/tofu'],
    ['default, none', undefined],
    ['configured', '/opt/tf/1.9/terraform'],
    ['configured tofu', '/opt/tofu'],
    ['configured relative', undefined],
    ['configured ..', undefined],
    ['configured in workspace', undefined],
    ['configured missing', undefined],
    ['workspace is a trusted dir', '/usr/bin/terraform'],
    ['workspace is /', undefined],
  ]);
});
