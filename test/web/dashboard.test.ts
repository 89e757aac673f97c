// The dashboard end to end: a real `countersign serve` serving the built dashboard, a real
// chromium, the demo's incident plans. Sign in, watch the replacement arrive live, be refused as
// the agent's operator, approve as two seniors while the agent long-polls, verify the audit chain.
// COUNTERSIGN_SCREENSHOTS=docs/img writes the inbox and request screenshots for the docs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { api, makeTeam, serve } from '../e2e/kit.js';
import { incidentSteps } from '../../src/demo/script.js';
import { ensureDashboardBuilt, launch, REPO, signedIn } from './browser.js';

const SHOTS = process.env['COUNTERSIGN_SCREENSHOTS'] ? resolve(REPO, process.env['COUNTERSIGN_SCREENSHOTS']) : mkdtempSync(join(tmpdir(), 'cs-shots-'));

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

test('dashboard: live inbox, operator refused, two seniors release the waiting agent, audit verifies', { timeout: 180_000 }, async () => {
  ensureDashboardBuilt();
  const team = makeTeam();
  const srv = await serve(team);
  const ctx = await launch();
  const tok = (id: string): string => team.tokens.get(id)!;
  const offsite: string[] = [];
  const poll = new AbortController();
  // A CSP violation, a failed load or an uncaught error shows up as a console error.
  const consoleErrors: string[] = [];
  ctx.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  ctx.on('weberror', (e) => consoleErrors.push(String(e.error())));
  ctx.on('request', (r) => {
    if (!r.url().startsWith(srv.url) && !r.url().startsWith('data:')) offsite.push(r.url());
  });
  try {
    const steps = incidentSteps(team);
    const submit = (body: unknown) => api(srv.url, tok('agent-1'), 'POST', '/v1/actions', body);
    const ids: string[] = [];
    for (const s of steps.filter((x) => x.expect !== 'pending')) {
      const a = await submit(s.body);
      assert.equal(a.body.status, s.expect, s.title);
      ids.push(a.body.id);
    }

    // The denied "delete and recreate the environment" says so, and offers no decision.
    const operator = await signedIn(ctx, `${srv.url}/requests/${ids[ids.length - 1]}`, tok('senior-a'));
    await operator.locator('.banner').first().waitFor();
    assert.deepEqual(await operator.locator('.banner').allInnerTexts(), [
      'DELETES AND RECREATES the production environment aws_elastic_beanstalk_environment.cost_reporting_prod',
      'REPLACES 2 resources in production: aws_elastic_beanstalk_environment.cost_reporting_prod, aws_db_instance.cost_reports',
    ]);
    assert.match(await operator.locator('h1').innerText(), /^denied/);
    assert.equal(await operator.getByRole('button', { name: 'Approve' }).count(), 0);
    await shot(operator, 'request-denied-desktop');
    await operator.getByRole('link', { name: 'Inbox' }).first().click();
    await operator.getByText('Nothing is waiting').waitFor();
    assert.equal(await operator.getByText('Latest decisions').count(), 1);

    // Arrives over server-sent events: no reload.
    const pending = await submit(steps.find((s) => s.expect === 'pending')!.body);
    assert.equal(pending.body.status, 'pending');
    const id = pending.body.id as string;
    const card = operator.getByRole('link', { name: /destroys or replaces aws_db_instance\.cost_reports/ });
    await card.waitFor({ timeout: 5000 });
    assert.match(await operator.locator('h1').innerText(), /Waiting for approval \(1\)/);
    await shot(operator, 'inbox-desktop');

    await card.click();
    await operator.waitForURL(`${srv.url}/requests/${id}`);
    const banner = operator.locator('.banner');
    await banner.waitFor();
    assert.deepEqual(await banner.allInnerTexts(), ['REPLACES 1 resource in production: aws_db_instance.cost_reports']);
    const approveAsOperator = operator.getByRole('button', { name: 'Approve' });
    assert.equal(await approveAsOperator.isDisabled(), true);
    assert.match(await operator.locator('#why-not').innerText(), /You operate agent-1, the agent that asked/);
    assert.equal(await operator.getByRole('button', { name: 'Reject' }).isEnabled(), true);
    const rows = await operator.locator('table.plan tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('.badge')?.textContent, tr.querySelector('.mono')?.textContent]));
    assert.deepEqual(rows, [
      ['REPLACE', 'aws_db_instance.cost_reports'],
      ['update in place', 'aws_elastic_beanstalk_environment.cost_reporting_prod'],
      ['no change', 'aws_cloudwatch_metric_alarm.cost_reporting_5xx'],
    ]);
    await shot(operator, 'request-desktop-operator');

    // The agent waits for the decision, as a host hook does.
    const started = Date.now();
    const waiting = fetch(`${srv.url}/v1/actions/${id}?wait=30`, { headers: { authorization: `Bearer ${tok('agent-1')}` }, signal: poll.signal })
      .then(async (res) => ({ a: { status: res.status, body: (await res.json()) as any }, at: Date.now() }));
    waiting.catch(() => undefined); // a failure further down must be reported, not this poll cut off by the shutdown

    const seniorB = await signedIn(ctx, `${srv.url}/requests/${id}`, tok('senior-b'), 375);
    await seniorB.locator('.banner').waitFor();
    await shot(seniorB, 'request-phone');
    await seniorB.getByRole('button', { name: 'Approve' }).click();
    assert.match(await seniorB.getByRole('alert').filter({ hasText: 'reason is required' }).innerText(), /Say why you approve this/);
    await seniorB.getByLabel('Reason (required)').fill('snapshot rds:cost-reports-prod-2025-12-02 exists; window open');
    await seniorB.getByRole('button', { name: 'Approve' }).click();
    await seniorB.getByRole('heading', { name: 'Approvals (1 of 2, senior)' }).waitFor();
    assert.match(await seniorB.locator('#why-not').innerText(), /already approved/);
    await seniorB.goto(srv.url);
    await seniorB.locator('.cards').getByRole('link', { name: /destroys or replaces/ }).waitFor();
    await shot(seniorB, 'inbox-phone');
    // At 375 px nothing scrolls sideways, on any page.
    const sideways = async (): Promise<number> => Number(await seniorB.evaluate('document.documentElement.scrollWidth'));
    assert.equal(await sideways(), 375, 'inbox');
    for (const [name, path, ready] of [
      ['request', `/requests/${id}`, '.banner'],
      ['audit', '/audit', '.chain.ok'],
      ['agents', '/agents', '.agent'],
    ] as const) {
      await seniorB.goto(srv.url + path);
      await seniorB.locator(ready).first().waitFor();
      assert.equal(await sideways(), 375, name);
    }

    const seniorC = await signedIn(ctx, `${srv.url}/requests/${id}`, tok('senior-c'));
    // Keyboard: the first Tab reaches the skip link, which lands on the page.
    await seniorC.keyboard.press('Tab');
    assert.equal(await seniorC.evaluate('document.activeElement.textContent'), 'Skip to content');
    const engineer = await signedIn(ctx, `${srv.url}/requests/${id}`, tok('engineer'));
    assert.equal(await engineer.getByRole('button', { name: 'Approve' }).isDisabled(), true);
    assert.equal(await engineer.locator('#why-not').innerText(), 'You cannot approve: This needs an approver with the role senior; you have engineer.');
    await engineer.close();
    await seniorC.getByLabel('Reason (required)').fill('checked the plan: only the database is replaced');
    await shot(seniorC, 'request-desktop');
    const clicked = Date.now();
    await seniorC.getByRole('button', { name: 'Approve' }).click();
    const { a: released, at } = await waiting;
    assert.deepEqual([released.status, released.body.status, released.body.approvals.map((x: { by: string }) => x.by)], [200, 'approved', ['senior-b', 'senior-c']]);
    assert.ok(at - clicked < 3000, `released ${at - clicked} ms after the click`);
    assert.ok(at > started);
    // The operator's open page follows along live.
    await operator.locator('h1 .status-approved').waitFor({ timeout: 5000 });

    await seniorC.getByRole('link', { name: 'Audit' }).click();
    const chain = seniorC.locator('.chain');
    await chain.filter({ hasText: /Chain verified: \d+ entries/ }).waitFor();
    await shot(seniorC, 'audit-desktop');
    const [download] = await Promise.all([seniorC.waitForEvent('download'), seniorC.getByRole('button', { name: 'Export (JSONL)' }).click()]);
    const exported = readFileSync((await download.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number });
    assert.deepEqual([download.suggestedFilename().endsWith('.jsonl'), exported[0]!.seq, exported.length >= 15], [true, 1, true]);
    await seniorC.getByLabel('Decision').selectOption('denied');
    await seniorC.getByText(/^Showing 2 of \d+ entries\.$/).waitFor();
    const denied = await seniorC.locator('.timeline li strong').allInnerTexts();
    assert.deepEqual(denied, ['action.decided', 'action.proposed']);
    await seniorC.getByLabel('Decision').selectOption('');
    await seniorC.getByLabel('Agent').selectOption('agent-1');
    assert.ok((await seniorC.locator('.timeline li').count()) >= 2 * steps.length + 2);

    // Freeze: a senior sees why the switch is off-limits; the admin freezes and thaws.
    await seniorC.getByRole('link', { name: 'Agents' }).click();
    assert.equal(await seniorC.getByRole('button', { name: 'Freeze everything' }).isDisabled(), true);
    const admin = await signedIn(ctx, `${srv.url}/agents`, tok('admin'));
    await admin.getByLabel('Reason (required)').fill('drill');
    await admin.getByRole('button', { name: 'Freeze everything' }).click();
    await seniorC.locator('.frozen').filter({ hasText: 'FROZEN by admin: drill' }).waitFor({ timeout: 5000 });
    assert.equal((await submit(steps[0]!.body)).body.status, 'pending');
    await admin.getByRole('heading', { name: 'agent-1' }).waitFor();
    await shot(admin, 'agents-frozen-desktop');
    await admin.getByLabel('Reason (required)').fill('drill over');
    await admin.getByRole('button', { name: 'Thaw' }).click();
    await seniorC.locator('.frozen').waitFor({ state: 'detached', timeout: 5000 });

    assert.deepEqual(offsite, []);
    const headers = (await fetch(srv.url)).headers;
    assert.deepEqual([headers.get('x-frame-options'), /frame-ancestors 'none'/.test(headers.get('content-security-policy') ?? '')], ['DENY', true]);
    // The expected refusal (the operator's approve is never sent, but the missing-reason one is
    // answered in the page) leaves no console errors; anything else would.
    assert.deepEqual(consoleErrors, []);
  } finally {
    poll.abort();
    await ctx.close();
    assert.equal(await srv.stop(), 0);
  }
});

test('dashboard: an agent token and an unknown token cannot sign in', { timeout: 60_000 }, async () => {
  ensureDashboardBuilt();
  const team = makeTeam();
  const srv = await serve(team);
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    await page.goto(srv.url);
    const input = page.getByLabel('Your token');
    await input.fill(team.tokens.get('agent-1')!);
    await input.press('Enter');
    assert.match(await page.getByRole('alert').innerText(), /That is the token of agent "agent-1"/);
    await input.fill('cs_human_not-a-real-token-at-all');
    await input.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'not known to this server' }).waitFor();
    assert.equal(await page.evaluate('sessionStorage.length'), 0);
  } finally {
    await ctx.close();
    assert.equal(await srv.stop(), 0);
  }
});
