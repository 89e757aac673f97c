// `countersign approve <id> --reason "..."` (and, shared with reject.ts, the body of both verbs).
import { CountersignError } from '../../core/index.js';
import { parseArgs, UsageError } from '../args.js';
import { call, connFrom, report } from '../client.js';

type View = { id: string; status: string; approval?: { count: number; have: number } };

export async function decideVerb(verb: 'approve' | 'reject', argv: string[]): Promise<number> {
  const help = `Usage: countersign ${verb} <request-id> --reason "..." [--json] [--url URL] [--token TOKEN]\n\nToken: --token or COUNTERSIGN_TOKEN (a human's). A reason is required and is audited.\n`;
  try {
    const { flags, positionals } = parseArgs(argv, { boolean: ['json', 'help'], string: ['reason', 'url', 'token'] });
    if (flags['help']) {
      process.stdout.write(help);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(`give exactly one request id (got ${positionals.length})`);
    if (typeof flags['reason'] !== 'string' || flags['reason'].trim() === '') throw new CountersignError('E_REASON_REQUIRED', `Say why with --reason "...".`);
    const id = positionals[0]!;
    const v = await call<View>(connFrom(flags), 'POST', `/v1/actions/${encodeURIComponent(id)}/${verb}`, { reason: flags['reason'] });
    if (flags['json']) process.stdout.write(JSON.stringify(v) + '\n');
    else {
      const tally = v.status === 'pending' && v.approval ? ` (${v.approval.have} of ${v.approval.count} approvals)` : '';
      process.stdout.write(`${v.id}: ${v.status}${tally}\n`);
    }
    return 0;
  } catch (err) {
    return report(verb, err);
  }
}

export const run = (argv: string[]): Promise<number> => decideVerb('approve', argv);
