// The HTTP API, with the signed-in human's token. The token lives in sessionStorage only: closing
// the tab signs out, and nothing persists on a shared machine.

const KEY = 'countersign.token';

export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
  }
}

export const session = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (t: string): void => sessionStorage.setItem(KEY, t),
  clear: (): void => sessionStorage.removeItem(KEY),
};

export async function api<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const token = init.token ?? session.get();
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new ApiError('E_UNAVAILABLE', 'The Countersign server could not be reached. Check that it is running, then retry.', 0);
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError('E_INTERNAL', `The server answered something that is not JSON (HTTP ${res.status}).`, res.status);
  }
  const err = (data as { error?: { code: string; message: string } }).error;
  if (res.status === 401 && init.token === undefined && session.get()) {
    // The stored token stopped working (a new config, a rotated token): back to the sign-in page.
    session.clear();
    location.reload();
  }
  if (err || !res.ok) throw new ApiError(err?.code ?? 'E_INTERNAL', err?.message ?? `HTTP ${res.status}`, res.status);
  return data as T;
}

/** The audit log as JSONL, fetched with the token (a plain link could not send it) and saved. */
export async function downloadExport(): Promise<void> {
  const res = await fetch('/v1/audit/export', { headers: { authorization: `Bearer ${session.get() ?? ''}` } });
  if (!res.ok) throw new ApiError('E_INTERNAL', `The export failed (HTTP ${res.status}).`, res.status);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `countersign-audit-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.jsonl`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
