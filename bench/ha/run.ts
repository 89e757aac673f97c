// Scale-out on PostgreSQL: decisions per second and latency with one, two and three `countersign
// serve` processes on one database, and how long after an approval on one instance an agent
// long-polling on another is released.
//
//   npx tsc -p . && node dist/bench/ha/run.js [--agents 50] [--seconds 10] [--instances 1,2,3] [--rounds 30]
//
// Each run gets a fresh schema in the local PostgreSQL (COUNTERSIGN_TEST_PG, default
// postgres://postgres@127.0.0.1:5432/test), dropped afterwards. Agents keep one keep-alive
// connection each (bench/server/raw-client.ts), spread evenly over the instances as a load balancer
// would, and submit distinct actions: 80% harmless commands in staging (allowed) and 20% destructive
// SQL in production (pending) — every one a durable decision with two audit entries on the one
// shared chain. Prints one JSON line per measurement.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { PG_URL, dropSchema, freshSchemaName } from '../../src/store/postgres/test-db.js';
import { api, makeHaTeam, serveOn, sleep, type Instance } from '../../test/ha/kit.js';
import { percentile, readAll } from '../../test/ha/load.js';
import { RawConnection } from '../server/raw-client.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
}
const AGENTS = Number(arg('agents', '50'));
const SECONDS = Number(arg('seconds', '10'));
const COUNTS = arg('instances', '1,2,3').split(',').map(Number);
const ROUNDS = Number(arg('rounds', '30'));

/** CPU seconds (user + system) used so far by these processes, read from /proc: a loaded machine
 * stretches wall-clock time but not the work each decision takes. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // the process ended
    }
  }
  return ticks / 100;
}

/** Every PostgreSQL server process (the backends serving the instances, the WAL writer, ...). */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function throughput(n: number): Promise<Record<string, unknown>> {
  const team = makeHaTeam(AGENTS, 2);
  const schema = freshSchemaName('cs_bench');
  const instances: Instance[] = [];
  try {
    instances.push(...(await Promise.all(Array.from({ length: n }, () => serveOn(team, `${PG_URL}?schema=${schema}`)))));
    const conns = await Promise.all(team.agents.map((a, k) => RawConnection.open(new URL('/v1/actions', instances[k % n]!.url), a.token)));
    const lat: number[] = [];
    let errors = 0;
    const run = async (ms: number, record: boolean): Promise<number> => {
      const until = performance.now() + ms;
      let done = 0;
      await Promise.all(
        conns.map(async (c, k) => {
          for (let i = 0; performance.now() < until; i++) {
            const prod = i % 5 === 0;
            const body = JSON.stringify({
              action: prod ? { kind: 'sql', sql: `DELETE FROM orders_${k}_${i}_${record}` } : { kind: 'shell', command: `ls -la build/${k}/${i}/${record}` },
              context: { cwd: prod ? team.prod : team.staging },
            });
            const t0 = performance.now();
            const r = await c.post(body);
            if (r.status !== 200) errors++;
            else if (record) (lat.push(performance.now() - t0), done++);
          }
        }),
      );
      return done;
    };
    await run(1500, false); // warm-up: connections, JIT, the pool
    const servers = instances.map((i) => i.child.pid!);
    const pgs = postgresPids();
    const cpu0 = [cpuSeconds(servers), cpuSeconds(pgs)];
    const t0 = performance.now();
    const done = await run(SECONDS * 1000, true);
    const secs = (performance.now() - t0) / 1000;
    const cpu1 = [cpuSeconds(servers), cpuSeconds(pgs)];
    for (const c of conns) c.close();
    const stored = await readAll(PG_URL, schema);
    return {
      bench: 'ha-throughput',
      instances: n,
      agents: AGENTS,
      seconds: +secs.toFixed(1),
      decisions: done,
      perSecond: Math.round(done / secs),
      p50ms: +percentile(lat, 50).toFixed(1),
      p99ms: +percentile(lat, 99).toFixed(1),
      errors,
      serverCpuMsPerDecision: +(((cpu1[0]! - cpu0[0]!) * 1000) / done).toFixed(2),
      postgresCpuMsPerDecision: +(((cpu1[1]! - cpu0[1]!) * 1000) / done).toFixed(2),
      chainOk: stored.chain.ok,
      auditEntries: stored.audit.length,
      load: +loadavg()[0]!.toFixed(1),
    };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await dropSchema(schema);
    rmSync(team.dir, { recursive: true, force: true });
  }
}

async function release(): Promise<Record<string, unknown>> {
  const team = makeHaTeam(1, 2);
  const schema = freshSchemaName('cs_bench');
  const instances: Instance[] = [];
  try {
    instances.push(...(await Promise.all([0, 1].map(() => serveOn(team, `${PG_URL}?schema=${schema}`)))));
    const [a, b] = instances as [Instance, Instance];
    const agent = team.agents[0]!;
    const fromCommit: number[] = [];
    const fromSend: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const sub = await api(a.url, agent.token, 'POST', '/v1/actions', { action: { kind: 'sql', sql: `DROP TABLE rel_${round}` }, context: { cwd: team.prod } });
      let released = 0;
      const waiting = api(a.url, agent.token, 'GET', `/v1/actions/${sub.body.id}?wait=30`).then(() => (released = performance.now()));
      await api(b.url, team.humans[0]!.token, 'POST', `/v1/actions/${sub.body.id}/approve`, { reason: 'one' });
      await sleep(50);
      const sent = performance.now();
      await api(b.url, team.humans[1]!.token, 'POST', `/v1/actions/${sub.body.id}/approve`, { reason: 'two' });
      const committed = performance.now();
      await waiting;
      fromCommit.push(released - committed);
      fromSend.push(released - sent);
    }
    return {
      bench: 'ha-approval-to-release',
      rounds: ROUNDS,
      afterApproveAnswer: { p50ms: +percentile(fromCommit, 50).toFixed(1), p99ms: +percentile(fromCommit, 99).toFixed(1), maxms: +Math.max(...fromCommit).toFixed(1) },
      afterApproveSent: { p50ms: +percentile(fromSend, 50).toFixed(1), p99ms: +percentile(fromSend, 99).toFixed(1), maxms: +Math.max(...fromSend).toFixed(1) },
      load: +loadavg()[0]!.toFixed(1),
    };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await dropSchema(schema);
    rmSync(team.dir, { recursive: true, force: true });
  }
}

for (const n of COUNTS) console.log(JSON.stringify(await throughput(n)));
console.log(JSON.stringify(await release()));
