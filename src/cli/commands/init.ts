// `countersign init [--dir DIR] [--force] [--json] [--listen HOST:PORT]`: writes DIR/countersign.yaml
// (DIR defaults to .countersign) with the starter policy, the demo team and two targets, and
// prints the fresh tokens once; the file keeps only their SHA-256. `countersign init <host>` writes
// an agent host's hook configuration instead (init-host.ts).
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isCountersignError } from '../../core/index.js';
import { parseConfig, starterConfig, type Starter } from '../../config/index.js';
import { HOSTS } from '../../adapters/types.js';
import { parseArgs, UsageError } from '../args.js';

const HELP = `Usage: countersign init [--dir DIR] [--force] [--json] [--listen HOST:PORT]
       countersign init <${HOSTS.join('|')}> [options]     (an agent host's hook config; see init <host> --help)

Writes DIR/countersign.yaml (DIR defaults to .countersign) with the starter policy, a demo team
(an admin, three seniors, an engineer, and an agent operated by one of the seniors), a production
and a staging target (workspaces under DIR/workspaces), and prints every principal's token ONCE.
The file stores only the tokens' SHA-256; keep the tokens somewhere safe.
  --force    overwrite an existing config (every old token stops working)
  --json     print {dir, config, principals: [{id, kind, roles?, operator?, token}], targets, url}
  --listen   the server address written into the config (default 127.0.0.1:7300)
`;

export async function run(argv: string[]): Promise<number> {
  if (argv[0] && (HOSTS as readonly string[]).includes(argv[0])) return (await import('./init-host.js')).run(argv);
  try {
    const { flags, positionals } = parseArgs(argv, { boolean: ['force', 'json', 'help'], string: ['dir', 'listen'] });
    if (flags['help']) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unknown host or argument "${positionals[0]}"; hosts: ${HOSTS.join(', ')}`);
    const dir = resolve(typeof flags['dir'] === 'string' ? flags['dir'] : '.countersign');
    const file = join(dir, 'countersign.yaml');
    if (existsSync(file) && !flags['force']) {
      process.stderr.write(`countersign init: ${file} already exists; nothing was written (E_USAGE). Pass --force to replace it (its tokens stop working), or choose another --dir.\n`);
      return 2;
    }
    const starter = starterConfig({ dir, ...(typeof flags['listen'] === 'string' ? { listen: flags['listen'] } : {}) });
    parseConfig(starter.yaml, file); // a starter that does not load must never be written
    for (const t of starter.targets) for (const p of t.match.cwd_prefix) mkdirSync(p, { recursive: true });
    writeAtomically(file, starter.yaml);
    process.stdout.write(flags['json'] ? `${JSON.stringify(asJson(dir, file, starter), null, 2)}\n` : readable(dir, file, starter));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`countersign init: ${err.message} (E_USAGE). See \`countersign init --help\`.\n`);
      return 2;
    }
    if (isCountersignError(err)) {
      process.stderr.write(`countersign init: ${err.message} (${err.code})\n`);
      return 1;
    }
    throw err;
  }
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(resolve(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

function asJson(dir: string, file: string, s: Starter): unknown {
  return {
    dir,
    config: file,
    principals: s.principals.map((p) => ({ id: p.id, kind: p.kind, ...(p.roles ? { roles: p.roles } : {}), ...(p.operator ? { operator: p.operator } : {}), token: p.token })),
    targets: s.targets,
    url: s.url,
  };
}

function readable(dir: string, file: string, s: Starter): string {
  const w = Math.max(...s.principals.map((p) => p.id.length));
  const who = (p: Starter['principals'][number]): string => (p.kind === 'agent' ? `agent, operated by ${p.operator}` : `human: ${p.roles!.join(', ')}`);
  const ww = Math.max(...s.principals.map((p) => who(p).length));
  return [
    `Wrote ${file}`,
    '',
    'Tokens, shown this once (the config keeps only their SHA-256):',
    ...s.principals.map((p) => `  ${p.id.padEnd(w)}  ${who(p).padEnd(ww)}  ${p.token}`),
    '',
    'Targets (the environment of an action comes from its target, never from the agent):',
    ...s.targets.map((t) => `  ${t.id.padEnd(8)} ${t.environment.padEnd(11)} cwd ${t.match.cwd_prefix.join(', ')}; db ${t.match.db_host.join(', ')}; kube ${t.match.kube_context.join(', ')}`),
    '  anything else falls into "production" (protected)',
    '',
    'Next:',
    `  countersign policy check --dir ${dir}`,
    `  countersign serve --dir ${dir}            # ${s.url}`,
    '',
  ].join('\n');
}
