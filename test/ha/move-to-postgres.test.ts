// The documented move from SQLite to PostgreSQL, with the real CLI: serve on SQLite, stop, `db
// copy`, `audit verify` against PostgreSQL (same head), then serve on PostgreSQL and use an
// approval given before the move.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { PG_URL, dropSchema, freshSchemaName } from '../../src/store/postgres/test-db.js';
import { api, cli, makeTeam, serve } from '../e2e/kit.js';

test('db copy moves a SQLite data directory into PostgreSQL; the chain and an open approval carry over', async () => {
  const team = makeTeam();
  const schema = freshSchemaName('cs_move');
  const t = (id: string): string => team.tokens.get(id)!;
  try {
    const sqlite = await serve(team);
    const risky = { action: { kind: 'sql', sql: 'DROP TABLE moved' }, context: { cwd: team.prod } };
    const p = await api(sqlite.url, t('agent-1'), 'POST', '/v1/actions', risky);
    for (const who of ['senior-b', 'senior-c']) await api(sqlite.url, t(who), 'POST', `/v1/actions/${p.body.id}/approve`, { reason: 'ok' });
    await api(sqlite.url, t('agent-1'), 'POST', '/v1/actions', { action: { kind: 'shell', command: 'ls' }, context: { cwd: team.staging } });
    await sqlite.stop();
    const before = cli(['audit', 'verify', '--dir', team.dir, '--json']);

    const copy = cli(['db', 'copy', '--from', team.dir, '--to', PG_URL, '--schema', schema, '--json']);
    assert.equal(copy.code, 0, copy.stderr);
    const report = JSON.parse(copy.stdout);
    const head = JSON.parse(before.stdout).head;
    assert.deepEqual([report.requests, report.state, report.head], [2, 0, head]);

    const after = cli(['audit', 'verify', '--dir', team.dir, '--json'], { COUNTERSIGN_DATABASE: `${PG_URL}?schema=${schema}` });
    assert.deepEqual(JSON.parse(after.stdout), JSON.parse(before.stdout));
    const again = cli(['db', 'copy', '--from', team.dir, '--to', `${PG_URL}?schema=${schema}`]);
    assert.deepEqual([again.code, /\(E_NOT_EMPTY\)/.test(again.stderr)], [1, true]);
    const migrate = cli(['migrate', '--database', PG_URL, '--schema', schema, '--json']);
    assert.deepEqual(JSON.parse(migrate.stdout), { schema, from: 1, to: 1 });

    const pgServer = await serve(team, ['--database', `${PG_URL}?schema=${schema}`]);
    try {
      const used = await api(pgServer.url, t('agent-1'), 'POST', '/v1/actions', risky);
      assert.deepEqual([used.body.status, used.body.id], ['allowed', p.body.id]);
      const v = await api(pgServer.url, t('admin'), 'GET', '/v1/audit/verify');
      assert.deepEqual([v.body.ok, v.body.entries > head.seq], [true, true]);
    } finally {
      await pgServer.stop();
    }
  } finally {
    await dropSchema(schema);
    rmSync(team.dir, { recursive: true, force: true });
  }
});
