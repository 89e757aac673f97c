// The CLI's HTTP client for the server-facing verbs (requests, approve, reject, freeze, thaw,
// audit). URL from --url or COUNTERSIGN_URL, token from --token or COUNTERSIGN_TOKEN.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CountersignError, ERRORS, type ErrorCode } from '../core/index.js';

export const DEFAULT_URL = 'http://127.0.0.1:7300';

export type Conn = { url: string; token: string | undefined };

export function connFrom(flags: Record<string, string | true>): Conn {
  const url = typeof flags['url'] === 'string' ? flags['url'] : (process.env['COUNTERSIGN_URL'] ?? DEFAULT_URL);
  const token = typeof flags['token'] === 'string' ? flags['token'] : process.env['COUNTERSIGN_TOKEN'];
  return { url: url.replace(/\/+$/, ''), token: token || undefined };
}

function needToken(c: Conn): string {
  if (!c.token) throw new CountersignError('E_UNAUTHENTICATED', 'Give a human token with --token or COUNTERSIGN_TOKEN.');
  return c.token;
}

/** One JSON call. Server errors come back as CountersignError with the server's code. */
export async function call<T = unknown>(c: Conn, method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<T> {
  let res: Response;
  try {
    res = await fetch(c.url + path, {
      method,
      headers: { authorization: `Bearer ${needToken(c)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    if (err instanceof CountersignError) throw err;
    const name = (err as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new CountersignError('E_TIMEOUT', `No answer from ${c.url} within ${timeoutMs / 1000} s.`);
    throw new CountersignError('E_UNAVAILABLE', `Could not connect to ${c.url}. Is \`countersign serve\` running? Set --url or COUNTERSIGN_URL.`);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    throw new CountersignError('E_INTERNAL', `${c.url} answered HTTP ${res.status} with something that is not JSON; check the URL.`);
  }
  if (!res.ok) throw serverError(parsed, res.status);
  return parsed as T;
}

export function serverError(parsed: unknown, status: number): CountersignError {
  const e = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof e?.code === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, e.code) ? (e.code as ErrorCode) : 'E_INTERNAL';
  const err = new CountersignError(code);
  // Keep the server's own message: it names the instance and the next step.
  if (typeof e?.message === 'string') Object.defineProperty(err, 'message', { value: e.message });
  else Object.defineProperty(err, 'message', { value: `HTTP ${status} without an error body.` });
  return err;
}

/** A streamed GET (export, events): calls `onChunk` with each piece of text until the end. */
export function stream(c: Conn, path: string, onChunk: (text: string) => void, opts: { accept?: string } = {}): Promise<void> {
  const token = needToken(c);
  const u = new URL(c.url + path);
  const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(u, {
    method: 'GET',
    headers: { authorization: `Bearer ${token}`, accept: opts.accept ?? '*/*' },
  });
  return new Promise<void>((ok, fail) => {
    req.on('error', () => fail(new CountersignError('E_UNAVAILABLE', `Could not connect to ${c.url}. Is \`countersign serve\` running?`)));
    req.on('response', (res) => {
      res.setEncoding('utf8');
      if ((res.statusCode ?? 500) >= 400) {
        let t = '';
        res.on('data', (d: string) => (t += d));
        res.on('end', () => {
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(t);
          } catch {
            // fall through with no body
          }
          fail(serverError(parsed, res.statusCode ?? 500));
        });
        return;
      }
      res.on('data', onChunk);
      res.on('end', ok);
      res.on('error', () => fail(new CountersignError('E_UNAVAILABLE', 'The connection to the server was cut.')));
    });
    req.end();
  });
}

/** How every server-facing verb reports a failure: the code, the message, exit 1 (2 for usage). */
export function report(verb: string, err: unknown): number {
  if (err instanceof CountersignError) {
    process.stderr.write(`countersign ${verb}: ${err.message} (${err.code})\n`);
    return err.code === 'E_USAGE' ? 2 : 1;
  }
  const e = err as { code?: string; message?: string };
  if (e && e.code === 'E_USAGE') {
    process.stderr.write(`countersign ${verb}: ${e.message} (E_USAGE). See \`countersign ${verb} --help\`.\n`);
    return 2;
  }
  process.stderr.write(`countersign ${verb}: ${err instanceof Error ? err.message : String(err)} (E_INTERNAL)\n`);
  return 1;
}
