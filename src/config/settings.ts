// The `server` and `limits` sections: small numeric settings with safe defaults.
import { parseDuration, type Checker, type Path } from '../policy/index.js';
import { expandRefs, type Env } from './env-refs.js';
import type { LimitSettings, ServerSettings } from './types.js';

export const DEFAULT_LISTEN = { host: '127.0.0.1', port: 7300 };
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_LIMITS: LimitSettings = {
  ratePerMinute: 600,
  breaker: { repeats: 20, windowSeconds: 60, pauseSeconds: 300 },
  destructivePerHour: 60,
};

export function parseServer(c: Checker, v: unknown, env: Env): ServerSettings | null {
  const path: Path = ['server'];
  const o = v === undefined || v === null ? {} : c.obj(v, path, [], ['listen', 'public_url', 'body_limit', 'wait_max_seconds', 'hook_wait_seconds']);
  if (!o) return null;
  const before = c.issues.length;
  const listen = o['listen'] === undefined ? DEFAULT_LISTEN : parseListen(c, o['listen'], [...path, 'listen']);
  const body = o['body_limit'] === undefined ? DEFAULT_BODY_LIMIT : parseSize(c, o['body_limit'], [...path, 'body_limit']);
  const wait = o['wait_max_seconds'] === undefined ? 300 : seconds(c, o['wait_max_seconds'], [...path, 'wait_max_seconds'], 3600);
  const hook = o['hook_wait_seconds'] === undefined ? 60 : seconds(c, o['hook_wait_seconds'], [...path, 'hook_wait_seconds'], 3600, 0);
  let url: string | null = null;
  if (o['public_url'] !== undefined) {
    const raw = c.str(o['public_url'], [...path, 'public_url']);
    url = raw === null ? null : expandRefs(c, raw, [...path, 'public_url'], env);
    if (url !== null && !/^https?:\/\/[^\s/]+/.test(url)) c.fail([...path, 'public_url'], `"${url}" is not an http(s) URL, e.g. https://countersign.example.com`);
  }
  if (c.issues.length > before || !listen || body === null || wait === null || hook === null) return null;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return { ...listen, publicUrl: (url ?? `http://${host}:${listen.port}`).replace(/\/+$/, ''), bodyLimitBytes: body, waitMaxSeconds: wait, hookWaitSeconds: hook };
}

export function parseLimits(c: Checker, v: unknown): LimitSettings | null {
  const path: Path = ['limits'];
  if (v === undefined || v === null) return DEFAULT_LIMITS;
  const o = c.obj(v, path, [], ['rate_per_minute', 'breaker', 'destructive_per_hour']);
  if (!o) return null;
  const before = c.issues.length;
  const num = (x: unknown, p: Path, dflt: number, max: number): number => (x === undefined ? dflt : c.int(x, p, 0, max) ?? dflt);
  const rate = num(o['rate_per_minute'], [...path, 'rate_per_minute'], DEFAULT_LIMITS.ratePerMinute, 1_000_000);
  const perHour = num(o['destructive_per_hour'], [...path, 'destructive_per_hour'], DEFAULT_LIMITS.destructivePerHour, 1_000_000);
  let breaker = DEFAULT_LIMITS.breaker;
  if (o['breaker'] !== undefined) {
    const bp = [...path, 'breaker'];
    const b = c.obj(o['breaker'], bp, [], ['repeats', 'window_seconds', 'pause_seconds']);
    if (b) {
      breaker = {
        repeats: num(b['repeats'], [...bp, 'repeats'], DEFAULT_LIMITS.breaker.repeats, 1_000_000),
        windowSeconds: b['window_seconds'] === undefined ? DEFAULT_LIMITS.breaker.windowSeconds : seconds(c, b['window_seconds'], [...bp, 'window_seconds'], 86400) ?? 0,
        pauseSeconds: b['pause_seconds'] === undefined ? DEFAULT_LIMITS.breaker.pauseSeconds : seconds(c, b['pause_seconds'], [...bp, 'pause_seconds'], 7 * 86400) ?? 0,
      };
    }
  }
  return c.issues.length > before ? null : { ratePerMinute: rate, breaker, destructivePerHour: perHour };
}

function parseListen(c: Checker, v: unknown, path: Path): { host: string; port: number } | null {
  if (typeof v === 'number') return c.int(v, path, 0, 65535) === null ? null : { host: DEFAULT_LISTEN.host, port: v };
  const s = c.str(v, path);
  if (s === null) return null;
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(s);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) return c.fail(path, `"${s}" is not host:port; write e.g. 127.0.0.1:7300 or [::1]:7300`);
  return { host: (m[1] ?? m[2])!, port };
}

const SIZE_UNIT: Record<string, number> = { '': 1, b: 1, kb: 1000, kib: 1024, mb: 1e6, mib: 1024 * 1024 };

function parseSize(c: Checker, v: unknown, path: Path): number | null {
  const m = typeof v === 'number' ? ['', String(v), ''] : typeof v === 'string' ? /^(\d+)\s*([A-Za-z]*)$/.exec(v.trim()) : null;
  const unit = m ? SIZE_UNIT[m[2]!.toLowerCase()] : undefined;
  const n = m && unit ? Number(m[1]) * unit : NaN;
  if (!Number.isInteger(n) || n < 1024 || n > 64 * 1024 * 1024) return c.fail(path, `expected a size from 1KiB to 64MiB, e.g. 1MiB or 1048576, got ${JSON.stringify(v)}`);
  return n;
}

function seconds(c: Checker, v: unknown, path: Path, max: number, min = 1): number | null {
  const n = v === 0 && min === 0 ? 0 : parseDuration(v);
  if (n === null || n < min || n > max) return c.fail(path, `expected a duration from ${min}s to ${max}s (seconds, or e.g. 30s, 5m), got ${JSON.stringify(v)}`);
  return n;
}
