// The browser side of the dashboard tests: Debian's chromium driven by playwright-core (it cannot
// download a browser here), a fresh profile per run, and a built dashboard.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const REPO = new URL('../../../', import.meta.url).pathname;
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Builds web/dist when it is missing (the server serves whatever is there). */
export function ensureDashboardBuilt(): void {
  if (existsSync(join(REPO, 'web', 'dist', 'index.html'))) return;
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr}`);
}

export async function launch(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cs-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
}

/** A new tab signed in as this person (sessionStorage is per tab, so tabs can be different people). */
export async function signedIn(ctx: BrowserContext, url: string, token: string, width = 1280): Promise<Page> {
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
  await page.goto(url);
  await page.getByLabel('Your token').fill(token);
  await page.getByLabel('Your token').press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}
