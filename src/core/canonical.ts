// RFC 8785 JSON Canonicalization Scheme (JCS), pure. It lives in core because three layers digest
// JSON the same way: policy (policyDigest), approvals (action digest) and audit (entry hash).
//
// - object keys sorted by UTF-16 code units (what String comparison in ECMAScript does);
// - numbers in ECMAScript Number::toString form (what String(n) does), -0 as 0;
// - strings escaped as JSON.stringify does (RFC 8785 defers to it);
// - no whitespace.
// Deviation, on purpose: a lone surrogate is written as its \uXXXX escape (JSON.stringify's
// well-formed output) rather than refused, so text an agent sends can never make an audit write
// fail; the result is still deterministic.
// Refused (throws CanonicalError): non-finite numbers, bigint, functions, symbols, undefined inside
// arrays, cycles. An object property whose value is undefined is omitted, as in JSON.

export class CanonicalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalError';
  }
}

export function canonicalize(value: unknown): string {
  return write(value, new Set(), []);
}

// `path` is a stack of keys, turned into text only for an error message: building "$.a.b" for
// every value would cost more than the serialisation itself.
function where(path: (string | number)[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

function write(value: unknown, seen: Set<object>, path: (string | number)[]): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalError(`${where(path)} is ${String(value)}; JSON has no such number.`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalError(`${where(path)} is a ${typeof value}, which JSON cannot represent.`);
  }
  const obj = value as object;
  const withToJSON = obj as { toJSON?: unknown };
  if (typeof withToJSON.toJSON === 'function') return write((withToJSON.toJSON as () => unknown).call(obj), seen, path);
  if (seen.has(obj)) throw new CanonicalError(`${where(path)} refers back to itself; JSON cannot represent a cycle.`);
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = '[';
    for (let i = 0; i < obj.length; i++) {
      path.push(i);
      if (obj[i] === undefined) throw new CanonicalError(`${where(path)} is undefined; JSON arrays cannot hold it.`);
      out += (i > 0 ? ',' : '') + write(obj[i], seen, path);
      path.pop();
    }
    out += ']';
  } else {
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    out = '{';
    let first = true;
    for (const k of keys) {
      const v = record[k];
      if (v === undefined) continue;
      path.push(k);
      out += (first ? '' : ',') + JSON.stringify(k) + ':' + write(v, seen, path);
      path.pop();
      first = false;
    }
    out += '}';
  }
  seen.delete(obj);
  return out;
}
