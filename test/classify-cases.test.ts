// The shared case corpus (test/fixtures/classify/cases.jsonl) through every implementation that
// answers with a risk: the classifier in-process and `countersign classify --batch`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { classify, initClassifier } from '../src/classify/index.js';

const DIR = new URL('../../test/fixtures/classify/', import.meta.url).pathname;
const BIN = new URL('../../bin/countersign', import.meta.url).pathname;

type Case = { action: Record<string, unknown>; expected: string; note: string };

function load(): Case[] {
  return readFileSync(`${DIR}cases.jsonl`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Case)
    .map((c) => {
      const { plan_path, ...rest } = c.action as { plan_path?: string };
      return plan_path ? { ...c, action: { ...rest, plan: JSON.parse(readFileSync(`${DIR}${plan_path}`, 'utf8')) } } : c;
    });
}

const CASES = load();
const row = (c: Case, risk: string) => `${risk.padEnd(11)} ${c.note}`;

before(() => initClassifier());

test('every case answers its expected risk in-process', () => {
  const got = CASES.map((c) => row(c, classify(c.action).risk));
  assert.deepEqual(got, CASES.map((c) => row(c, c.expected)));
});

test('classify --batch answers exactly what the classifier answers in-process', () => {
  const r = spawnSync(process.execPath, [BIN, 'classify', '--batch'], {
    input: CASES.map((c) => JSON.stringify(c.action)).join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const batch = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
  assert.deepEqual(batch, CASES.map((c) => JSON.parse(JSON.stringify(classify(c.action))) as unknown));
});
