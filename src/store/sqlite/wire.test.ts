import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeOp, encodeOp } from './wire.js';
import type { WriteOp } from './write-ops.js';

const append = (body: Record<string, unknown>): WriteOp => ({ kind: 'append', audit: [{ type: 'note', body }], at: 5 });

function refusal(op: WriteOp): { code: string; message: string } | null {
  try {
    encodeOp(op);
    return null;
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
}

test('plain JSON crosses unchanged, with toJSON applied and undefined properties dropped as JSON does', () => {
  const when = new Date(0);
  const op = append({ a: [1, 'x', null, { b: true }], when, gone: undefined, shared: [when, when] });
  assert.deepEqual(decodeOp(encodeOp(op)), {
    kind: 'append',
    at: 5,
    audit: [{ type: 'note', body: { a: [1, 'x', null, { b: true }], when: '1970-01-01T00:00:00.000Z', shared: ['1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'] } }],
  });
});

test('what JSON would silently change is refused with the write code, however deep', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  assert.deepEqual(
    [
      refusal(append({ deep: { list: [1, Number.NaN] } })),
      refusal(append({ f: () => 1 })),
      refusal(append({ list: [1, undefined] })),
      refusal(append({ n: -Infinity })),
      refusal(append(cyclic)),
      refusal({ kind: 'set-state', key: 'k', value: { s: Symbol('x') }, audit: [], at: 1 }),
    ],
    [
      { code: 'E_AUDIT_WRITE', message: 'The audit entry could not be written, so the action is not allowed. An audit body is not plain JSON: 1 is NaN' },
      { code: 'E_AUDIT_WRITE', message: 'The audit entry could not be written, so the action is not allowed. An audit body is not plain JSON: f is a function' },
      { code: 'E_AUDIT_WRITE', message: 'The audit entry could not be written, so the action is not allowed. An audit body is not plain JSON: an array holds undefined' },
      { code: 'E_AUDIT_WRITE', message: 'The audit entry could not be written, so the action is not allowed. An audit body is not plain JSON: n is -Infinity' },
      { code: 'E_AUDIT_WRITE', message: 'The audit entry could not be written, so the action is not allowed. An audit body is not plain JSON: self refers back to itself' },
      { code: 'E_BAD_INPUT', message: 'The input does not have the expected shape. State "k" is not plain JSON: s is a symbol' },
    ],
  );
});
