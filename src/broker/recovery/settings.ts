// A target's `recovery:` section (free-form in the configuration, read here):
//   recovery: {max_bytes: 2GB, retention: 14d, disabled: [terraform]}
import { CountersignError, type Target } from '../../core/index.js';

export type RecoverySettings = { maxBytes: number; retentionMs: number; disabled: string[] };

export const DEFAULT_MAX_BYTES = 1024 ** 3;
export const DEFAULT_RETENTION_MS = 30 * 86_400_000;

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };
const SPANS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

export function parseBytes(v: unknown, where: string): number {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v) : null;
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new CountersignError('E_CONFIG_INVALID', `${where} must be a size such as 500MB or 2GiB (got ${JSON.stringify(v)}).`);
  return Math.floor(Number(m[1]) * unit);
}

export function parseDuration(v: unknown, where: string): number {
  const m = typeof v === 'string' ? /^\s*(\d+)\s*([smhdw])\s*$/.exec(v) : null;
  if (!m) throw new CountersignError('E_CONFIG_INVALID', `${where} must be a duration such as 7d, 12h or 2w (got ${JSON.stringify(v)}).`);
  return Number(m[1]) * SPANS[m[2]!]!;
}

export function recoverySettings(target: Target | null | undefined): RecoverySettings {
  const r = (target?.recovery ?? {}) as Record<string, unknown>;
  const at = `targets[${target?.id ?? '?'}].recovery`;
  for (const k of Object.keys(r)) if (!['max_bytes', 'retention', 'disabled'].includes(k)) throw new CountersignError('E_CONFIG_INVALID', `${at}.${k} is not a recovery setting; use max_bytes, retention, disabled.`);
  const disabled = r['disabled'] ?? [];
  if (!Array.isArray(disabled) || !disabled.every((x) => typeof x === 'string')) throw new CountersignError('E_CONFIG_INVALID', `${at}.disabled must be a list of kinds (files, postgres, git, terraform).`);
  return {
    maxBytes: r['max_bytes'] === undefined ? DEFAULT_MAX_BYTES : parseBytes(r['max_bytes'], `${at}.max_bytes`),
    retentionMs: r['retention'] === undefined ? DEFAULT_RETENTION_MS : parseDuration(r['retention'], `${at}.retention`),
    disabled: disabled as string[],
  };
}
