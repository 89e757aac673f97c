// The command hook's way to the server: node:http with a deadline on every call, no dependencies
// (the hook is a process per tool call; its start-up time is the agent's latency).
import { CountersignError, ERRORS, type ErrorCode } from '../core/errors.js';
import type { RequestOutcome, SubmitAnswer, SubmitInput } from '../core/index.js';
import { errorWith, type DecisionPort } from './decide.js';

export type ClientOptions = { url: string; token: string; submitTimeoutMs?: number };

function isCode(c: unknown): c is ErrorCode {
  return typeof c === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, c);
}

/** One HTTP exchange with a deadline on the whole of it (connect, send, answer). */
async function exchange(url: URL, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<{ status: number; text: string }> {
  // node:http loads in a few ms; the global fetch pulls in undici (~90 ms per hook process).
  const mod = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { method, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (e) => reject(e));
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), timeoutMs);
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}

async function call(opts: ClientOptions, method: string, path: string, timeoutMs: number, body?: unknown): Promise<unknown> {
  let res: { status: number; text: string };
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    res = await exchange(new URL(`${opts.url.replace(/\/+$/, '')}${path}`), method, headers, payload, timeoutMs);
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'TimeoutError') throw new CountersignError('E_TIMEOUT', `No answer from ${opts.url} within ${Math.round(timeoutMs / 1000)} s.`);
    if (err instanceof TypeError) throw new CountersignError('E_UNAVAILABLE', `COUNTERSIGN_URL "${opts.url}" is not a valid URL.`);
    throw new CountersignError('E_UNAVAILABLE', `Could not connect to ${opts.url}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.text);
  } catch {
    throw new CountersignError('E_INTERNAL', `${opts.url} answered HTTP ${res.status} with something that is not JSON; check that COUNTERSIGN_URL points at a Countersign server.`);
  }
  if (res.status < 200 || res.status > 299) {
    const e = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = isCode(e?.code) ? e.code : 'E_INTERNAL';
    // The server's message already says what happened; keep it rather than the generic one.
    throw typeof e?.message === 'string' ? errorWith(code, e.message) : new CountersignError(code, `HTTP ${res.status} from ${opts.url}.`);
  }
  return parsed;
}

export function httpPort(opts: ClientOptions): DecisionPort {
  const submitMs = opts.submitTimeoutMs ?? 15_000;
  return {
    async submit(input: SubmitInput): Promise<SubmitAnswer> {
      return (await call(opts, 'POST', '/v1/actions', submitMs, input)) as SubmitAnswer;
    },
    async wait(id: string, ms: number): Promise<RequestOutcome> {
      const secs = Math.max(1, Math.min(300, Math.ceil(ms / 1000)));
      const view = (await call(opts, 'GET', `/v1/actions/${encodeURIComponent(id)}?wait=${secs}`, secs * 1000 + submitMs)) as {
        id?: unknown;
        status?: unknown;
        decision?: { reasons?: unknown };
        rejection?: { reason?: unknown; by?: unknown };
      };
      const reasons = Array.isArray(view?.decision?.reasons) ? view.decision.reasons.map(String) : [];
      if (view?.rejection && typeof view.rejection.reason === 'string') reasons.push(`rejected by ${String(view.rejection.by)}: ${view.rejection.reason}`);
      return { id: String(view?.id ?? id), status: view?.status as RequestOutcome['status'], reasons };
    },
  };
}
