// The dashboard build: `npx vite build --config web/vite.config.ts` from the repository root writes
// web/dist, which `countersign serve` serves. No React plugin: esbuild's automatic JSX runtime is
// all the app needs, and nothing is fetched from a CDN at build or run time.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, reportCompressedSize: false },
});
