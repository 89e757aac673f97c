#!/usr/bin/env node
// Collects every compiled test file (dist/**/*.test.js) and hands them to Node's built-in runner.
// Node 20's `--test` takes file paths, not globs, so we walk the tree ourselves.
// Usage: node scripts/run-tests.mjs [substring-filter ...]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('../dist/', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) files.push(p);
  }
})(root);
const chosen = files.filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (chosen.length === 0) {
  console.error('no test files matched', filters);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...chosen], { stdio: 'inherit' });
process.exit(r.status ?? 1);
