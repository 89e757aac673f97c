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
  const out: string[] = [];
  write(value, out, new Set(), '$');
  return out.join('');
}

function write(value: unknown, out: string[], seen: Set<object>, path: string): void {
  if (value === null) return void out.push('null');
  switch (typeof value) {
    case 'boolean':
      return void out.push(value ? 'true' : 'false');
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalError(`${path} is ${String(value)}; JSON has no such number.`);
      return void out.push(Object.is(value, -0) ? '0' : String(value));
    case 'string':
      return void out.push(JSON.stringify(value));
    case 'object':
      break;
    default:
      throw new CanonicalError(`${path} is a ${typeof value}, which JSON cannot represent.`);
  }
  const obj = value as object;
  const withToJSON = obj as { toJSON?: unknown };
  if (typeof withToJSON.toJSON === 'function') {
    return write((withToJSON.toJSON as () => unknown).call(obj), out, seen, path);
  }
  if (seen.has(obj)) throw new CanonicalError(`${path} refers back to itself; JSON cannot represent a cycle.`);
  seen.add(obj);
  if (Array.isArray(obj)) {
    out.push('[');
    obj.forEach((item, i) => {
      if (item === undefined) throw new CanonicalError(`${path}[${i}] is undefined; JSON arrays cannot hold it.`);
      if (i > 0) out.push(',');
      write(item, out, seen, `${path}[${i}]`);
    });
    out.push(']');
  } else {
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    out.push('{');
    keys.forEach((k, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(k), ':');
      write(record[k], out, seen, `${path}.${k}`);
    });
    out.push('}');
  }
  seen.delete(obj);
}
