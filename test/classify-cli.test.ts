// The `classify` command for real: a spawned bin/countersign, fed hostile batches.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const BIN = new URL('../../bin/countersign', import.meta.url).pathname;

function runBatch(input: Buffer): Promise<{ code: number | null; lines: string[]; ms: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'classify', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const text = Buffer.concat(out).toString('utf8');
      resolve({ code, lines: text.split('\n').filter((l) => l !== ''), ms: performance.now() - t0, stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(input);
  });
}

const summary = (line: string) => {
  const a = JSON.parse(line) as { risk: string; error?: { code: string } };
  return [a.risk, a.error?.code ?? null];
};

test('--batch answers every line, in order, whatever the line holds', async () => {
  const lines: Buffer[] = [
    Buffer.from(JSON.stringify({ kind: 'sql', sql: 'DROP TABLE users' })),
    Buffer.from('{"kind": "sql", "sql": '),
    Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    Buffer.from(''),
    Buffer.from(JSON.stringify({ kind: 'shell', command: `echo ${'a'.repeat(1024 * 1024)}` })),
    Buffer.from(JSON.stringify({ kind: 'shell', command: `${'echo $('.repeat(10_000)}x${')'.repeat(10_000)}` })),
    Buffer.from('"just a string"'),
    Buffer.from(JSON.stringify({ kind: 'sql', sql: 'SELECT 1' }) + '\r'),
    Buffer.from(JSON.stringify({ kind: 'terraform-plan', plan: { resource_changes: [{ address: 'a.b', change: { actions: ['create'] } }] } })),
  ];
  // The last line has no newline: it is still a line.
  const input = Buffer.concat(lines.flatMap((l, i) => (i < lines.length - 1 ? [l, Buffer.from('\n')] : [l])));
  const r = await runBatch(input);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.lines.length, lines.length);
  const got = r.lines.map(summary);
  // The nested command's exact code is the walker's business; it must be an unknown with a code.
  assert.equal(got[5]![0], 'unknown');
  assert.ok(got[5]![1], 'nested $(...) answer carries an error code');
  got[5] = ['unknown', 'any'];
  assert.deepEqual(got, [
    ['destructive', null],
    ['unknown', 'E_BAD_JSON'],
    ['unknown', 'E_INVALID_UTF8'],
    ['unknown', 'E_EMPTY_INPUT'],
    ['unknown', 'E_TOO_LARGE'],
    ['unknown', 'any'],
    ['unknown', 'E_BAD_INPUT'],
    ['readonly', null],
    ['mutating', null],
  ]);
  const plan = JSON.parse(r.lines[8]!) as { changes: unknown };
  assert.deepEqual(plan.changes, { create: 1, update: 0, delete: 0, replace: 0 });
  assert.ok(r.ms < 20_000, `took ${r.ms} ms`);
});

test('--batch streams: 2,000 actions in one process, answers in order', async () => {
  const actions = Array.from({ length: 2000 }, (_, i) => (i % 2 ? { kind: 'sql', sql: `DELETE FROM t${i}` } : { kind: 'sql', sql: `SELECT ${i}` }));
  const r = await runBatch(Buffer.from(actions.map((a) => JSON.stringify(a)).join('\n') + '\n'));
  assert.equal(r.code, 0, r.stderr);
  const risks = r.lines.map((l) => (JSON.parse(l) as { risk: string }).risk);
  assert.deepEqual(risks, actions.map((_, i) => (i % 2 ? 'destructive' : 'readonly')));
  const targets = r.lines.filter((_, i) => i % 2).map((l) => (JSON.parse(l) as { findings: { target: string }[] }).findings[0]!.target);
  assert.deepEqual(targets, actions.map((_, i) => `t${i}`).filter((_, i) => i % 2));
});

test('an empty batch answers nothing and exits 0', async () => {
  const r = await runBatch(Buffer.alloc(0));
  assert.deepEqual([r.code, r.lines], [0, []]);
});

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, 'classify', ...args], { encoding: 'utf8', input: input ?? '', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('one SQL action: a readable explanation, or the report as JSON', () => {
  const text = cli(['--sql', '--', 'DELETE FROM orders']);
  assert.deepEqual(text, {
    code: 0,
    out: [
      'risk: destructive',
      'summary: SQL: destructive (delete-rows orders)',
      'findings:',
      '  - destructive sql.delete-all  (delete-rows -> orders)',
      '    DELETE without WHERE changes every row of orders',
      '',
    ].join('\n'),
    err: '',
  });
  const json = cli(['--json', '--sql', '--dialect', 'mysql'], 'UPDATE t SET a = 1 WHERE id = 2');
  assert.equal(json.code, 0);
  assert.deepEqual(JSON.parse(json.out), {
    risk: 'mutating',
    summary: 'SQL (mysql): mutating (update-rows t)',
    findings: [{ rule: 'sql.update', risk: 'mutating', effect: 'update-rows', target: 't', explanation: 'UPDATE changes the rows of t that match its WHERE', tool: 'sql' }],
  });
});

test('a plan file, and usage errors exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-classify-'));
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify({ resource_changes: [{ address: 'aws_rds_cluster.main', action_reason: 'replace_by_request', change: { actions: ['delete', 'create'] } }] }));
  const r = cli(['--json', '--plan', file]);
  const report = JSON.parse(r.out) as { risk: string; changes: unknown; findings: { reason?: string }[] };
  assert.deepEqual([r.code, report.risk, report.changes, report.findings[0]?.reason], [0, 'destructive', { create: 0, update: 0, delete: 0, replace: 1 }, 'replace_by_request']);
  const piped = cli(['--json', '--plan', '-'], JSON.stringify({ format_version: '1.2', planned_values: { root_module: {} } }));
  assert.deepEqual([piped.code, (JSON.parse(piped.out) as { risk: string }).risk], [0, 'readonly']);
  assert.equal(cli(['--no-such-flag']).code, 2);
  assert.equal(cli(['--dialect', 'mysql', '--', 'ls']).code, 2);
  assert.equal(cli([]).code, 2);
  const help = cli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /--batch/);
});

test('--self-check runs every rule example and exits 1 exactly when one fails', () => {
  const r = cli(['--self-check']);
  const last = r.out.trim().split('\n').pop() ?? '';
  const m = /^(\d+) tables, (\d+) rules, (\d+) examples: (\d+) failing$/.exec(last);
  assert.ok(m, `unexpected summary line: ${last}`);
  const failing = Number(m[4]);
  assert.equal(r.code, failing > 0 ? 1 : 0);
  assert.equal(r.out.split('\n').filter((l) => l.startsWith('FAIL ')).length, failing);
  assert.ok(Number(m[3]) >= Number(m[2]), 'every rule carries examples');
});

test('--batch --cwd is a default workspace; an action naming its own cwd keeps it', async () => {
  const child = spawnSync(process.execPath, [BIN, 'classify', '--batch', '--cwd', '/srv/a'], {
    encoding: 'utf8',
    input: [
      { kind: 'file', op: 'write', path: '/srv/a/x.py' },
      { kind: 'file', op: 'write', path: '/srv/a/x.py', cwd: '/srv/b' },
      { kind: 'file', op: 'delete', path: 'node_modules/x/index.js' },
    ].map((a) => JSON.stringify(a)).join('\n'),
  });
  assert.equal(child.status, 0, child.stderr);
  const risks = child.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { risk: string }).risk);
  assert.deepEqual(risks, ['mutating', 'destructive', 'mutating'], child.stderr);
});

test('--batch cuts off a line that never finishes and goes on with the rest', async () => {
  // The worker stalls forever on a marked line (fault injection for tests only): that line must be
  // answered E_TIMEOUT, a fresh worker must take over, and the lines after it must be answered.
  const input = [
    { kind: 'sql', sql: 'DROP TABLE a' },
    { kind: 'shell', command: 'echo STALL-HERE' },
    { kind: 'sql', sql: 'SELECT 1' },
    { kind: 'sql', sql: 'TRUNCATE b' },
  ].map((a) => JSON.stringify(a)).join('\n');
  const r = spawnSync(process.execPath, [BIN, 'classify', '--batch', '--timeout-ms', '3000'], {
    encoding: 'utf8',
    input,
    timeout: 60_000,
    env: { ...process.env, COUNTERSIGN_TEST_STALL_MARKER: 'STALL-HERE' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n').map(summary), [
    ['destructive', null],
    ['unknown', 'E_TIMEOUT'],
    ['readonly', null],
    ['destructive', null],
  ]);
  assert.equal(cli(['--batch', '--timeout-ms', '0']).code, 2);
});

test('--batch whose classifier cannot load answers every line unknown, and exits', () => {
  // A copy of the batch driver next to a worker module that throws while loading.
  const dir = mkdtempSync(join(tmpdir(), 'cs-batch-broken-'));
  const driver = new URL('../src/cli/commands/classify-batch.js', import.meta.url).pathname;
  writeFileSync(join(dir, 'classify-batch.js'), readFileSync(driver));
  writeFileSync(join(dir, 'classify-worker.js'), "throw new Error('the classifier is broken');\n");
  writeFileSync(join(dir, 'run.mjs'), "const { runBatch } = await import('./classify-batch.js');\nprocess.exitCode = await runBatch(undefined, 5000);\n");
  const r = spawnSync(process.execPath, [join(dir, 'run.mjs')], { input: '{"kind":"sql","sql":"select 1"}\n{"kind":"shell","command":"ls"}\n', encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n').map(summary), [
    ['unknown', 'E_INTERNAL'],
    ['unknown', 'E_INTERNAL'],
  ]);
});
