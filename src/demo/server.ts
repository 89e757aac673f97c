// A server for the demo, composed the way `countersign serve` composes one: the checked config, a
// fresh embedded store in the config's data directory, the engine, HTTP with the dashboard.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { authenticate, loadConfigChecked, type Config } from '../config/index.js';
import { initClassifier } from '../classify/index.js';
import { createEngine, monotonic, systemClock, type Engine } from '../engine/index.js';
import { startServer, type RunningServer } from '../server/index.js';
import { startCheckpoints } from '../server/checkpoints.js';
import { openStore } from '../server/open-store.js';

export type DemoServer = { url: string; config: Config; engine: Engine; server: RunningServer; staticDir: string | undefined; close(): Promise<void> };

/** web/dist of this package, when the dashboard has been built (`npm run build`). */
export function dashboardDir(): string | undefined {
  const dir = new URL('../../../web/dist/', import.meta.url).pathname;
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

export async function startDemoServer(file: string, port: number, staticDir = dashboardDir()): Promise<DemoServer> {
  await initClassifier();
  const config = await loadConfigChecked(file);
  const clock = monotonic(systemClock);
  const store = await openStore({ dataDir: config.dataDir, clock });
  try {
    const engine = createEngine({ config, store, clock, hookWaitMs: config.server.hookWaitSeconds * 1000 });
    await engine.appendAudit([{ type: 'config.loaded', body: { file: config.file, digest: config.digest, policyDigest: config.policy.digest, warnings: config.warnings } }]);
    const server = await startServer({
      engine,
      authenticate: (t) => authenticate(config, t),
      bodyLimit: config.server.bodyLimitBytes,
      maxWaitMs: config.server.waitMaxSeconds * 1000,
      host: '127.0.0.1',
      port,
      ...(staticDir ? { staticDir } : {}),
    });
    const checkpoints = startCheckpoints(engine, config.dataDir, 60_000);
    return {
      url: server.url,
      config,
      engine,
      server,
      staticDir,
      async close() {
        checkpoints.stop();
        await server.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
}
