import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StreamRedactor } from './redact.js';

const SECRET = 'pw-4f0c9a1e77Bd';
const URL = `postgres://app:${SECRET}@db/x`;

/** The redactor's output for `input` fed in chunks of every size: it must not depend on the split. */
function redactAllSplits(input: Buffer, secrets = [URL, SECRET]): string {
  const outs = new Set<string>();
  for (let size = 1; size <= input.length; size += size < 8 ? 1 : 7) {
    const red = new StreamRedactor(secrets);
    const parts: Buffer[] = [];
    for (let i = 0; i < input.length; i += size) parts.push(red.push(input.subarray(i, i + size)));
    parts.push(red.end());
    outs.add(Buffer.concat(parts).toString('latin1'));
  }
  assert.equal(outs.size, 1, 'the output depends on how the input was split');
  return [...outs][0]!;
}

/** Whether any decoding of `out` still shows the secret. */
function leaks(out: string): boolean {
  const text = out.replaceAll('[redacted by countersign]', '\u0000');
  const b64 = text.replace(/[^A-Za-z0-9+/_-]/g, '');
  const hex = text.replace(/[^0-9a-fA-F]/g, '');
  const decoded = [
    text,
    [...text].reverse().join(''),
    ...[0, 1, 2, 3].map((s) => Buffer.from(b64.slice(s).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1')),
    ...[0, 1].map((s) => Buffer.from(hex.slice(s), 'hex').toString('latin1')),
    unescape(text),
  ];
  return decoded.some((d) => d.includes(SECRET));
}

function b64wrapped(s: string, width = 76): string {
  return Buffer.from(s).toString('base64').replace(new RegExp(`(.{${width}})`, 'g'), '$1\n');
}

test('encoded secrets are redacted: base64 in every alignment (wrapped at 76), base64url, hex, URL-encoding, reversed', () => {
  const cases: Record<string, string> = {};
  for (let k = 0; k < 3; k++) {
    const env = `${'H'.repeat(70 + k)}PGPASSWORD=${SECRET}\nLANG=C\n`;
    cases[`base64+${k}`] = b64wrapped(env);
    cases[`base64url+${k}`] = Buffer.from(`${'x'.repeat(k)}${SECRET}??>>`).toString('base64url');
  }
  cases['hex lower'] = Buffer.from(`A=${SECRET}\n`).toString('hex');
  cases['hex upper'] = Buffer.from(`A=${SECRET}\n`).toString('hex').toUpperCase();
  cases['xxd -p'] = Buffer.from(`${'.'.repeat(25)}${SECRET}`).toString('hex').replace(/(.{60})/g, '$1\n');
  cases['hex bytes'] = [...Buffer.from(SECRET)].map((b) => b.toString(16)).join(' ');
  cases['url'] = encodeURIComponent(`k=${URL}`);
  cases['url every byte'] = [...Buffer.from(SECRET)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  cases['reversed'] = [...`PGPASSWORD=${SECRET}`].reverse().join('');
  const leaked = Object.entries(cases).filter(([, v]) => {
    assert.equal(leaks(v), true, 'the test input must carry the secret');
    return leaks(redactAllSplits(Buffer.from(v)));
  });
  assert.deepEqual(leaked.map(([k]) => k), []);
});

test('the text around an encoded secret is kept', () => {
  const hex = Buffer.from(SECRET).toString('hex');
  const input = `before ${hex} middle ${[...SECRET].reverse().join('')} after ${SECRET.slice(0, 5)}`;
  assert.equal(redactAllSplits(Buffer.from(input)), `before [redacted by countersign] middle [redacted by countersign] after ${SECRET.slice(0, 5)}`);
});

test('binary output passes through unchanged when it holds no secret', () => {
  const bytes = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256));
  assert.equal(redactAllSplits(bytes), bytes.toString('latin1'));
});
