// The `command` condition: globs over the action's own text, for what findings do not name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Action, Agent, RiskReport } from '../core/index.js';
import { compilePolicy, evaluate } from './index.js';

const agent: Agent = { kind: 'agent', id: 'bot', operator: 'ana' };
const gcloudDelete: RiskReport = { risk: 'destructive', summary: 's', findings: [{ rule: 'gcloud.delete', risk: 'destructive', effect: 'delete-resource', explanation: 'x' }] };
const policy = compilePolicy({
  default_environment: 'prod',
  environments: { prod: { protected: true, default: { approve: { count: 2, roles: ['senior'] } } } },
  policy: {
    rules: [
      { id: 'no-project-delete', when: { finding: 'gcloud.delete', command: ['*gcloud *projects delete *'] }, decide: 'deny' },
      { id: 'ls-ok', when: { command: 'ls *' }, decide: 'allow' },
    ],
  },
});
const verdict = (action: Action, report: RiskReport = gcloudDelete): [string, string[]] => {
  const d = evaluate(policy, { action, report, environment: 'prod', target: null, agent });
  return [d.verdict, d.matched];
};
const sh = (command: string): Action => ({ kind: 'shell', command });
const readonly: RiskReport = { risk: 'readonly', summary: 's', findings: [{ rule: 'ls', risk: 'readonly', effect: 'read', explanation: 'x' }] };

test('a command condition matches the text with whitespace runs read as one space, together with the finding', () => {
  assert.deepEqual(
    [
      verdict(sh('gcloud   projects\tdelete  acme-prod')),
      verdict(sh('gcloud --quiet projects delete acme-prod')),
      verdict(sh('gcloud compute instances delete web-1')),
      // The text alone is not enough: an echo has no gcloud.delete finding.
      verdict(sh('echo "gcloud projects delete acme-prod"'), readonly),
      verdict({ kind: 'mcp', server: 's', tool: 'gcloud projects delete x' }),
    ],
    [
      ['deny', ['no-project-delete']],
      ['deny', ['no-project-delete']],
      ['approve', ['default:prod']],
      ['approve', ['default:prod']],
      ['approve', ['default:prod']],
    ],
  );
});

test('text too long to match holds a deny condition and never an allow condition', () => {
  const long = ' x'.repeat(5000);
  assert.deepEqual([verdict(sh(`gcloud projects delete p${long}`)), verdict(sh(`ls ${long}`), readonly), verdict(sh('ls -la'), readonly)], [
    ['deny', ['no-project-delete']],
    ['approve', ['default:prod']],
    ['allow', ['ls-ok']],
  ]);
});
