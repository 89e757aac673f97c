import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_MAX_BYTES, DEFAULT_RETENTION_MS, recoverySettings } from './settings.js';

test('defaults, sizes with units, durations, disabled kinds', () => {
  assert.deepEqual(recoverySettings(null), { maxBytes: DEFAULT_MAX_BYTES, retentionMs: DEFAULT_RETENTION_MS, disabled: [] });
  assert.deepEqual(recoverySettings({ id: 't', environment: 'p', recovery: { max_bytes: '1.5GiB', retention: '2w', disabled: ['terraform'] } }), { maxBytes: 1.5 * 1024 ** 3, retentionMs: 14 * 86_400_000, disabled: ['terraform'] });
  assert.deepEqual(recoverySettings({ id: 't', environment: 'p', recovery: { max_bytes: 100 } }).maxBytes, 100);
});

test('a setting that does not read is a configuration error that says what to write', () => {
  assert.throws(() => recoverySettings({ id: 't', environment: 'p', recovery: { max_bytes: 'lots' } }), { code: 'E_CONFIG_INVALID', message: /targets\[t\]\.recovery\.max_bytes must be a size such as 500MB/ });
  assert.throws(() => recoverySettings({ id: 't', environment: 'p', recovery: { retention: '7 days' } }), { code: 'E_CONFIG_INVALID', message: /must be a duration such as 7d/ });
  assert.throws(() => recoverySettings({ id: 't', environment: 'p', recovery: { maxbytes: 1 } }), { code: 'E_CONFIG_INVALID', message: /recovery\.maxbytes is not a recovery setting/ });
});
