// `countersign freeze --reason "..."` (admin), and, shared with thaw.ts, the body of both verbs.
import { CountersignError } from '../../core/index.js';
import { parseArgs, UsageError } from '../args.js';
import { call, connFrom, report } from '../client.js';

export async function freezeVerb(verb: 'freeze' | 'thaw', argv: string[]): Promise<number> {
  const what = verb === 'freeze' ? 'Makes every new action wait for a human until thawed.' : 'Ends a freeze.';
  const help = `Usage: countersign ${verb} --reason "..." [--json] [--url URL] [--token TOKEN]\n\n${what} Needs an admin's token.\n`;
  try {
    const { flags, positionals } = parseArgs(argv, { boolean: ['json', 'help'], string: ['reason', 'url', 'token'] });
    if (flags['help']) {
      process.stdout.write(help);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (typeof flags['reason'] !== 'string' || flags['reason'].trim() === '') throw new CountersignError('E_REASON_REQUIRED', `Say why with --reason "...".`);
    const s = await call<{ frozen: boolean; frozenBy?: string }>(connFrom(flags), 'POST', `/v1/${verb}`, { reason: flags['reason'] });
    process.stdout.write(flags['json'] ? JSON.stringify(s) + '\n' : s.frozen ? `frozen by ${s.frozenBy}: every new action waits for a human\n` : 'thawed\n');
    return 0;
  } catch (err) {
    return report(verb, err);
  }
}

export const run = (argv: string[]): Promise<number> => freezeVerb('freeze', argv);
