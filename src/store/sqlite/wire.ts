// How writes cross to the writer thread: as JSON text, which is cheaper to post than an object
// graph and keeps toJSON semantics. Audit bodies and state values are encoded strictly, so what
// JSON would silently change (NaN -> null, a dropped function) is refused exactly as the in-thread
// store refuses it.
import { CountersignError, type ErrorCode } from '../../core/index.js';
import type { WriteOp } from './write-ops.js';

// What JSON.stringify would silently change is refused. Checked by a plain walk before a plain
// stringify: a replacer function is called back from native code for every key, and on the
// serving thread that cost more than the writer thread saved (bench/RESULTS.md, Server).
function check(value: unknown, key: string, inArray: boolean, ancestors: object[]): void {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${key || 'a value'} is ${String(value)}`);
      return;
    case 'function':
    case 'symbol':
      throw new Error(`${key || 'a value'} is a ${typeof value}`);
    case 'undefined':
      if (inArray) throw new Error('an array holds undefined');
      return;
    case 'object':
      break;
    default:
      return;
  }
  if (value === null) return;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return check(toJSON.call(value, key), key, inArray, ancestors);
  if (ancestors.includes(value)) throw new Error(`${key || 'a value'} refers back to itself`);
  ancestors.push(value);
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) check(value[i], String(i), true, ancestors);
  else for (const k of Object.keys(value)) check((value as Record<string, unknown>)[k], k, false, ancestors);
  ancestors.pop();
}

function strict(value: unknown, code: ErrorCode, what: string): string {
  try {
    check(value, '', false, []);
    return JSON.stringify(value) ?? 'null';
  } catch (e) {
    throw new CountersignError(code, `${what} is not plain JSON: ${(e as Error).message}`);
  }
}

/** Throws a coded error for input the store would refuse anyway. */
export function encodeOp(op: WriteOp): string {
  switch (op.kind) {
    case 'insert':
    case 'update': {
      const { r, audit, ...rest } = op;
      return `{"r":${JSON.stringify(r)},"audit":${strict(audit, 'E_AUDIT_WRITE', 'An audit body')},"rest":${JSON.stringify(rest)}}`;
    }
    case 'append': {
      const { audit, ...rest } = op;
      return `{"audit":${strict(audit, 'E_AUDIT_WRITE', 'An audit body')},"rest":${JSON.stringify(rest)}}`;
    }
    case 'set-state': {
      const { value, audit, ...rest } = op;
      return `{"value":${strict(value === undefined ? null : value, 'E_BAD_INPUT', `State "${op.key}"`)},"audit":${strict(audit, 'E_AUDIT_WRITE', 'An audit body')},"rest":${JSON.stringify(rest)}}`;
    }
    case 'bump':
      return JSON.stringify({ rest: op });
  }
}

export function decodeOp(text: string): WriteOp {
  const { rest, ...parts } = JSON.parse(text) as { rest: Record<string, unknown> } & Record<string, unknown>;
  return { ...rest, ...parts } as WriteOp;
}

/** A refusal as it crosses back: code and full message. */
export type WireError = { code: string; message: string };

export function toWire(e: CountersignError): WireError {
  return { code: e.code, message: e.message };
}

export function fromWire(w: WireError): CountersignError {
  const e = new CountersignError(w.code as ErrorCode);
  Object.defineProperty(e, 'message', { value: w.message, writable: true, configurable: true });
  return e;
}
