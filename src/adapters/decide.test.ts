import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CountersignError } from '../core/errors.js';
import { approveUrl, errorWith, failureOutcome } from './decide.js';

test('failureOutcome: every failure is a deny that names its code and what to do next', () => {
  assert.deepEqual(failureOutcome(new CountersignError('E_UNAVAILABLE', 'Could not connect to http://127.0.0.1:9.')), {
    decision: 'deny',
    code: 'E_UNAVAILABLE',
    reason:
      'Countersign blocked this action (E_UNAVAILABLE): The Countersign server could not be reached; the action is not allowed. Could not connect to http://127.0.0.1:9. ' +
      'Start the server (`countersign serve`) or set COUNTERSIGN_URL to where it runs, then retry.',
  });
  assert.deepEqual(failureOutcome(new TypeError('x is undefined')), {
    decision: 'deny',
    code: 'E_INTERNAL',
    reason: 'Countersign blocked this action (E_INTERNAL): Internal error; the action is not allowed. x is undefined',
  });
  assert.deepEqual(failureOutcome('thrown string'), {
    decision: 'deny',
    code: 'E_INTERNAL',
    reason: 'Countersign blocked this action (E_INTERNAL): Internal error; the action is not allowed. thrown string',
  });
  assert.deepEqual(failureOutcome(errorWith('E_FROZEN', 'Frozen by admin: incident.')), {
    decision: 'deny',
    code: 'E_FROZEN',
    reason: 'Countersign blocked this action (E_FROZEN): Frozen by admin: incident.',
  });
});

test('approveUrl: the server URL when given, else the dashboard path under the base URL', () => {
  const answer = { id: 'req_1', status: 'pending' as const, risk: 'destructive' as const, reasons: [] };
  assert.equal(approveUrl({ ...answer, approval: { count: 2, roles: [], have: 0, expiresAt: 0, url: 'https://cs.example/requests/req_1' } }, 'http://x'), 'https://cs.example/requests/req_1');
  assert.equal(approveUrl(answer, 'http://127.0.0.1:7300/'), 'http://127.0.0.1:7300/requests/req_1');
});
