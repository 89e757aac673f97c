// The starter policy against the December 2025 incident, decided offline exactly as the server
// would: target from the context, the real classifier, the compiled starter policy.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Action } from '../core/index.js';
import { loadClassifier, type ClassifyFn } from '../policy/index.js';
import { authenticate, decideOffline, parseConfigChecked, starterConfig, type Config, type ResolveContext } from './index.js';

const DIR = '/srv/cs';
const PROD = `${DIR}/workspaces/prod`;
const STAGING = `${DIR}/workspaces/staging`;
const starter = starterConfig({ dir: DIR });
const sh = (command: string): Action => ({ kind: 'shell', command });
let config: Config;
let classify: ClassifyFn;

before(async () => {
  classify = await loadClassifier();
  config = await parseConfigChecked(starter.yaml, `${DIR}/countersign.yaml`, { classify });
});

const plan = (address: string, ...actions: string[]): Action => ({ kind: 'terraform-plan', plan: { format_version: '1.2', resource_changes: [{ address, change: { actions } }] } });

function decide(action: Action, context: ResolveContext = {}, hint?: string): unknown {
  const r = decideOffline(config, classify, { action, context, ...(hint ? { hint } : {}) });
  const d = r.decision;
  return { env: r.resolution.environment, verdict: d.verdict, matched: d.matched, ...(d.approval ? { count: d.approval.count, roles: d.approval.roles } : {}) };
}

test('the starter loads, its examples hold, and it warns about nothing', () => {
  assert.deepEqual(config.warnings, []);
  assert.deepEqual(config.policy.rules.map((r) => r.id), [
    'prod-never-delete-environment',
    'prod-never-destroy-stack',
    'prod-never-terminate-environment',
    'prod-never-terminate-platform',
    'prod-never-delete-cluster',
    'prod-never-delete-platform',
    'prod-destructive-two-seniors',
    'prod-mutating-one-approval',
    'prod-readonly',
    'staging-destructive-one-approval',
    'dev-unknown-one-approval',
  ]);
});

test('replacing the production database needs two seniors', () => {
  assert.deepEqual(decide(plan('aws_db_instance.main', 'delete', 'create'), { cwd: PROD }), {
    env: 'production', verdict: 'approve', matched: ['prod-destructive-two-seniors'], count: 2, roles: ['senior'],
  });
});

test('deleting or replacing the production environment is denied outright', () => {
  const denied = { env: 'production', verdict: 'deny', matched: ['prod-never-delete-environment'] };
  assert.deepEqual(decide(plan('aws_elastic_beanstalk_environment.web', 'delete'), { cwd: PROD }), denied);
  assert.deepEqual(decide(plan('module.app.aws_elastic_beanstalk_environment.web', 'create', 'delete'), { cwd: `${PROD}/infra` }), denied);
  assert.deepEqual(decide(plan('aws_ecs_cluster.main', 'delete', 'create')), denied);
});

test('destroying the stack or terminating the environment from the command line is denied', () => {
  assert.deepEqual(
    [
      decide(sh('terraform destroy -auto-approve'), { cwd: PROD }),
      decide(sh('aws elasticbeanstalk terminate-environment --environment-name web'), { cwd: PROD }),
      decide(sh('AWS_PROFILE=prod aws cloudformation delete-stack --stack-name web')),
      decide(sh('kubectl --context prod-cluster delete ns payments')),
      decide(sh('kubectl --context prod-cluster delete pod web-1')),
    ],
    [
      { env: 'production', verdict: 'deny', matched: ['prod-never-destroy-stack'] },
      { env: 'production', verdict: 'deny', matched: ['prod-never-terminate-environment'] },
      { env: 'production', verdict: 'deny', matched: ['prod-never-terminate-environment'] },
      { env: 'production', verdict: 'deny', matched: ['prod-never-terminate-environment'] },
      { env: 'production', verdict: 'approve', matched: ['prod-destructive-two-seniors'], count: 2, roles: ['senior'] },
    ],
  );
  assert.deepEqual(decide(sh('kubectl --context staging-cluster delete ns payments')), {
    env: 'staging', verdict: 'approve', matched: ['staging-destructive-one-approval'], count: 1, roles: ['engineer', 'senior'],
  });
});

test('deleting or recreating an environment, cluster, project or resource group with any cloud CLI is denied in production', () => {
  const never = (id: string) => ({ env: 'production', verdict: 'deny', matched: [id] });
  const twoSeniors = { env: 'production', verdict: 'approve', matched: ['prod-destructive-two-seniors'], count: 2, roles: ['senior'] };
  const cases = [
    'aws elasticbeanstalk rebuild-environment --environment-name web-prod',
    'eb terminate --all',
    'eb terminate web-prod --force',
    'eksctl delete cluster --name prod --wait',
    'gcloud container clusters delete prod --region us-east1',
    'gcloud --project acme-prod container clusters delete prod',
    'gcloud projects delete acme-prod',
    'az group delete --name rg-prod --yes',
    'az aks delete -n prod -g rg-prod',
    'doctl kubernetes cluster delete prod',
    // Not environment-scale: still two seniors.
    'gcloud compute instances delete web-1 --zone us-east1-b',
    'az vm delete -n web-1 -g rg-prod',
    'eksctl delete nodegroup --cluster prod --name ng-1',
    // The file is not seen, so what it deletes is not known: two seniors, not deny.
    'kubectl delete -f namespace.yaml',
  ];
  assert.deepEqual(Object.fromEntries(cases.map((c) => [c, decide(sh(c), { cwd: PROD })])), {
    'aws elasticbeanstalk rebuild-environment --environment-name web-prod': never('prod-never-terminate-environment'),
    'eb terminate --all': never('prod-never-terminate-platform'),
    'eb terminate web-prod --force': never('prod-never-terminate-platform'),
    'eksctl delete cluster --name prod --wait': never('prod-never-delete-cluster'),
    'gcloud container clusters delete prod --region us-east1': never('prod-never-delete-platform'),
    'gcloud --project acme-prod container clusters delete prod': never('prod-never-delete-platform'),
    'gcloud projects delete acme-prod': never('prod-never-delete-platform'),
    'az group delete --name rg-prod --yes': never('prod-never-delete-platform'),
    'az aks delete -n prod -g rg-prod': never('prod-never-delete-platform'),
    'doctl kubernetes cluster delete prod': never('prod-never-delete-platform'),
    'gcloud compute instances delete web-1 --zone us-east1-b': twoSeniors,
    'az vm delete -n web-1 -g rg-prod': twoSeniors,
    'eksctl delete nodegroup --cluster prod --name ng-1': twoSeniors,
    'kubectl delete -f namespace.yaml': twoSeniors,
  });
  // In staging the same commands need one approval, as any destructive action there does.
  assert.deepEqual(decide(sh('gcloud projects delete acme-staging'), { cwd: STAGING }), {
    env: 'staging', verdict: 'approve', matched: ['staging-destructive-one-approval'], count: 1, roles: ['engineer', 'senior'],
  });
});

test('the same environment delete in staging needs one approval', () => {
  assert.deepEqual(decide(plan('aws_elastic_beanstalk_environment.web', 'delete'), { cwd: STAGING }), {
    env: 'staging', verdict: 'approve', matched: ['staging-destructive-one-approval'], count: 1, roles: ['engineer', 'senior'],
  });
});

test('production: mutating needs one approval, reading is allowed', () => {
  assert.deepEqual(decide(plan('aws_s3_bucket.assets', 'create'), { cwd: PROD }), {
    env: 'production', verdict: 'approve', matched: ['prod-mutating-one-approval'], count: 1, roles: ['engineer', 'senior'],
  });
  assert.deepEqual(decide({ kind: 'sql', sql: 'SELECT * FROM orders' }, { cwd: PROD }), { env: 'production', verdict: 'allow', matched: ['prod-readonly'] });
});

test('staging allows routine changes', () => {
  assert.deepEqual(decide(plan('aws_s3_bucket.assets', 'update'), { cwd: STAGING }), { env: 'staging', verdict: 'allow', matched: ['default:staging'] });
});

test("an unknown context is production, and the agent's claim does not change that", () => {
  const twoSeniors = { env: 'production', verdict: 'approve', matched: ['prod-destructive-two-seniors'], count: 2, roles: ['senior'] };
  assert.deepEqual(decide({ kind: 'sql', sql: 'DROP TABLE customers' }, { cwd: '/home/someone' }), twoSeniors);
  assert.deepEqual(decide({ kind: 'sql', sql: 'DROP TABLE customers' }, { cwd: '/home/someone' }, 'staging'), twoSeniors);
  assert.deepEqual(decide({ kind: 'sql', sql: 'DROP TABLE customers' }, { cwd: PROD }, 'staging'), twoSeniors);
});

test('the printed tokens authenticate as the demo team; an agent is never its operator', () => {
  const byId = Object.fromEntries(starter.principals.map((p) => [p.id, authenticate(config, p.token)]));
  assert.deepEqual(byId, {
    admin: { kind: 'human', id: 'admin', name: 'Admin', roles: ['admin'] },
    'senior-a': { kind: 'human', id: 'senior-a', name: 'Senior A', roles: ['senior'] },
    'senior-b': { kind: 'human', id: 'senior-b', name: 'Senior B', roles: ['senior'] },
    'senior-c': { kind: 'human', id: 'senior-c', name: 'Senior C', roles: ['senior'] },
    engineer: { kind: 'human', id: 'engineer', name: 'Engineer', roles: ['engineer'] },
    'agent-1': { kind: 'agent', id: 'agent-1', name: 'Coding agent', operator: 'senior-a' },
  });
  assert.equal(starter.yaml.includes(starter.principals[0]!.token), false);
});
