// `countersign recovery list|prune|verify`: the recovery points in the data directory, read from
// their manifests (offline: no server needed, only the config to find the data directory).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { listPoints, parseDuration, prunePoints, recoverySettings, verifyRecoveryPoint, type PointSummary } from '../../broker/recovery/index.js';
import { parseArgs, UsageError } from '../args.js';
import { report } from '../client.js';

const HELP = `Usage: countersign recovery list [--json]
       countersign recovery prune [--older-than 7d] [--dry-run] [--json]
       countersign recovery verify <request-id>
Options: --dir DIR | --config FILE (default ./countersign.yaml) to find the data directory.

list    every recovery point (request, when, size, kinds, what it holds)
prune   removes points older than --older-than, or else older than their target's
        recovery.retention (default 30d); also drops their refs/countersign/<id>/* git refs
verify  checks a point's manifest digest, checksums and dumps without restoring anything
Restore a point with \`countersign rollback <request-id>\` (a request like any other).
`;

export async function run(argv: string[]): Promise<number> {
  try {
    const { flags, positionals } = parseArgs(argv, { boolean: ['help', 'json', 'dry-run'], string: ['dir', 'config', 'older-than'] });
    const [sub, id, extra] = positionals;
    if (flags['help'] || !sub) {
      process.stdout.write(HELP);
      return sub || flags['help'] ? 0 : 2;
    }
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    const config = loadConfig(configPath(flags));
    const json = flags['json'] === true;
    if (sub === 'list') {
      if (id) throw new UsageError('list takes no arguments');
      print(listPoints(config.dataDir), json, 'no recovery points');
      return 0;
    }
    if (sub === 'prune') {
      if (id) throw new UsageError('prune takes no arguments; use --older-than');
      const now = Date.now();
      const spec = flags['older-than'];
      if (spec !== undefined && (typeof spec !== 'string' || !/^\d+[smhdw]$/.test(spec))) throw new UsageError('--older-than must be a duration such as 7d, 12h or 2w');
      const older = typeof spec === 'string' ? parseDuration(spec, '--older-than') : null;
      const retention = (p: PointSummary): number => {
        const t = config.targets.find((x) => x.id === p.target);
        return now - recoverySettings(t ?? null).retentionMs;
      };
      const gone = prunePoints(config.dataDir, older !== null ? now - older : retention, flags['dry-run'] === true);
      print(gone, json, 'nothing to prune', flags['dry-run'] ? 'would remove' : 'removed');
      return 0;
    }
    if (sub === 'verify') {
      if (!id) throw new UsageError('verify needs a request id');
      const m = await verifyRecoveryPoint(id, { dataDir: config.dataDir, env: process.env as Record<string, string> });
      process.stdout.write(json ? JSON.stringify({ ok: true, request: id, digest: m.digest }) + '\n' : `ok: recovery point of ${id} verifies (digest ${m.digest})\n`);
      return 0;
    }
    throw new UsageError(`unknown subcommand "${sub}"; use list, prune or verify`);
  } catch (err) {
    return report('recovery', err);
  }
}

/** Same lookup as `serve` (--config FILE, or DIR/countersign.yaml), without loading the server. */
function configPath(flags: Record<string, string | true>): string {
  if (typeof flags['config'] === 'string') return resolve(flags['config']);
  const dir = resolve(typeof flags['dir'] === 'string' ? flags['dir'] : '.');
  return existsSync(dir) && statSync(dir).isFile() ? dir : join(dir, 'countersign.yaml');
}

function print(points: PointSummary[], json: boolean, none: string, verb = ''): void {
  if (json) {
    process.stdout.write(JSON.stringify(points) + '\n');
    return;
  }
  if (!points.length) {
    process.stdout.write(`${none}\n`);
    return;
  }
  for (const p of points) {
    const head = `${verb ? verb + ' ' : ''}${p.request}  ${new Date(p.created).toISOString()}  ${p.bytes} bytes  ${p.kinds.join('+') || '-'}`;
    process.stdout.write(`${head}${p.problem ? `  PROBLEM: ${p.problem}` : ''}\n${p.what.map((w) => `    ${w}\n`).join('')}`);
  }
}
