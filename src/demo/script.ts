// The incident replay, step by step: what the agent proposes, in which workspace, and what the
// newcomer should notice. Each step is a plain POST /v1/actions body, so the demo agent is an
// ordinary HTTP client of the server, like any real agent host.
import { deleteAndRecreateEnvironment, replaceDatabase, stagingSetting } from './plans.js';

export type Step = {
  /** One line shown before the step. */
  title: string;
  body: { action: Record<string, unknown>; context: { cwd: string; session: string; host: string } };
  /** What the policy is expected to answer; the demo says so when it differs. */
  expect: 'allowed' | 'denied' | 'pending';
  /** Said after the answer: why this matters. */
  moral?: string;
};

export type Workspaces = { prod: string; staging: string };

export function incidentSteps(w: Workspaces): Step[] {
  const prod = `${w.prod}/cost-reporting`;
  const staging = `${w.staging}/cost-reporting`;
  const ctx = (cwd: string) => ({ cwd, session: 'kiro-demo-1', host: 'demo-agent' });
  return [
    {
      title: 'The agent looks at the production environment (a read)',
      body: { action: { kind: 'shell', command: 'aws elasticbeanstalk describe-environments --environment-names cost-reporting-prod --profile prod' }, context: ctx(prod) },
      expect: 'allowed',
    },
    {
      title: 'It reads the failing reports from the production database (a read)',
      body: { action: { kind: 'sql', sql: "SELECT report_date, status, error FROM cost_reports WHERE status = 'failed' ORDER BY report_date DESC LIMIT 20", dialect: 'postgresql' }, context: ctx(prod) },
      expect: 'allowed',
    },
    {
      title: 'It plans in production (terraform plan changes nothing)',
      body: { action: { kind: 'shell', command: 'terraform plan -out=tfplan' }, context: ctx(prod) },
      expect: 'allowed',
    },
    {
      title: 'It tries a fix in staging: one setting, updated in place',
      body: { action: { kind: 'terraform-plan', command: 'terraform apply tfplan', plan: stagingSetting() }, context: ctx(staging) },
      expect: 'allowed',
      moral: 'Staging is not protected: a routine change goes straight through.',
    },
    {
      title: 'Then, in production, it proposes to "delete and recreate the environment" (December 2025)',
      body: { action: { kind: 'terraform-plan', command: 'terraform apply tfplan', plan: deleteAndRecreateEnvironment() }, context: ctx(prod) },
      expect: 'denied',
      moral: 'The command is a plain `terraform apply`; Countersign read the plan and saw the environment go. No number of approvals makes that a fix: the policy denies it outright.',
    },
    {
      title: 'It narrows the change: replace only the database (encryption cannot be turned on in place)',
      body: { action: { kind: 'terraform-plan', command: 'terraform apply tfplan', plan: replaceDatabase() }, context: ctx(prod) },
      expect: 'pending',
      moral: 'Replacing a production database loses data if anything goes wrong: two seniors must sign it off.',
    },
  ];
}
