import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerWriter } from './worker-writer.js';
import { codeOf } from '../conformance-fixtures.js';

test('a writer thread that dies refuses every pending and later write with E_STORE (fail closed)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-ww-'));
  try {
    const w = await WorkerWriter.start({ path: join(dir, 'x.db'), busyTimeoutMs: 1000, now: 1 });
    assert.deepEqual(await w.submit({ kind: 'bump', key: 'k', window: 1, delta: 2 }), 2);
    const inFlight = Array.from({ length: 20 }, () => codeOf(w.submit({ kind: 'append', audit: [{ type: 't', body: {} }], at: 1 })));
    await w.kill();
    const codes = await Promise.all(inFlight);
    // each in-flight write either committed before the kill or was refused; none is left hanging
    assert.deepEqual(codes.filter((c) => c !== 'ok' && c !== 'E_STORE'), []);
    assert.equal(await codeOf(w.submit({ kind: 'bump', key: 'k', window: 1, delta: 1 })), 'E_STORE');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the writer thread refuses a database it cannot open, with E_STORE', async () => {
  assert.equal(await codeOf(WorkerWriter.start({ path: '/etc/passwd/not-a-directory/x.db', busyTimeoutMs: 100, now: 1 })), 'E_STORE');
});
