// `countersign serve`: the composition root. Loads the config, opens the store, builds the engine
// and the HTTP server, prints the URL, and shuts down cleanly on SIGTERM/SIGINT (every accepted
// write is committed before the process exits).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CountersignError, type Clock, type Store } from '../../core/index.js';
import { authenticate, loadConfigChecked, loadConfig, type Config } from '../../config/index.js';
import { initClassifier } from '../../classify/index.js';
import { createEngine, monotonic, systemClock, type Notifier } from '../../engine/index.js';
import { startServer } from '../../server/index.js';
import { startCheckpoints } from '../../server/checkpoints.js';
import { openStore } from '../../server/open-store.js';
import { parseArgs, UsageError } from '../args.js';
import { report } from '../client.js';

const HELP = `Usage: countersign serve [--dir DIR | --config FILE] [--listen HOST:PORT] [--database URL]
                         [--public-url URL] [--static DIR] [--no-store-thread] [--json]

Runs the control plane. The config is FILE, or DIR/countersign.yaml (DIR defaults to the current
directory); the embedded SQLite database lives in the config's data_dir (default DIR/data).
--listen overrides server.listen (port 0 picks a free port); the default is loopback only.
--database postgres://... uses PostgreSQL instead, so several instances can share one database.
SQLite writes (and their fsync) run in a writer thread, so commits never block the serving thread
(bench/RESULTS.md: 3,600 vs 2,100 durably audited decisions/s, one decision 0.7 vs 3.3 ms).
--no-store-thread commits on the serving thread instead (a little less CPU per decision, for a
machine with one core to spare at most). --store-thread is accepted for compatibility.
Prints the URL it serves on (with --json: one line {"url": ...}). SIGTERM or SIGINT stops it after
committing every accepted write.
`;

export type Opened = { config: Config; engineStore: Store; close(): Promise<void> };

export function configPath(flags: Record<string, string | true>): string {
  if (typeof flags['config'] === 'string') return resolve(flags['config']);
  const dir = resolve(typeof flags['dir'] === 'string' ? flags['dir'] : '.');
  if (existsSync(dir) && statSync(dir).isFile()) return dir;
  return join(dir, 'countersign.yaml');
}

/** Opens the store named by --dir/--config/--database (for serve, and for offline `audit`). */
export async function openDataDir(
  flags: Record<string, string | true>,
  opts: { checked?: boolean; clock?: Clock; worker?: boolean; readonly?: boolean } = {},
): Promise<Opened> {
  const checked = opts.checked === true;
  const clock = opts.clock ?? monotonic(systemClock);
  const file = configPath(flags);
  if (!existsSync(file)) throw new CountersignError('E_CONFIG_INVALID', `No config at ${file}. Create one with \`countersign init --dir DIR\`, or pass --config FILE.`);
  const config = checked ? await loadConfigChecked(file) : loadConfig(file);
  const db = typeof flags['database'] === 'string' ? flags['database'] : process.env['COUNTERSIGN_DATABASE'];
  const engineStore = await openStore({ dataDir: config.dataDir, ...(db ? { database: db } : {}), clock, ...(opts.worker ? { worker: true } : {}), ...(opts.readonly ? { readonly: true } : {}) });
  return { config, engineStore, close: () => engineStore.close() };
}

export async function run(argv: string[]): Promise<number> {
  let opened: Opened | undefined;
  try {
    const { flags, positionals } = parseArgs(argv, { boolean: ['json', 'help', 'store-thread', 'no-store-thread'], string: ['dir', 'config', 'listen', 'database', 'public-url', 'static', 'checkpoint-seconds'] });
    if (flags['help']) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const listen = typeof flags['listen'] === 'string' ? parseListen(flags['listen']) : undefined;
    await initClassifier();
    // One clock for the store (audit `at`) and the engine, so their times agree and never go back.
    const clock = monotonic(systemClock);
    opened = await openDataDir(flags, { checked: true, clock, worker: flags['no-store-thread'] !== true });
    const { config, engineStore } = opened;
    const engine = createEngine({
      config,
      store: engineStore,
      clock,
      publicUrl: config.server.publicUrl,
      hookWaitMs: config.server.hookWaitSeconds * 1000,
      // A shared store may bring a cross-instance notifier (see server/open-store.ts).
      ...(storeNotifier(engineStore) ? { notifier: storeNotifier(engineStore)! } : {}),
    });
    await engine.appendAudit([{ type: 'config.loaded', body: { file: config.file, digest: config.digest, policyDigest: config.policy.digest, warnings: config.warnings } }]);
    const staticDir = typeof flags['static'] === 'string' ? resolve(flags['static']) : defaultStaticDir();
    const host = listen?.host ?? config.server.host;
    const port = listen?.port ?? config.server.port;
    const explicitUrl = typeof flags['public-url'] === 'string' ? flags['public-url'] : undefined;
    const server = await startServer({
      engine,
      authenticate: (t) => authenticate(config, t),
      bodyLimit: config.server.bodyLimitBytes,
      maxWaitMs: config.server.waitMaxSeconds * 1000,
      host,
      port,
      ...(staticDir ? { staticDir } : {}),
      // The configured public URL names the configured port; with --listen (or port 0) the real
      // address wins.
      ...(explicitUrl ? { publicUrl: explicitUrl } : listen || port === 0 ? {} : { publicUrl: config.server.publicUrl }),
    });
    const cpSeconds = typeof flags['checkpoint-seconds'] === 'string' ? Number(flags['checkpoint-seconds']) : 60;
    const checkpoints = startCheckpoints(engine, config.dataDir, Number.isFinite(cpSeconds) ? cpSeconds * 1000 : 60_000);
    for (const w of config.warnings) process.stderr.write(`countersign serve: warning: ${w}\n`);
    process.stdout.write(flags['json'] ? JSON.stringify({ url: server.url, dataDir: config.dataDir }) + '\n' : `Countersign is serving on ${server.url} (data: ${config.dataDir})\n`);

    const store = engineStore;
    await new Promise<void>((done) => {
      let stopping = false;
      const stop = (): void => {
        if (stopping) return;
        stopping = true;
        checkpoints.stop();
        server
          .close()
          .then(() => store.close())
          .catch((err) => process.stderr.write(`countersign serve: while stopping: ${String(err)}\n`))
          .finally(done);
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    return 0;
  } catch (err) {
    if (opened) await opened.close().catch(() => undefined);
    return report('serve', err);
  }
}

function storeNotifier(store: Store): Notifier | undefined {
  const n = (store as { notifier?: Notifier }).notifier;
  return n && typeof n.publish === 'function' && typeof n.subscribe === 'function' ? n : undefined;
}

function parseListen(s: string): { host: string; port: number } {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]*)):(\d{1,5})$/.exec(s) ?? /^()()(\d{1,5})$/.exec(s);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`--listen "${s}" is not HOST:PORT (e.g. 127.0.0.1:7300, or :0 for any free port)`);
  return { host: m[1] || m[2] || '127.0.0.1', port };
}

/** web/dist next to the package, when the dashboard has been built. */
function defaultStaticDir(): string | undefined {
  const dir = new URL('../../../../web/dist/', import.meta.url).pathname;
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}
