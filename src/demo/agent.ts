// The demo's agent: an ordinary HTTP client with an agent token (POST /v1/actions, then
// long-polling GET /v1/actions/:id?wait=), exactly what a host hook does.
import { CountersignError, type ErrorCode, type SubmitAnswer } from '../core/index.js';
import type { RequestView } from '../engine/index.js';

export type Http = { url: string; token: string; signal?: AbortSignal };

export async function call<T>(h: Http, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(h.url + path, {
    method,
    headers: { authorization: `Bearer ${h.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
    ...(h.signal ? { signal: h.signal } : {}),
  });
  const data = (await res.json()) as T & { error?: { code: ErrorCode; message: string } };
  if (data.error) throw new CountersignError(data.error.code, data.error.message.replace(/^.*?\. /, ''));
  return data;
}

export const submit = (h: Http, body: unknown): Promise<SubmitAnswer> => call<SubmitAnswer>(h, 'POST', '/v1/actions', body);

/** Holds until the request leaves `pending` (re-asking when one long-poll runs out). */
export async function waitDecided(h: Http, id: string, stop: () => boolean = () => false): Promise<RequestView> {
  for (;;) {
    const v = await call<RequestView>(h, 'GET', `/v1/actions/${encodeURIComponent(id)}?wait=300`);
    if (v.status !== 'pending' || stop()) return v;
  }
}
