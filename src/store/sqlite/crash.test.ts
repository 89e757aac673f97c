// kill -9 at random moments loses no acknowledged write and leaves a chain that verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from './index.js';
import { verifyStore } from '../verify-store.js';

const CHILD = fileURLToPath(new URL('./crash-child.js', import.meta.url));

/** Runs the child until it has written for `ms` after start-up, then SIGKILLs it; returns its stdout lines. */
function runAndKill(path: string, round: number, ms: number, mode: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, path, String(round), mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      if (out === '' && d.toString().startsWith('ready')) setTimeout(() => child.kill('SIGKILL'), ms);
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child exited on its own (${code}): ${err}`));
      // a line cut short by the kill was never a complete acknowledgement
      resolve(out.split('\n').slice(0, -1));
    });
  });
}

for (const mode of ['in-thread', 'worker']) {
test(`SIGKILL during heavy writes (${mode}): every acknowledged write survives and the chain verifies`, { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-crash-'));
  const path = join(dir, 'countersign.db');
  const summary: { round: number; acked: number; lost: string[]; chain: boolean }[] = [];
  try {
    for (let round = 1; round <= 6; round++) {
      const lines = await runAndKill(path, round, 100 + Math.floor(Math.random() * 500), mode);
      const store = await openSqliteStore({ path });
      const lost: string[] = [];
      for (const line of lines) {
        const [kind, a, b] = line.split(' ');
        if (kind === 'I' && !(await store.getRequest(a!))) lost.push(line);
        if (kind === 'U' && ((await store.getRequest(a!))?.version ?? 0) < Number(b)) lost.push(line);
        if (kind === 'A' && (await store.readAudit(Number(a), 1))[0]?.hash !== b) lost.push(line);
      }
      const chain = await verifyStore(store);
      await store.close();
      summary.push({ round, acked: lines.length - 1, lost, chain: chain.ok });
      console.log(`${mode} round ${round}: ${lines.length - 1} acknowledged writes checked, ${chain.entries} entries verified`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(summary.map(({ round, lost, chain }) => ({ round, lost, chain })), summary.map(({ round }) => ({ round, lost: [], chain: true })));
  assert.ok(summary.every((s) => s.acked > 0), `every round acknowledged some writes: ${JSON.stringify(summary.map((s) => s.acked))}`);
});
}
