// `countersign requests`: list requests (newest first) with a human token.
import { parseArgs } from '../args.js';
import { call, connFrom, report } from '../client.js';

const HELP = `Usage: countersign requests [--status pending,approved,...] [--agent ID] [--limit N] [--json]
                            [--url URL] [--token TOKEN]

Lists requests, newest first (default: all statuses, 50). Token: --token or COUNTERSIGN_TOKEN (a
human's); server: --url or COUNTERSIGN_URL (default http://127.0.0.1:7300).
`;

type View = {
  id: string;
  status: string;
  risk: string;
  environment: string;
  agent: string;
  summary: string;
  approval?: { count: number; have: number; roles: string[] };
  viewer?: { canApprove: boolean; why?: string };
};

export async function run(argv: string[]): Promise<number> {
  try {
    const { flags } = parseArgs(argv, { boolean: ['json', 'help'], string: ['status', 'agent', 'limit', 'url', 'token'] });
    if (flags['help']) {
      process.stdout.write(HELP);
      return 0;
    }
    const q = new URLSearchParams();
    if (typeof flags['status'] === 'string') q.set('status', flags['status']);
    if (typeof flags['agent'] === 'string') q.set('agent', flags['agent']);
    q.set('limit', typeof flags['limit'] === 'string' ? flags['limit'] : '50');
    const out = await call<{ requests: View[] }>(connFrom(flags), 'GET', `/v1/requests?${q}`);
    if (flags['json']) {
      process.stdout.write(JSON.stringify(out) + '\n');
      return 0;
    }
    if (out.requests.length === 0) {
      process.stdout.write('no requests\n');
      return 0;
    }
    for (const r of out.requests) process.stdout.write(line(r) + '\n');
    return 0;
  } catch (err) {
    return report('requests', err);
  }
}

function line(r: View): string {
  const need = r.approval && r.status === 'pending' ? ` ${r.approval.have}/${r.approval.count} of [${r.approval.roles.join(',') || 'any'}]` : '';
  const you = r.viewer && r.status === 'pending' ? (r.viewer.canApprove ? ' (you can approve)' : ` (you cannot: ${r.viewer.why})`) : '';
  return `${r.id}  ${r.status.padEnd(8)} ${r.risk.padEnd(11)} ${r.environment.padEnd(10)} ${r.agent}  ${r.summary}${need}${you}`;
}
