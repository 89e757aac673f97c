// Parsing what a rule or an environment default decides: `allow`, `deny` or
// `{approve: {count, roles, ttl, recovery_point}}`.
import type { Risk } from '../core/index.js';
import { Checker, type Path } from './check.js';
import { parseDuration } from './duration.js';
import type { EnvironmentPolicy, RuleDecide } from './types.js';

export const RISKS: readonly Risk[] = ['readonly', 'mutating', 'destructive', 'unknown'];
const DEFAULT_TTL_SECONDS = 3600;
const MAX_TTL_SECONDS = 7 * 86400;

export function parseDecide(c: Checker, v: unknown, path: Path): RuleDecide | null {
  if (v === 'allow' || v === 'deny') return { verdict: v };
  if (typeof v === 'string' || v === null || typeof v !== 'object' || Array.isArray(v)) {
    return c.fail(path, `expected allow, deny or {approve: {count, roles, ttl}}, got ${JSON.stringify(v) ?? 'nothing'}`);
  }
  const o = c.obj(v, path, ['approve']);
  if (!o) return null;
  const ap = [...path, 'approve'];
  const a = c.obj(o['approve'], ap, ['count'], ['roles', 'ttl', 'recovery_point']);
  if (!a) return null;
  const count = c.int(a['count'], [...ap, 'count'], 1, 20);
  const roles = a['roles'] === undefined ? [] : c.strings(a['roles'], [...ap, 'roles']);
  let ttl: number | null = DEFAULT_TTL_SECONDS;
  if (a['ttl'] !== undefined) {
    ttl = parseDuration(a['ttl']);
    if (ttl === null) c.fail([...ap, 'ttl'], `"${String(a['ttl'])}" is not a duration; write seconds or e.g. 30m, 1h, 2d`);
    else if (ttl > MAX_TTL_SECONDS) ttl = c.fail([...ap, 'ttl'], 'is longer than 7 days; an approval should not stay usable that long');
  }
  const rp = a['recovery_point'] === undefined ? undefined : c.oneOf(a['recovery_point'], [...ap, 'recovery_point'], ['required', 'optional'] as const);
  if (count === null || roles === null || ttl === null || rp === null) return null;
  const approval = { count, roles: [...new Set(roles)].sort(), ttlSeconds: ttl, ...(rp ? { recoveryPoint: rp } : {}) };
  return { verdict: 'approve', approval };
}

/** `default:` of one environment: one decision for every risk, or a mapping by risk. */
function parseDefault(c: Checker, v: unknown, path: Path): Record<Risk, RuleDecide> | null {
  const byRisk = v !== null && typeof v === 'object' && !Array.isArray(v) && !('approve' in (v as object));
  if (!byRisk) {
    const d = parseDecide(c, v, path);
    return d ? { readonly: d, mutating: d, destructive: d, unknown: d } : null;
  }
  const o = c.obj(v, path, RISKS);
  if (!o) return null;
  const out: Partial<Record<Risk, RuleDecide>> = {};
  for (const r of RISKS) {
    if (o[r] === undefined || o[r] === null) continue; // reported as missing by obj()
    const d = parseDecide(c, o[r], [...path, r]);
    if (d) out[r] = d;
  }
  return RISKS.every((r) => out[r]) ? (out as Record<Risk, RuleDecide>) : null;
}

export function parseEnvironments(c: Checker, v: unknown, path: Path): Record<string, EnvironmentPolicy> | null {
  const o = c.map(v, path);
  if (!o) return null;
  const names = Object.keys(o);
  if (names.length === 0) return c.fail(path, 'declare at least one environment, e.g. production: {protected: true, default: deny}');
  const out: Record<string, EnvironmentPolicy> = {};
  for (const name of names) {
    const p = [...path, name];
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) c.fail(p, `environment name "${name}" must start with a letter and hold only letters, digits, - and _`, true);
    const e = c.obj(o[name], p, ['protected', 'default']);
    if (!e) continue;
    const prot = c.bool(e['protected'], [...p, 'protected']);
    const def = e['default'] === undefined || e['default'] === null ? null : parseDefault(c, e['default'], [...p, 'default']);
    if (prot === null || def === null) continue;
    if (prot) {
      // A protected environment must never let an unmatched dangerous action through.
      for (const r of ['destructive', 'unknown'] as const) {
        if (def[r].verdict === 'allow') c.fail([...p, 'default'], `a protected environment cannot allow ${r} actions by default; use deny or approve (or set protected: false)`);
      }
    }
    out[name] = { protected: prot, default: def };
  }
  return out;
}
