// The process crash.test.ts kills with SIGKILL at random moments. It writes as fast as it can and
// prints one line per write only AFTER the store acknowledged it, so every printed line is a promise
// the store made: "I id" (request inserted), "U id version" (request updated), "A seq hash" (audit).
// Usage: node crash-child.js DB_PATH ROUND [worker]
import { openSqliteStore } from './index.js';
import { record } from '../conformance-fixtures.js';

const [path, round, mode] = process.argv.slice(2);
if (!path || !round) {
  process.stderr.write('usage: crash-child DB_PATH ROUND\n');
  process.exit(2);
}
const store = await openSqliteStore({ path, worker: mode === 'worker' });
const say = (line: string): void => void process.stdout.write(line + '\n');

async function worker(w: number): Promise<never> {
  for (let i = 0; ; i++) {
    const id = `${round}-${w}-${i}`;
    const r = record(id, { createdAt: Date.now() });
    await store.insertRequest(r, [{ type: 'action.proposed', body: { request: id } }, { type: 'action.decided', body: { request: id, verdict: 'approve' } }]);
    say(`I ${id}`);
    await store.updateRequest({ ...r, status: 'approved', version: 2 }, 1, [{ type: 'request.approved', body: { request: id, by: 'sam' } }]);
    say(`U ${id} 2`);
    const [e] = await store.appendAudit([{ type: 'limit.tripped', body: { worker: w, i } }]);
    say(`A ${e!.seq} ${e!.hash}`);
  }
}

say('ready');
await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
