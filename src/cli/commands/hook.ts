// `countersign hook <host>`: one process per tool call. Reads the host's JSON on stdin, asks the
// server, and answers in the host's protocol. Every failure answers the host's deny, and a timer
// answers deny before the host's own hook timeout could fire (hosts fail open on a timed-out hook).
import { CountersignError } from '../../core/errors.js';
import { httpPort } from '../../adapters/client.js';
import { decide, errorWith, failureOutcome } from '../../adapters/decide.js';
import { loadAdapter } from '../../adapters/registry.js';
import { HOSTS, isHostName, type HookOutcome, type HostAdapter, type Rendered } from '../../adapters/types.js';
import { parseArgs, UsageError } from '../args.js';

const MAX_INPUT = 8 * 1024 * 1024;
export const DEFAULT_URL = 'http://127.0.0.1:7300';
/** Seconds to wait for approvals: below Kiro's 30 s default, far below the timeouts init writes. */
export const DEFAULT_WAIT = 25;

const HELP = `Usage: countersign hook <${HOSTS.join('|')}> [--url URL] [--wait SECONDS]

Reads the agent host's hook JSON on stdin and answers allow / deny in the host's own protocol.
Environment: COUNTERSIGN_TOKEN (the agent's token, required), COUNTERSIGN_URL (default ${DEFAULT_URL}),
COUNTERSIGN_HOOK_WAIT (seconds to wait for approvals, default ${DEFAULT_WAIT}),
COUNTERSIGN_HOOK_TIMEOUT (seconds for one call to the server, default 15).
`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CountersignError('E_EMPTY_INPUT', 'The hook reads the host\'s JSON on stdin; it is meant to be run by the agent host.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT) throw new CountersignError('E_TOO_LARGE', `The hook input is over ${MAX_INPUT} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new CountersignError('E_EMPTY_INPUT', 'The hook received no JSON on stdin.');
  return text;
}

function seconds(v: string | undefined, fallback: number, what: string): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new CountersignError('E_USAGE', `${what} must be a number of seconds, not "${v}".`);
  return n;
}

const write = (s: NodeJS.WriteStream, text: string): Promise<void> => new Promise((resolve) => (text ? s.write(text, () => resolve()) : resolve()));

async function emit(r: Rendered): Promise<number> {
  await Promise.all([write(process.stdout, r.stdout), write(process.stderr, r.stderr)]);
  return r.exitCode;
}

async function answer(adapter: HostAdapter, argv: string[], setEvent: (e: string) => void): Promise<HookOutcome> {
  const args = parseArgs(argv, { string: ['url', 'wait'] });
  const url = (args.flags['url'] as string | undefined) ?? process.env['COUNTERSIGN_URL'] ?? DEFAULT_URL;
  const waitS = seconds((args.flags['wait'] as string | undefined) ?? process.env['COUNTERSIGN_HOOK_WAIT'], DEFAULT_WAIT, 'the wait');
  const text = await readStdin();
  // Strict: a key given twice is refused (hosts differ on which one counts).
  const { parseStrictJson } = await import('../../adapters/strict-json.js');
  const input = parseStrictJson(text, 'The hook input on stdin');
  const parsed = adapter.parse(input);
  setEvent(parsed.ok ? parsed.call.event : parsed.event);
  if (!parsed.ok) throw errorWith(parsed.code, parsed.message);
  if (parsed.call.actions.length === 0) return { decision: 'pass', reason: `Countersign: ${parsed.call.tool} changes nothing; no decision needed.` };
  const token = process.env['COUNTERSIGN_TOKEN'];
  if (!token) throw new CountersignError('E_UNAUTHENTICATED', 'COUNTERSIGN_TOKEN is not set.');
  if (parsed.call.actions.some((a) => a.kind === 'shell' && /(terraform|tofu)/.test(a.command))) {
    const { withPlan } = await import('../../adapters/terraform-plan.js');
    parsed.call.actions = await Promise.all(parsed.call.actions.map((a) => withPlan(a)));
  }
  const submitS = seconds(process.env['COUNTERSIGN_HOOK_TIMEOUT'], 15, 'COUNTERSIGN_HOOK_TIMEOUT');
  return decide(httpPort({ url, token, submitTimeoutMs: submitS * 1000 }), parsed.call, { waitMs: waitS * 1000, baseUrl: url });
}

export async function run(argv: string[]): Promise<number> {
  const [host, ...rest] = argv;
  if (host === '--help' || host === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  if (!isHostName(host)) {
    process.stderr.write(`countersign hook: unknown host "${host ?? ''}" (E_USAGE). ${HELP}`);
    return 2;
  }
  const adapter = await loadAdapter(host);
  let event = adapter.events[0]!;
  // The last line of defence: whatever hangs, deny before the host gives up on us and fails open.
  let hardS = DEFAULT_WAIT + 20;
  try {
    hardS = seconds(process.env['COUNTERSIGN_HOOK_WAIT'], DEFAULT_WAIT, 'COUNTERSIGN_HOOK_WAIT') + 20;
    const i = rest.indexOf('--wait');
    if (i >= 0) hardS = seconds(rest[i + 1], DEFAULT_WAIT, '--wait') + 20;
  } catch {
    // A bad value is reported by answer(); keep the default guard.
  }
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<HookOutcome>((resolve) => {
    timer = setTimeout(() => resolve(failureOutcome(new CountersignError('E_TIMEOUT', `The hook gave up after ${hardS} s.`))), hardS * 1000);
  });
  let outcome: HookOutcome;
  try {
    outcome = await Promise.race([answer(adapter, rest, (e) => (event = e)), guard]);
  } catch (err) {
    outcome = failureOutcome(err instanceof UsageError ? errorWith('E_USAGE', `countersign hook: ${err.message}. Fix the hook command in the host's config.`) : err);
  } finally {
    clearTimeout(timer);
  }
  const code = await emit(adapter.render(outcome, event));
  // Pending fetches or stdin must not keep the process (and the agent) waiting after the answer.
  process.exitCode = code;
  setImmediate(() => process.exit(code));
  return code;
}
