// `countersign rollback <request-id>`: restore the recovery point taken before that request ran.
// Restoring production is a production change, so a rollback is itself a request: it is sent
// through the broker as the command `countersign rollback <id>` bound to the original's target,
// classified and decided by the policy like any other action (approvals included), and when it
// runs the server restores the point with that target's credentials (src/broker/recovery).
import { parseArgs, UsageError } from '../args.js';
import { call, connFrom, report } from '../client.js';

const HELP = `Usage: countersign rollback <request-id> [--target T] [--wait SECONDS] [--url URL]

Restores what Countersign put aside before <request-id> ran (files, PostgreSQL tables, git refs and
working files, Terraform state). The rollback is a new request on the same target: the policy
decides it, and it may wait for approvals (--wait, default 300 s). Before anything is restored the
point is verified against its checksums and the digest in the audit log; a changed point is refused
(E_RECOVERY_CORRUPT), a pruned one is E_RECOVERY_MISSING. Cloud resources a Terraform apply
destroyed are never restored by this; the output says what was and was not put back.
Token: COUNTERSIGN_TOKEN (an agent token). Exit codes as for \`countersign exec\` (126 not allowed,
75 still pending).
`;

export async function run(argv: string[]): Promise<number> {
  try {
    const { flags, positionals } = parseArgs(argv, { boolean: ['help'], string: ['target', 'wait', 'url', 'token'] });
    if (flags['help']) {
      process.stdout.write(HELP);
      return 0;
    }
    const [id, extra] = positionals;
    if (!id) throw new UsageError('name the request to roll back: countersign rollback <request-id>');
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new UsageError(`"${id}" is not a request id`);
    let target = typeof flags['target'] === 'string' ? flags['target'] : undefined;
    if (!target) {
      const view = await call<{ target?: string | null }>(connFrom(flags), 'GET', `/v1/actions/${encodeURIComponent(id)}`);
      if (!view.target) throw new UsageError(`request ${id} has no target, so it did not run through the broker and has no recovery point`);
      target = view.target;
    }
    const pass = (k: string): string[] => (typeof flags[k] === 'string' ? [`--${k}`, flags[k] as string] : []);
    const { run: exec } = await import('./exec.js');
    return await exec(['--target', target, ...pass('wait'), ...pass('url'), ...pass('token'), '--', 'countersign', 'rollback', id]);
  } catch (err) {
    return report('rollback', err);
  }
}
