import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalize, CanonicalError } from './index.js';

test('keys are sorted by UTF-16 code units, at every depth, without whitespace', () => {
  const value = { b: 1, a: { z: [3, { y: true, x: null }], é: 'e', E: 'E' }, '\u{1F600}': 'emoji', '\uFB01': 'ligature' };
  // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB01 by code unit (not by code point).
  assert.equal(canonicalize(value), '{"a":{"E":"E","z":[3,{"x":null,"y":true}],"é":"e"},"b":1,"\u{1F600}":"emoji","\uFB01":"ligature"}');
});

test('numbers use the ECMAScript shortest round-trip form', () => {
  const numbers = [0, -0, 1, -1.5, 1e21, 1e20, 0.000001, 1e-7, 123456789012345680000, 0.1 + 0.2, 5e-324, Number.MAX_SAFE_INTEGER];
  assert.equal(canonicalize(numbers), '[0,0,1,-1.5,1e+21,100000000000000000000,0.000001,1e-7,123456789012345680000,0.30000000000000004,5e-324,9007199254740991]');
});

test('strings escape quotes, backslashes and control characters the JSON.stringify way', () => {
  assert.equal(canonicalize('a"b\\c\n\t\u0001\u001f\u007f€'), '"a\\"b\\\\c\\n\\t\\u0001\\u001f\u007f€"');
  // a lone surrogate is written as its escape (documented deviation), deterministically
  assert.equal(canonicalize('x\uD800y'), '"x\\ud800y"');
});

test('undefined properties are omitted; toJSON is honoured', () => {
  assert.equal(canonicalize({ a: undefined, b: new Date(0), c: [] , d: {} }), '{"b":"1970-01-01T00:00:00.000Z","c":[],"d":{}}');
});

test('values JSON cannot hold are refused with the path that holds them', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const cases: [unknown, string][] = [
    [{ a: [1, Number.NaN] }, '$.a[1] is NaN; JSON has no such number.'],
    [{ a: Infinity }, '$.a is Infinity; JSON has no such number.'],
    [{ n: 10n }, '$.n is a bigint, which JSON cannot represent.'],
    [[undefined], '$[0] is undefined; JSON arrays cannot hold it.'],
    [{ f: () => 1 }, '$.f is a function, which JSON cannot represent.'],
    [cyclic, '$.self refers back to itself; JSON cannot represent a cycle.'],
  ];
  for (const [value, message] of cases) {
    assert.throws(() => canonicalize(value), (e: unknown) => e instanceof CanonicalError && e.message === message);
  }
});

test('the same value shared twice (not a cycle) is fine', () => {
  const shared = { k: 1 };
  assert.equal(canonicalize({ a: shared, b: [shared] }), '{"a":{"k":1},"b":[{"k":1}]}');
});
