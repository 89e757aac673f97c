import { test } from 'node:test';
import assert from 'node:assert/strict';
import { record } from '../conformance-fixtures.js';
import { channelFor, packChanges, unpack, type WireChange } from './notify.js';

test('changes are packed into payloads PostgreSQL accepts, and unpacked in order by other instances only', () => {
  const changes: WireChange[] = [
    ...Array.from({ length: 40 }, (_, i): WireChange => ({ k: 'r', id: `r${i}`, rec: record(`r${i}`, { context: { cwd: `/srv/${'é'.repeat(300)}` } }) })),
    { k: 'r', id: 'huge', rec: record('huge', { context: { cwd: 'x'.repeat(5000) } }) },
    { k: 's', key: 'freeze' },
    { k: 'a', e: Array.from({ length: 250 }, (_, i): [number, string] => [i + 1, 'action.proposed']) },
  ];
  const payloads = packChanges('me', changes);
  assert.ok(payloads.length > 1 && payloads.every((p) => Buffer.byteLength(p) < 8000), payloads.map((p) => Buffer.byteLength(p)).join(','));
  const got = payloads.flatMap((p) => unpack(p, 'someone-else'));
  assert.deepEqual(got, [
    ...Array.from({ length: 40 }, (_, i) => ({ kind: 'request', requestId: `r${i}`, record: (changes[i] as { rec: unknown }).rec })),
    { kind: 'request', requestId: 'huge' }, // too large to travel: listeners read it
    { kind: 'state', key: 'freeze' },
    { kind: 'audit', entries: Array.from({ length: 100 }, (_, i) => ({ seq: i + 1, type: 'action.proposed' })) },
    { kind: 'audit', entries: Array.from({ length: 100 }, (_, i) => ({ seq: i + 101, type: 'action.proposed' })) },
    { kind: 'audit', entries: Array.from({ length: 50 }, (_, i) => ({ seq: i + 201, type: 'action.proposed' })) },
  ]);
  assert.deepEqual([payloads.flatMap((p) => unpack(p, 'me')), unpack('not json', 'x'), unpack('{"o":"y","c":[{"k":"zz"}]}', 'x')], [[], [], []]);
  // one channel per schema: two deployments in one database do not hear each other
  assert.match(channelFor('countersign'), /^countersign_[0-9a-f]{8}$/);
  assert.notEqual(channelFor('countersign'), channelFor('countersign_staging'));
});
