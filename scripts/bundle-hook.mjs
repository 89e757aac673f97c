#!/usr/bin/env node
// Bundles `countersign hook` into one file (dist/hook.mjs). The hook runs as a new process for
// every tool call an agent makes, and loading ~20 separate ES modules costs tens of milliseconds
// on its own; one pre-linked file starts measurably faster. bin/countersign uses it when present.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  stdin: {
    contents: [
      "import { run } from './dist/src/cli/commands/hook.js';",
      'export async function main(argv) { return run(argv); }',
    ].join('\n'),
    resolveDir: root,
    sourcefile: 'hook-entry.js',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: `${root}dist/hook.mjs`,
  logLevel: 'warning',
});
