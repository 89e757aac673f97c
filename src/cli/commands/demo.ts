// `countersign demo [--port P] [--dir DIR] [--no-open] [--pace-ms MS]`: a fresh server with the demo
// team in a temporary directory (or DIR), and the December 2025 incident replayed against it by an
// agent over HTTP. Keeps serving until Ctrl-C so the newcomer can approve in the dashboard.
import { spawn } from 'node:child_process';
import { isCountersignError } from '../../core/index.js';
import { incidentSteps } from '../../demo/script.js';
import { narrator } from '../../demo/narrate.js';
import { replay } from '../../demo/replay.js';
import { startDemoServer, type DemoServer } from '../../demo/server.js';
import { writeDemoTeam } from '../../demo/team.js';
import { parseArgs, UsageError } from '../args.js';

const HELP = `Usage: countersign demo [--port P] [--dir DIR] [--no-open] [--pace-ms MS]

Replays the December 2025 incident (an AI agent "deleting and recreating" a production
environment) against a fresh local Countersign, and keeps serving so you can approve in the
dashboard. Prints the dashboard URL and one token per person of the demo team.
  --port P       listen on 127.0.0.1:P (default 7300; 0 picks a free port)
  --dir DIR      put the config and database in DIR (default: a new temporary directory)
  --no-open      do not open the dashboard in a browser
  --pace-ms MS   pause between the agent's steps (default 1200)
Stop it with Ctrl-C.
`;

export async function run(argv: string[]): Promise<number> {
  let srv: DemoServer | undefined;
  try {
    const { flags, positionals } = parseArgs(argv, { boolean: ['no-open', 'help'], string: ['port', 'dir', 'pace-ms'] });
    if (flags['help']) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const port = intFlag(flags['port'], 7300, 65535, '--port');
    const paceMs = intFlag(flags['pace-ms'], 1200, 60_000, '--pace-ms');
    const team = writeDemoTeam(typeof flags['dir'] === 'string' ? flags['dir'] : undefined, port);
    srv = await startDemoServer(team.file, port);
    const say = narrator(process.stdout);
    say.line(say.bold('Countersign demo: the December 2025 incident, replayed'));
    say.line('An AI coding agent fixing a production cost-reporting service decided to "delete and recreate the');
    say.line('environment"; the service was down for 13 hours. Watch Countersign read what each action really');
    say.line('does, apply the policy, and hold the dangerous change for two people who are not the agent\'s operator.');
    say.line('');
    say.line(`Dashboard: ${say.bold(srv.url)}${srv.staticDir ? '' : '   (the dashboard is not built: run `npx vite build --config web/vite.config.ts`, then start the demo again; the CLI works meanwhile)'}`);
    say.line(`Config and data: ${team.dir}`);
    say.line('Sign in with one of these tokens (shown once; only their SHA-256 is stored):');
    say.team(team.starter.principals);
    if (!flags['no-open'] && srv.staticDir) openBrowser(srv.url);
    const stopped = waitForSignal();
    const agentStop = new AbortController();
    const done = replay({ url: srv.url, engine: srv.engine, principals: team.starter.principals, steps: incidentSteps(team), say, paceMs, bin: 'countersign', signal: agentStop.signal });
    const first = await Promise.race([done.then(() => 'replayed' as const), stopped]);
    if (first === 'replayed') {
      say.line('');
      say.line(`Still serving on ${srv.url}. Explore the audit and agents pages; Ctrl-C to stop.`);
      await stopped;
    }
    // The agent stops waiting first, so the server has no long-poll to hold it open.
    agentStop.abort();
    done.catch(() => undefined);
    await srv.close();
    // Everything is committed. A long-poll the server was still holding keeps its re-read timer
    // (src/engine/wait.ts) alive until its wait runs out (up to 300 s): do not let it hold Ctrl-C.
    setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
    return 0;
  } catch (err) {
    if (srv) await srv.close().catch(() => undefined);
    if (err instanceof UsageError) {
      process.stderr.write(`countersign demo: ${err.message} (E_USAGE). See \`countersign demo --help\`.\n`);
      return 2;
    }
    if (isCountersignError(err)) {
      process.stderr.write(`countersign demo: ${err.message} (${err.code})\n`);
      return err.code === 'E_USAGE' ? 2 : 1;
    }
    const e = err as { code?: string; message?: string };
    if (e.code === 'EADDRINUSE') {
      process.stderr.write(`countersign demo: the port is in use (${e.message}); pass --port 0 for any free port, or stop what listens there.\n`);
      return 1;
    }
    throw err;
  }
}

function intFlag(v: string | true | undefined, dflt: number, max: number, name: string): number {
  if (typeof v !== 'string') return dflt;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > max) throw new UsageError(`${name} must be a whole number from 0 to ${max}`);
  return n;
}

function waitForSignal(): Promise<'stopped'> {
  return new Promise((ok) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      ok('stopped');
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Best effort: a machine without a browser (a server, CI) just prints the URL. */
function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'] ? ['xdg-open', url] : null;
  if (!cmd) return;
  try {
    const child = spawn(cmd[0]!, cmd.slice(1), { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no opener: the URL is printed above
  }
}
