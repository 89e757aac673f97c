// Store-level throughput: 50 concurrent writers, each "decision" = one request insert with its two
// audit entries (proposed + decided), durably committed. Run after a build:
//   node dist/src/store/sqlite/throughput.js [seconds] [writers] [worker]
// It measures the store alone; bench/server measures the whole HTTP path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from './index.js';
import { record } from '../conformance-fixtures.js';
import { verifyStore } from '../verify-store.js';

const seconds = Number(process.argv[2] ?? 5);
const writers = Number(process.argv[3] ?? 50);
const worker = process.argv[4] === 'worker';
const dir = mkdtempSync(join(tmpdir(), 'cs-tp-'));
const store = await openSqliteStore({ path: join(dir, 'countersign.db'), worker });
const latencies: number[] = [];
const end = Date.now() + seconds * 1000;

async function writer(w: number): Promise<void> {
  for (let i = 0; Date.now() < end; i++) {
    const id = `w${w}-${i}`;
    const t = performance.now();
    await store.insertRequest(record(id, { createdAt: Date.now() }), [
      { type: 'action.proposed', body: { request: id, agent: 'agent-a', action: { kind: 'shell', command: 'rm -rf build' } } },
      { type: 'action.decided', body: { request: id, verdict: 'allow', matched: ['dev-default'], policyDigest: 'b'.repeat(64) } },
    ]);
    latencies.push(performance.now() - t);
  }
}

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const elu0 = performance.eventLoopUtilization();
await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
const elapsed = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
// Time this (the serving) thread was busy per decision: what worker mode takes off it.
const mainUsPerDecision = +((performance.eventLoopUtilization(elu0).active * 1000) / latencies.length).toFixed(1);
// CPU time per decision does not depend on what else the machine is running, unlike decisions/s.
const cpuUsPerDecision = +((cpu.user + cpu.system) / latencies.length).toFixed(1);
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(2);
const chain = await verifyStore(store);
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ mode: worker ? 'worker' : 'in-thread', writers, seconds: +elapsed.toFixed(2), decisions: latencies.length, perSecond: Math.round(latencies.length / elapsed), cpuUsPerDecision, mainUsPerDecision, p50ms: +pct(0.5), p99ms: +pct(0.99), chainOk: chain.ok, entries: chain.entries }));
