import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../core/index.js';
import { checkCheckpoint, loadOrCreateKey, nextEntry, verifyChain, type Checkpoint } from '../audit/index.js';
import { openSqliteStore, writeCheckpoint } from './index.js';

test('a checkpoint entry signs the head, and a copy of the log proves or disproves itself against it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-cp-'));
  try {
    const store = await openSqliteStore({ path: join(dir, 'countersign.db') });
    const key = loadOrCreateKey(dir);
    const clock = { now: () => 1_900_000_000_000 };
    assert.equal(await writeCheckpoint(store, key, clock), null, 'nothing to sign in an empty log');
    await store.appendAudit([{ type: 'freeze', body: { by: 'ada' } }, { type: 'thaw', body: { by: 'ada' } }]);
    const cp = (await writeCheckpoint(store, key, clock)) as Checkpoint;
    const log = await store.readAudit(1, 100);
    assert.deepEqual(log.map((e) => [e.seq, e.type]), [[1, 'freeze'], [2, 'thaw'], [3, 'checkpoint']]);
    assert.deepEqual(log[2]!.body, { seq: 2, hash: log[1]!.hash, at: 1_900_000_000_000, keyId: key.keyId, sig: cp.sig, publicKey: key.publicKeyPem });
    assert.deepEqual([verifyChain(log).ok, checkCheckpoint(cp, key.publicKeyPem, log)], [true, { ok: true }]);
    // a rewritten copy (every hash recomputed, so the chain itself verifies) still fails the checkpoint
    const forged: AuditEntry[] = [];
    for (const e of log) forged.push(nextEntry(forged.at(-1) ?? null, { type: e.type, body: e.seq === 1 ? { by: 'mallory' } : e.body }, e.at).entry);
    assert.deepEqual([verifyChain(forged).ok, checkCheckpoint(cp, key.publicKeyPem, forged)], [
      true,
      { ok: false, reason: 'entry 2 has a different hash than the checkpoint signed: the log was rewritten' },
    ]);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
