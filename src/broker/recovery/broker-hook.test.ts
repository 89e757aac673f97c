import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { RequestRecord, Target } from '../../core/index.js';
import type { Engine } from '../../engine/index.js';
import { classify, initClassifier } from '../../classify/index.js';
import { rollbackOf, runWithRecovery } from './broker-hook.js';

before(() => initClassifier());

const SECRET = 'sekret-value-123';
const target: Target = { id: 'ws', environment: 'production', credentials: { env: { API_TOKEN: SECRET } } };

function fakeEngine(dataDir: string | undefined, audit: unknown[]): Engine {
  return { dataDir, appendAudit: async (e: unknown[]) => (audit.push(...e), []), get: async () => null } as unknown as Engine;
}

function request(command: string, cwd: string, required: boolean): RequestRecord {
  const action = { kind: 'shell' as const, command };
  return { id: `req_hook_${Math.random().toString(36).slice(2)}`, agentId: 'a', operator: 'o', action, targetId: 'ws', environment: 'production', digest: 'x', report: classify(action, { cwd }), decision: { verdict: 'approve', matched: [], errors: [], policyDigest: '', reasons: [], approval: { count: 1, roles: [], ttlSeconds: 60, ...(required ? { recoveryPoint: 'required' as const } : {}) } }, status: 'approved', approvals: [], context: { cwd }, createdAt: 0, version: 1 };
}

const decode = (events: { data: string }[]): string => events.map((e) => Buffer.from(e.data, 'base64').toString()).join('');

test('only the exact `countersign rollback <id>` command is a rollback', () => {
  assert.deepEqual(['countersign rollback req_1', ' countersign  rollback req_1 ', 'countersign rollback req_1; rm -rf /', 'countersign rollback ../x', 'countersign rollbacks req_1'].map(rollbackOf), ['req_1', 'req_1', null, null, null]);
});

test("what reaches the agent has the target's secrets taken out", async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'cs-hook-'));
  mkdirSync(join(cwd, SECRET));
  writeFileSync(join(cwd, SECRET, 'f'), 'x');
  const events: { type: string; data: string }[] = [];
  const audit: { type: string }[] = [];
  const out = await runWithRecovery(fakeEngine(mkdtempSync(join(tmpdir(), 'cs-hook-data-')), audit), request(`rm -rf ${SECRET}`, cwd, false), target, `rm -rf ${SECRET}`, cwd, {}, (e) => events.push(e), async () => ({ code: 0, signal: null }));
  assert.equal(out.code, 0);
  const text = decode(events);
  assert.equal(text.includes(SECRET), false);
  assert.match(text, /recovery point taken \(.*\[redacted by countersign\]\)/);
  assert.deepEqual(audit.map((a) => a.type), ['recovery.taken']);
});

test('required and impossible: the action is not run, and the reason is recorded', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'cs-hook-'));
  let ran = false;
  const audit: { type: string; body: Record<string, unknown> }[] = [];
  const out = await runWithRecovery(fakeEngine(undefined, audit), request('rm -rf data', cwd, true), target, 'rm -rf data', cwd, {}, () => undefined, async () => ((ran = true), { code: 0, signal: null }));
  assert.equal(ran, false);
  assert.deepEqual([out.code, out.errorCode, audit.map((a) => [a.type, a.body['code'], a.body['required']])], [null, 'E_RECOVERY_FAILED', [['recovery.failed', 'E_RECOVERY_FAILED', true]]]);
  // Optional: the same failure lets the action run, with the reason on record.
  const opt = await runWithRecovery(fakeEngine(undefined, []), request('rm -rf data', cwd, false), target, 'rm -rf data', cwd, {}, () => undefined, async () => ((ran = true), { code: 0, signal: null }));
  assert.deepEqual([ran, opt.code, (opt.detail?.['recovery'] as { error: { code: string } }).error.code], [true, 0, 'E_RECOVERY_FAILED']);
});
