// examples/countersign.yaml is the starter config, and examples/cases.yaml holds for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadClassifier } from '../policy/index.js';
import { loadConfigChecked, parseCases, runCases, starterConfig } from './index.js';

const root = new URL('../../../', import.meta.url).pathname;
const CONFIG = `${root}examples/countersign.yaml`;
const CASES = `${root}examples/cases.yaml`;

// The file differs from a fresh `init --dir /srv/countersign` only in its header and token hashes.
const normalise = (y: string): string => y.replace(/^(#.*\n)+/, '').replace(/token_sha256: [0-9a-f]{64}/g, 'token_sha256: H');

test('examples/countersign.yaml is what init writes', () => {
  assert.equal(normalise(readFileSync(CONFIG, 'utf8')), normalise(starterConfig({ dir: '/srv/countersign' }).yaml));
});

test('examples/cases.yaml passes against examples/countersign.yaml', async () => {
  const classify = await loadClassifier();
  const config = await loadConfigChecked(CONFIG, { classify });
  const results = runCases(config, classify, parseCases(readFileSync(CASES, 'utf8'), CASES));
  assert.deepEqual(results.filter((r) => !r.ok).map((r) => `${r.case.name}: ${r.problem}`), []);
  assert.equal(results.length, 15);
});
