// Shared by the *-risks tests: load the real walker once per file, then check rows of
// [command, expected risk] as one whole value, so a changed judgement shows up as a diff.
import { before } from 'node:test';
import assert from 'node:assert/strict';
import type { Risk } from '../../core/index.js';
import { classifyShell, initShell } from '../shell/index.js';
import { initSql } from '../sql/index.js';

export type RiskRow = readonly [string, Risk];

/** Call at the top of a test file: the walker and the SQL parser load before its tests. */
export function loadWalker(): void {
  before(async () => {
    await initShell();
    await initSql();
  });
}

export function checkRisks(rows: readonly RiskRow[], cwd?: string): void {
  const actual = rows.map(([cmd]) => [cmd, classifyShell(cmd, cwd !== undefined ? { cwd } : {}).risk]);
  assert.deepEqual(actual, rows.map(([cmd, r]) => [cmd, r]));
}
