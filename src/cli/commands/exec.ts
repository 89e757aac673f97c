// `countersign exec --target T [--wait SECONDS] -- <command...>`: the agent's side of the broker.
// Submits the command, waits for its decision, and has the server run it with the target's
// credentials, relaying output and exit code. The agent never receives the credentials; only
// display/locale variables from its environment are sent along.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CountersignError, type SubmitAnswer } from '../../core/index.js';
import { pickAgentEnv, shellJoin, type ExecEvent } from '../../broker/exec/index.js';
import { parseArgs, UsageError } from '../args.js';
import { call, connFrom, report, serverError, type Conn } from '../client.js';

const HELP = `Usage: countersign exec --target T [--wait SECONDS] [--timeout SECONDS] [--url URL] -- <command...>

Runs <command> through Countersign's credential broker: the server classifies it, applies the
policy (waiting up to --wait seconds, default 300, for approvals), then runs it itself with target
T's credentials and streams its output back. Exit code: the command's own; 126 when Countersign
does not allow it (denied, rejected, server unreachable); 75 when approval is still pending (run
the same command again after approval: the approved request runs once).
Token: COUNTERSIGN_TOKEN (an agent token). URL: --url or COUNTERSIGN_URL.
`;

export const EXIT_NOT_ALLOWED = 126;
export const EXIT_PENDING = 75;

export async function run(argv: string[]): Promise<number> {
  try {
    const { flags, positionals, rest } = parseArgs(argv, { boolean: ['help'], string: ['target', 'wait', 'timeout', 'url', 'token'] });
    if (flags['help']) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`put the command after "--" (got "${positionals[0]}")`);
    if (typeof flags['target'] !== 'string') throw new UsageError('--target T is required: the target whose credentials the command needs');
    if (rest.length === 0) throw new UsageError('no command after "--"');
    const waitS = seconds(flags['wait'], 300, 'wait');
    const timeoutS = flags['timeout'] === undefined ? undefined : seconds(flags['timeout'], 600, 'timeout');
    const conn = connFrom(flags);
    if (!conn.token) throw new CountersignError('E_UNAUTHENTICATED', "Set COUNTERSIGN_TOKEN to this agent's token (from `countersign init`); nothing was run.");
    const session = process.env['COUNTERSIGN_SESSION'];
    const answer = await call<SubmitAnswer>(conn, 'POST', '/v1/exec', { target: flags['target'], command: shellJoin(rest), cwd: process.cwd(), ...(session ? { session } : {}) });
    const id = await decided(conn, answer, waitS);
    if (typeof id === 'number') return id;
    return await execute(conn, id, { env: pickAgentEnv(process.env), ...(timeoutS ? { timeoutSeconds: timeoutS } : {}) });
  } catch (err) {
    const code = report('exec', err);
    return code === 2 ? 2 : EXIT_NOT_ALLOWED;
  }
}

function seconds(v: string | true | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n) || n < 0 || n > 3600) throw new UsageError(`--${name} must be a number of seconds (0 to 3600)`);
  return n;
}

/** The request id to execute, or an exit code when it will not run. */
async function decided(conn: Conn, a: SubmitAnswer, waitS: number): Promise<string | number> {
  if (a.status === 'allowed') return a.id;
  if (a.status === 'denied') {
    process.stderr.write(`countersign exec: not allowed (request ${a.id}): ${a.reasons.join(' ')}\n`);
    return EXIT_NOT_ALLOWED;
  }
  const url = a.approval?.url ?? `${conn.url}/requests/${a.id}`;
  process.stderr.write(`countersign exec: waiting for approval (${a.approval ? `${a.approval.count} from ${a.approval.roles.join('/') || 'any human'}` : 'approval'}) of request ${a.id}: ${url}\n`);
  const deadline = Date.now() + waitS * 1000;
  for (;;) {
    const left = Math.ceil((deadline - Date.now()) / 1000);
    if (left <= 0) break;
    const view = await call<{ status: string; rejection?: { by: string; reason: string }; decision?: { reasons?: string[] } }>(conn, 'GET', `/v1/actions/${encodeURIComponent(a.id)}?wait=${Math.min(left, 60)}`, undefined, (Math.min(left, 60) + 15) * 1000);
    if (view.status === 'approved') return a.id;
    if (view.status !== 'pending') {
      const why = view.rejection ? `rejected by ${view.rejection.by}: ${view.rejection.reason}` : view.status;
      process.stderr.write(`countersign exec: not allowed (request ${a.id}): ${why}\n`);
      return EXIT_NOT_ALLOWED;
    }
  }
  process.stderr.write(`countersign exec: request ${a.id} is still waiting for approval at ${url}; once approved, run the same command again (it runs once).\n`);
  return EXIT_PENDING;
}

/** Streams the server's NDJSON events to stdout/stderr; the exit code is the command's. */
function execute(conn: Conn, id: string, body: unknown): Promise<number> {
  if (!conn.token) throw new CountersignError('E_UNAUTHENTICATED', 'Give the agent token in COUNTERSIGN_TOKEN.');
  const u = new URL(`${conn.url}/v1/actions/${encodeURIComponent(id)}/execute`);
  const payload = JSON.stringify(body);
  return new Promise<number>((resolve, reject) => {
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(u, { method: 'POST', headers: { authorization: `Bearer ${conn.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } });
    req.on('error', () => reject(new CountersignError('E_UNAVAILABLE', `Could not reach ${conn.url} to run request ${id}.`)));
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      if ((res.statusCode ?? 500) >= 400) {
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            // no JSON body
          }
          reject(serverError(parsed, res.statusCode ?? 500));
        });
        return;
      }
      let exit: number | null = null;
      const onLine = (line: string): void => {
        if (!line) return;
        const e = JSON.parse(line) as ExecEvent;
        if (e.type === 'stdout') process.stdout.write(Buffer.from(e.data, 'base64'));
        else if (e.type === 'stderr') process.stderr.write(Buffer.from(e.data, 'base64'));
        else if (e.type === 'error') process.stderr.write(`countersign exec: ${e.message} (${e.code})\n`);
        else if (e.type === 'exit') exit = e.code ?? (e.signal ? 128 + 15 : EXIT_NOT_ALLOWED);
      };
      res.on('data', (d: string) => {
        text += d;
        let nl;
        while ((nl = text.indexOf('\n')) >= 0) {
          onLine(text.slice(0, nl));
          text = text.slice(nl + 1);
        }
      });
      res.on('end', () => {
        onLine(text);
        if (exit === null) reject(new CountersignError('E_UNAVAILABLE', `The connection ended before request ${id} reported its exit; it may have run (see \`countersign requests\`).`));
        else resolve(exit);
      });
      res.on('error', () => reject(new CountersignError('E_UNAVAILABLE', `The connection was cut while request ${id} ran; it may have run.`)));
    });
    req.end(payload);
  });
}
