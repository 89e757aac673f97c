import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateKey, parseStrictJson } from './strict-json.js';

test('duplicateKey: a key twice in one object, at any depth, with any escaping', () => {
  const cases: [string, string | undefined][] = [
    ['{"command":"rm -rf ~","command":"ls"}', 'command'],
    ['{"tool_input":{"command":"ls","\\u0063ommand":"rm -rf ~"}}', 'command'],
    ['{"a":[{"k":1},{"k":2}],"b":{"k":1},"k":{"a":1}}', undefined],
    ['{"a":"x\\"y","a\\"":1,"b":["a","a"]}', undefined],
    ['[{"x":1,"y":{"z":[1,{"x":1}],"x":2},"x":3}]', 'x'],
    ['{"":1,"":2}', ''],
    ['"just a string"', undefined],
  ];
  assert.deepEqual(cases.map(([t]) => [t, duplicateKey(t)]), cases);
});

test('parseStrictJson: E_BAD_JSON for duplicate keys and for text that is not JSON', () => {
  const outcome = (t: string): unknown => {
    try {
      return parseStrictJson(t);
    } catch (e) {
      return { code: (e as { code: string }).code, message: (e as Error).message };
    }
  };
  assert.deepEqual([outcome('{"a":1}'), outcome('{"tool_name":"Bash","tool_name":"Read"}'), outcome('{nope')], [
    { a: 1 },
    { code: 'E_BAD_JSON', message: 'The hook input has the key "tool_name" twice in one object; hosts differ on which one counts, so the call is not allowed. Send each key once.' },
    { code: 'E_BAD_JSON', message: 'The hook input is not JSON; the call is not allowed.' },
  ]);
});
