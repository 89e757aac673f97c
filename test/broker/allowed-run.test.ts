// The broker may run an allowed request (no approval needed) once, soon after its decision: the
// reducer's rule, checked on whole results.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reduce } from '../../src/approvals/index.js';
import { ALLOWED_RUN_WINDOW_MS } from '../../src/approvals/reduce.js';
import { pendingRequest, T0 } from '../../src/approvals/test-fixtures.js';

const allowed = pendingRequest({ status: 'allowed', decidedAt: T0, expiresAt: undefined, decision: { ...pendingRequest().decision, verdict: 'allow' } });
const code = (r: ReturnType<typeof reduce>): string => (r.ok ? 'ok' : r.error.code);

test('allowed -> running -> executed, once', () => {
  const started = reduce(allowed, { type: 'execute-start' }, { now: T0 + 1000 });
  assert.deepEqual(started, {
    ok: true,
    req: { ...allowed, execution: { startedAt: T0 + 1000 }, version: 2 },
    audit: [{ type: 'execution.started', body: { request: 'req_1', agent: 'kiro-1', digest: allowed.digest } }],
  });
  assert.equal(code(reduce(started.ok ? started.req : allowed, { type: 'execute-start' }, { now: T0 + 1001 })), 'E_NOT_PENDING');
  const done = reduce(started.ok ? started.req : allowed, { type: 'execute-finish', ok: false, detail: { exitCode: 2 } }, { now: T0 + 2000 });
  assert.equal(done.ok && done.req.status, 'failed');
});

test('an allowed request too old to run is refused; a denied or used one never runs', () => {
  assert.deepEqual(
    [
      code(reduce(allowed, { type: 'execute-start' }, { now: T0 + ALLOWED_RUN_WINDOW_MS })),
      code(reduce(allowed, { type: 'execute-start' }, { now: T0 + ALLOWED_RUN_WINDOW_MS + 1 })),
      code(reduce({ ...allowed, status: 'denied' }, { type: 'execute-start' }, { now: T0 + 1 })),
      code(reduce({ ...allowed, status: 'used' }, { type: 'execute-start' }, { now: T0 + 1 })),
      code(reduce(allowed, { type: 'execute-finish', ok: true }, { now: T0 + 1 })),
    ],
    ['ok', 'E_EXPIRED', 'E_NOT_PENDING', 'E_NOT_PENDING', 'E_NOT_PENDING'],
  );
});
