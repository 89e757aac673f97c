// The Terraform plans of the incident replay, in the shape `terraform show -json plan.out` prints
// (format 1.2). Written out rather than generated: a real plan of AWS resources needs AWS, and the
// demo must run offline. Addresses, attributes and action reasons are the ones the AWS provider
// reports for these changes.

const AWS = 'registry.terraform.io/hashicorp/aws';

type Change = {
  address: string;
  actions: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Attributes whose change forces the replacement (Terraform's replace_paths). */
  replacePaths?: string[][];
  reason?: string;
};

function change(c: Change): Record<string, unknown> {
  const dot = c.address.lastIndexOf('.');
  return {
    address: c.address,
    mode: 'managed',
    type: c.address.slice(0, dot),
    name: c.address.slice(dot + 1),
    provider_name: AWS,
    change: {
      actions: c.actions,
      before: c.before,
      after: c.after,
      after_unknown: c.after ? { id: c.actions.includes('create'), arn: c.actions.includes('create') } : {},
      before_sensitive: {},
      after_sensitive: c.after ? {} : false,
      ...(c.replacePaths ? { replace_paths: c.replacePaths } : {}),
    },
    ...(c.reason ? { action_reason: c.reason } : {}),
  };
}

function plan(changes: Change[]): Record<string, unknown> {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: changes.map(change),
    applyable: true,
    complete: true,
    errored: false,
    timestamp: '2025-12-02T14:07:31Z',
  };
}

const ENV_PROD = {
  name: 'cost-reporting-prod',
  application: 'cost-reporting',
  tier: 'WebServer',
  solution_stack_name: '64bit Amazon Linux 2023 v6.1.2 running Node.js 20',
  cname: 'cost-reporting-prod.eu-west-1.elasticbeanstalk.com',
};

const DB_PROD = {
  identifier: 'cost-reports-prod',
  engine: 'postgres',
  engine_version: '15.7',
  instance_class: 'db.r6g.large',
  allocated_storage: 500,
  storage_encrypted: false,
  multi_az: true,
  deletion_protection: false,
};

/** What the agent proposed in December 2025: "delete and recreate the environment". The
 * environment goes (and with it the service) and the database is replaced to "start clean". */
export function deleteAndRecreateEnvironment(): Record<string, unknown> {
  return plan([
    {
      address: 'aws_elastic_beanstalk_environment.cost_reporting_prod',
      actions: ['delete', 'create'],
      before: { ...ENV_PROD, id: 'e-4kmqz7xv2p' },
      after: { ...ENV_PROD, solution_stack_name: '64bit Amazon Linux 2023 v6.2.0 running Node.js 22', tier: 'WebServer' },
      replacePaths: [['solution_stack_name']],
      reason: 'replace_because_cannot_update',
    },
    {
      address: 'aws_db_instance.cost_reports',
      actions: ['delete', 'create'],
      before: { ...DB_PROD, id: 'db-7QH2M4XK3N' },
      after: { ...DB_PROD, storage_encrypted: true },
      replacePaths: [['storage_encrypted']],
      reason: 'replace_because_cannot_update',
    },
    {
      address: 'aws_cloudwatch_metric_alarm.cost_reporting_5xx',
      actions: ['update'],
      before: { alarm_name: 'cost-reporting-prod-5xx', threshold: 5 },
      after: { alarm_name: 'cost-reporting-prod-5xx', threshold: 10 },
    },
  ]);
}

/** The narrower change: only the database is replaced (encryption at rest cannot be switched on in
 * place), the environment is updated in place. Destructive, so it waits for two seniors. */
export function replaceDatabase(): Record<string, unknown> {
  return plan([
    {
      address: 'aws_db_instance.cost_reports',
      actions: ['delete', 'create'],
      before: { ...DB_PROD, id: 'db-7QH2M4XK3N' },
      after: { ...DB_PROD, storage_encrypted: true },
      replacePaths: [['storage_encrypted']],
      reason: 'replace_because_cannot_update',
    },
    {
      address: 'aws_elastic_beanstalk_environment.cost_reporting_prod',
      actions: ['update'],
      before: { ...ENV_PROD, id: 'e-4kmqz7xv2p' },
      after: { ...ENV_PROD, id: 'e-4kmqz7xv2p', setting_db_host: '(known after apply)' },
    },
    {
      address: 'aws_cloudwatch_metric_alarm.cost_reporting_5xx',
      actions: ['no-op'],
      before: { alarm_name: 'cost-reporting-prod-5xx', threshold: 5 },
      after: { alarm_name: 'cost-reporting-prod-5xx', threshold: 5 },
    },
  ]);
}

/** A routine staging change: one setting of the staging environment, updated in place. */
export function stagingSetting(): Record<string, unknown> {
  const env = { ...ENV_PROD, name: 'cost-reporting-staging', cname: 'cost-reporting-staging.eu-west-1.elasticbeanstalk.com', id: 'e-9ttc2w1ax3' };
  return plan([
    {
      address: 'aws_elastic_beanstalk_environment.cost_reporting_staging',
      actions: ['update'],
      before: { ...env, setting_report_timeout: '30' },
      after: { ...env, setting_report_timeout: '120' },
    },
  ]);
}
