// Two rules with different role sets applied together: each approver must meet every set.
// Without this, `roles` (the union kept for display) would let either role stand in for both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Human } from '../core/index.js';
import { canApprove } from './eligibility.js';
import { pendingRequest, T0 } from './test-fixtures.js';

const combined = pendingRequest({
  decision: {
    verdict: 'approve',
    matched: ['prod-destructive', 'db-owners'],
    errors: [],
    approval: { count: 2, roles: ['dba', 'senior'], roleSets: [['dba'], ['senior']], ttlSeconds: 600 },
    policyDigest: 'p'.repeat(64),
    reasons: ['needs 2 approvals from senior and dba'],
  },
});

const onlySenior: Human = { kind: 'human', id: 'sue', roles: ['senior'] };
const onlyDba: Human = { kind: 'human', id: 'dan', roles: ['dba'] };
const both: Human = { kind: 'human', id: 'bea', roles: ['dba', 'senior'] };

test('combined role sets: a person holding only one of the required sets is refused', () => {
  assert.deepEqual(
    [onlySenior, onlyDba, both].map((h) => canApprove(combined, h, T0)),
    [{ ok: false, code: 'E_ROLE_REQUIRED' }, { ok: false, code: 'E_ROLE_REQUIRED' }, { ok: true }],
  );
});

test('a single role set still accepts any one of its roles', () => {
  const single = pendingRequest();
  assert.deepEqual(canApprove(single, onlySenior, T0), { ok: true });
});
