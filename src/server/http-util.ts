// Small helpers over node:http: bounded JSON bodies, JSON answers, and errors from the catalogue.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CountersignError, isCountersignError } from '../core/index.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** A body that has not fully arrived by then is abandoned (a slow sender holds no slot forever). */
export const BODY_TIMEOUT_MS = 30_000;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads the body as UTF-8 JSON. Refuses oversized bodies before buffering them all (E_TOO_LARGE),
 * invalid UTF-8 (E_INVALID_UTF8) and malformed JSON (E_BAD_JSON). An empty body reads as `{}` only
 * when `allowEmpty` is set: for an action submission an empty body must be an error. */
export async function readJson(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT, allowEmpty = false): Promise<unknown> {
  const text = await readText(req, limit, allowEmpty);
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CountersignError('E_BAD_JSON', (err as Error).message);
  }
}

/** The body as UTF-8 text with readJson's limits; undefined for an empty body when `allowEmpty`. */
export async function readText(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT, allowEmpty = false): Promise<string | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new CountersignError('E_TOO_LARGE', `The body is ${declared} bytes; the limit is ${limit}.`);
  }
  const buf = await readBody(req, limit);
  if (buf.length === 0) {
    if (allowEmpty) return undefined;
    throw new CountersignError('E_EMPTY_INPUT', 'Send a JSON object as the request body.');
  }
  try {
    return UTF8.decode(buf);
  } catch {
    throw new CountersignError('E_INVALID_UTF8', 'Encode the body as UTF-8.');
  }
}

/** The raw body, at most `limit` bytes, within BODY_TIMEOUT_MS. (Events, not an async iterator:
 * this runs for every decision and the iterator costs measurably more.) */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: CountersignError | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      if (err) {
        req.resume(); // drain what is still coming so the answer can be sent
        reject(err);
      } else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) return finish(new CountersignError('E_TOO_LARGE', `The body is over the limit of ${limit} bytes.`));
      chunks.push(chunk);
    };
    const timer = setTimeout(() => {
      finish(new CountersignError('E_TIMEOUT', `The body did not arrive within ${BODY_TIMEOUT_MS / 1000} s.`));
      req.destroy();
    }, BODY_TIMEOUT_MS);
    req.on('data', onData);
    req.once('end', () => finish(null));
    req.once('error', () => finish(new CountersignError('E_BAD_INPUT', 'The request body was cut off.')));
    req.once('aborted', () => finish(new CountersignError('E_BAD_INPUT', 'The request body was cut off.')));
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** Any error becomes `{error: {code, message}}`; an error without a code is E_INTERNAL, so a bug
 * never reads as a decision. */
export function sendError(res: ServerResponse, err: unknown): void {
  const e = isCountersignError(err) ? err : new CountersignError('E_INTERNAL', err instanceof Error ? err.message : String(err));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, e.status, { error: e.toJSON() });
}

/** Refuses fields outside `allowed` so a typo (e.g. "enviroment") never passes silently. */
export function onlyFields(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new CountersignError('E_UNKNOWN_FIELD', `Field "${k}" in ${where} is not known; allowed: ${allowed.join(', ')}.`);
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function requireObject(v: unknown, where: string): Record<string, unknown> {
  if (!isObject(v)) throw new CountersignError('E_BAD_INPUT', `${where} must be a JSON object.`);
  return v;
}
