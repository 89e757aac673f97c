// The dashboard's plan reading and audit filtering (pure modules of web/src), on the demo's plans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planBanners, planRows } from '../../web/src/plan.js';
import { indexEntries, matches } from '../../web/src/audit-index.js';
import type { AuditEntry } from '../../web/src/types.js';
import { deleteAndRecreateEnvironment, replaceDatabase, stagingSetting } from '../../src/demo/plans.js';

test('plan rows: replacements and deletions first, with order and the attribute that forces them', () => {
  assert.deepEqual(planRows(replaceDatabase()), [
    { address: 'aws_db_instance.cost_reports', type: 'aws_db_instance', kind: 'replace', order: 'destroyed first, then recreated', reason: 'replace because cannot update', because: ['storage_encrypted'] },
    { address: 'aws_elastic_beanstalk_environment.cost_reporting_prod', type: 'aws_elastic_beanstalk_environment', kind: 'update' },
    { address: 'aws_cloudwatch_metric_alarm.cost_reporting_5xx', type: 'aws_cloudwatch_metric_alarm', kind: 'no-op' },
  ]);
  const mixed = { resource_changes: [
    { address: 'aws_s3_bucket.new', change: { actions: ['create'] } },
    { address: 'module.net.aws_vpc.main', type: 'aws_vpc', change: { actions: ['delete'] } },
    { address: 'aws_instance.web', change: { actions: ['create', 'delete'] } },
  ] };
  assert.deepEqual(planRows(mixed).map((r) => [r.kind, r.address, r.order]), [
    ['replace', 'aws_instance.web', 'new one first, then the old one is destroyed'],
    ['delete', 'module.net.aws_vpc.main', undefined],
    ['create', 'aws_s3_bucket.new', undefined],
  ]);
  assert.deepEqual(planBanners(planRows(mixed), 'production'), [
    'DELETES the production environment module.net.aws_vpc.main',
    'REPLACES 1 resource in production: aws_instance.web',
    'DELETES 1 resource in production: module.net.aws_vpc.main',
  ]);
});

test('plan banners: the incident plan names the environment; a routine change has none; garbage has no rows', () => {
  assert.deepEqual(planBanners(planRows(deleteAndRecreateEnvironment()), 'production'), [
    'DELETES AND RECREATES the production environment aws_elastic_beanstalk_environment.cost_reporting_prod',
    'REPLACES 2 resources in production: aws_elastic_beanstalk_environment.cost_reporting_prod, aws_db_instance.cost_reports',
  ]);
  assert.deepEqual(planBanners(planRows(stagingSetting()), 'staging'), []);
  assert.deepEqual([planRows(null), planRows({ resource_changes: 'x' }), planRows([1])], [[], [], []]);
});

const entry = (seq: number, type: string, body: Record<string, unknown>, at = 1000 * seq): AuditEntry => ({ v: 1, seq, prev: '', at, type, body, hash: '' });

test('audit filters: later entries inherit their request\'s agent, target and latest outcome', () => {
  const log = [
    entry(1, 'config.loaded', { policyDigest: 'abc' }),
    entry(2, 'action.proposed', { request: 'r1', agent: 'agent-1', target: 'prod', environment: 'production', summary: 's' }),
    entry(3, 'action.decided', { request: 'r1', status: 'pending' }),
    entry(4, 'request.approved', { request: 'r1', by: 'senior-b', status: 'approved' }),
    entry(5, 'action.proposed', { request: 'r2', agent: 'agent-2', target: null, environment: 'production' }),
    entry(6, 'action.decided', { request: 'r2', status: 'denied' }),
    entry(7, 'request.used', { request: 'r1', agent: 'agent-1' }),
  ];
  const idx = indexEntries(log);
  const pick = (f: Partial<Parameters<typeof matches>[2]>, now = 7000): number[] =>
    log.filter((e) => matches(e, typeof e.body['request'] === 'string' ? idx.get(e.body['request']) : undefined, { agent: '', target: '', decision: '', since: '', ...f }, now)).map((e) => e.seq);
  assert.deepEqual(pick({ agent: 'agent-1' }), [2, 3, 4, 7]);
  assert.deepEqual(pick({ target: '(none)' }), [5, 6]);
  assert.deepEqual(pick({ decision: 'denied' }), [5, 6]);
  assert.deepEqual(pick({ decision: 'used' }), [2, 3, 4, 7]);
  assert.deepEqual(pick({ since: '15m' }, 15 * 60_000 + 5500), [6, 7]);
  assert.deepEqual(pick({}), [1, 2, 3, 4, 5, 6, 7]);
});
