import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../core/index.js';
import { loadOrCreateKey, signCheckpoint, verifyCheckpointSignature, checkCheckpoint, nextEntry, KEY_FILE } from './index.js';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'cs-key-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function entries(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) out.push(nextEntry(out.at(-1) ?? null, { type: 't', body: { i } }, i).entry);
  return out;
}

test('the key is created once with mode 0600 and reloaded unchanged', () => {
  withDir((dir) => {
    const a = loadOrCreateKey(dir);
    assert.equal(statSync(join(dir, KEY_FILE)).mode & 0o777, 0o600);
    const b = loadOrCreateKey(join(dir, '.'));
    assert.deepEqual([b.keyId, b.publicKeyPem], [a.keyId, a.publicKeyPem]);
    assert.match(readFileSync(join(dir, KEY_FILE), 'utf8'), /^-----BEGIN PRIVATE KEY-----\n/);
  });
});

test('a key file readable by others is refused', () => {
  withDir((dir) => {
    loadOrCreateKey(dir);
    chmodSync(join(dir, KEY_FILE), 0o644);
    assert.throws(() => loadOrCreateKey(dir), (e: unknown) => (e as { code?: string }).code === 'E_INTERNAL');
  });
});

test('a checkpoint verifies against its key and the log it was taken from, and nothing else', () => {
  withDir((dir) => {
    const key = loadOrCreateKey(dir);
    const log = entries(5);
    const cp = signCheckpoint({ seq: 4, hash: log[3]!.hash }, 1234, key);
    assert.deepEqual({ ...cp, sig: typeof cp.sig }, { seq: 4, hash: log[3]!.hash, at: 1234, keyId: key.keyId, sig: 'string' });
    assert.equal(verifyCheckpointSignature(cp, key.publicKeyPem), true);
    assert.deepEqual(checkCheckpoint(cp, key.publicKeyPem, log), { ok: true });

    const rewritten = entries(5).map((e) => (e.seq === 4 ? { ...e, hash: 'f'.repeat(64) } : e));
    assert.deepEqual(checkCheckpoint(cp, key.publicKeyPem, rewritten), { ok: false, reason: 'entry 4 has a different hash than the checkpoint signed: the log was rewritten' });
    assert.deepEqual(checkCheckpoint(cp, key.publicKeyPem, log.slice(0, 3)), { ok: false, reason: 'the log has no entry 4: it was truncated' });
    assert.deepEqual(checkCheckpoint({ ...cp, seq: 3 }, key.publicKeyPem, log), { ok: false, reason: 'the signature does not verify with this public key' });
    assert.deepEqual(checkCheckpoint({ ...cp, at: 1235 }, key.publicKeyPem, log), { ok: false, reason: 'the signature does not verify with this public key' });
    withDir((other) => {
      assert.equal(verifyCheckpointSignature(cp, loadOrCreateKey(other).publicKeyPem), false);
    });
    assert.equal(verifyCheckpointSignature(cp, 'not a key'), false);
  });
});
