// `countersign init <host>`: writes or merges the host's hook configuration so that every tool call
// that can change something goes through `countersign hook <host>` (or, for Claude Code, the
// server's http hook). Unrelated settings are kept; a second run changes nothing.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTALLS, type InstallOptions } from '../../adapters/install/hosts.js';
import type { Json } from '../../adapters/install/merge.js';
import { HOSTS, isHostName, type HostName } from '../../adapters/types.js';
import { parseArgs, UsageError } from '../args.js';
import { DEFAULT_URL, DEFAULT_WAIT } from './hook.js';

export const HELP = `Usage: countersign init <${HOSTS.join('|')}> [options]

Writes the host's hook configuration (merging into an existing file) and prints what changed.
  --scope project|user   project: under --dir (default); user: under your home directory
  --dir PROJECT          the project directory (default: the current directory)
  --url URL              the Countersign server (default ${DEFAULT_URL}); written into the hook
  --kind command|http    Claude Code only: a command hook (default) or the server's http hook
  --wait SECONDS         how long the hook waits for approvals (default ${DEFAULT_WAIT}; for the http
                         hook, the server's hook_wait_seconds, default 60); the host's timeout is
                         set 35 s above it
  --command CMD          how to run countersign (default: this installation's bin/countersign)
  --agent NAME           Kiro only: the custom agent to write (default countersign)
  --dry-run              print what would change, write nothing
  --json                 print the result as JSON
`;

const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function defaultBin(): string {
  return fileURLToPath(new URL('../../../../bin/countersign', import.meta.url));
}

export type InstallResult = { host: HostName; file: string; changed: boolean; created: boolean; changes: string[]; config: Json; warnings: string[] };

export function installHost(host: HostName, base: string, opts: InstallOptions, write = true): InstallResult {
  const spec = INSTALLS[host];
  if (!spec.kinds.includes(opts.kind)) throw new UsageError(`${host} supports only a ${spec.kinds.join(' or ')} hook`);
  const file = join(base, spec.file(opts));
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  let before: Json;
  if (text === undefined || text.trim() === '') before = spec.fresh(opts);
  else {
    try {
      const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
      before = parsed as Json;
    } catch (err) {
      throw new UsageError(`${file} is not a JSON object (${(err as Error).message}); nothing was changed. Fix or move the file, then run init again. (E_CONFIG_PARSE)`);
    }
  }
  const config = structuredClone(before);
  try {
    spec.merge(config, opts);
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}; nothing was changed. Fix the file, then run init again. (E_CONFIG_INVALID)`);
  }
  const changed = text === undefined || JSON.stringify(config) !== JSON.stringify(before);
  const warnings: string[] = [];
  const hooks = config['hooks'] as Json | undefined;
  if (host === 'gemini' && hooks?.['enabled'] === false) warnings.push('hooks.enabled is false in this file: Gemini CLI will not run any hook. Set it to true.');
  if (changed && write) {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.countersign-${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`);
    renameSync(tmp, file);
  }
  return { host, file, changed, created: text === undefined, changes: changed ? spec.describe(opts) : [], config, warnings };
}

export async function run(argv: string[]): Promise<number> {
  try {
    const a = parseArgs(argv, { boolean: ['json', 'dry-run', 'help'], string: ['scope', 'dir', 'url', 'kind', 'wait', 'command', 'agent'] });
    const host = a.positionals[0];
    if (a.flags['help']) {
      process.stdout.write(HELP);
      return 0;
    }
    if (!isHostName(host)) throw new UsageError(`unknown host "${host ?? ''}"; use one of ${HOSTS.join(', ')}`);
    const scope = (a.flags['scope'] as string | undefined) ?? 'project';
    if (scope !== 'project' && scope !== 'user') throw new UsageError('--scope must be project or user');
    const kind = (a.flags['kind'] as string | undefined) ?? 'command';
    if (kind !== 'command' && kind !== 'http') throw new UsageError('--kind must be command or http');
    const waitFlag = a.flags['wait'] as string | undefined;
    const wait = waitFlag === undefined ? DEFAULT_WAIT : Number(waitFlag);
    if (!Number.isFinite(wait) || wait < 0 || wait > 3600) throw new UsageError('--wait must be a number of seconds (0..3600)');
    const urlFlag = a.flags['url'] as string | undefined;
    if (urlFlag !== undefined && !/^https?:\/\/[^\s]+$/.test(urlFlag)) throw new UsageError('--url must be an http(s) URL');
    const url = urlFlag ?? process.env['COUNTERSIGN_URL'] ?? DEFAULT_URL;
    const bin = (a.flags['command'] as string | undefined) ?? quote(defaultBin());
    const command = [bin, 'hook', host, ...(urlFlag ? ['--url', quote(urlFlag)] : []), ...(waitFlag !== undefined ? ['--wait', String(wait)] : [])].join(' ');
    const base = scope === 'user' ? (process.env['HOME'] ?? homedir()) : resolve((a.flags['dir'] as string | undefined) ?? '.');
    // The http hook waits on the server (server.hook_wait_seconds, default 60 s), not in the hook.
    const hostWait = kind === 'http' && waitFlag === undefined ? 60 : wait;
    const opts: InstallOptions = { command, url, kind, timeoutS: Math.ceil(hostWait) + 35, agent: (a.flags['agent'] as string | undefined) ?? 'countersign' };
    const r = installHost(host, base, opts, !a.flags['dry-run']);
    if (a.flags['json']) process.stdout.write(`${JSON.stringify({ ...r, dryRun: Boolean(a.flags['dry-run']) }, null, 2)}\n`);
    else {
      const verb = !r.changed ? 'unchanged (already installed)' : a.flags['dry-run'] ? 'would write' : r.created ? 'created' : 'updated';
      const lines = [`countersign init ${host}: ${verb} ${r.file}`, ...r.changes.map((c) => `  + ${c}`), ...r.warnings.map((w) => `  ! ${w}`)];
      if (r.changed) {
        lines.push(
          opts.kind === 'http'
            ? `  The http hook sends COUNTERSIGN_TOKEN (this agent's token) from the environment Claude Code runs in.\n  Keep the server's server.hook_wait_seconds below ${opts.timeoutS - 5} s (the hook's timeout is ${opts.timeoutS} s).`
            : '  The hook reads COUNTERSIGN_TOKEN (this agent\'s token) and COUNTERSIGN_URL from the environment the host runs in.',
          `  Check it with: countersign doctor --host ${host}${scope === 'user' ? ' --scope user' : ` --dir ${quote(base)}`}`,
        );
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`countersign init: ${err.message}${/\(E_/.test(err.message) ? '' : ' (E_USAGE)'}\n`);
      return 2;
    }
    throw err;
  }
}
