// `policy test` cases: a YAML list (or {cases: [...]}) of
//   {name?, action: "<shell command>" | {kind: ...}, context?: {cwd, kube_context, profile},
//    target?: <the agent's hint>, agent?: <agent id>, expect: allow | deny | approve,
//    approval?: {count?, roles?}}
// Each case is decided offline exactly as the server would decide it.
import { CountersignError, type Verdict } from '../core/index.js';
import { Checker, parseAction, pathText, type ClassifyFn, type Path } from '../policy/index.js';
import { decideOffline, type OfflineQuery, type OfflineResult } from './offline.js';
import type { Config } from './types.js';
import { readYaml } from './yaml-source.js';

export type PolicyCase = OfflineQuery & { name: string; expect: Verdict; approval?: { count?: number; roles?: string[] }; at: string };
export type CaseResult = { case: PolicyCase; ok: boolean; got: OfflineResult | null; problem?: string };

export function parseCases(text: string, fileName: string): PolicyCase[] {
  let src: ReturnType<typeof readYaml>;
  try {
    src = readYaml(text, fileName);
  } catch (err) {
    const issues = (err as CountersignError).data?.['issues'];
    const detail = Array.isArray(issues) ? issues.join('\n  ') : String((err as Error).message);
    throw new CountersignError('E_BAD_INPUT', `The test cases are not valid YAML. Fix these:\n  ${detail}`);
  }
  const c = new Checker();
  const root = src.data;
  const isWrapped = root !== null && typeof root === 'object' && !Array.isArray(root);
  const list = isWrapped ? c.obj(root, [], ['cases'])?.['cases'] : root;
  const base: Path = isWrapped ? ['cases'] : [];
  const items = c.list(list, base) ?? [];
  const cases: PolicyCase[] = [];
  items.forEach((raw, i) => {
    const p = [...base, i];
    const o = c.obj(raw, p, ['action', 'expect'], ['name', 'context', 'target', 'agent', 'approval']);
    if (!o) return;
    const action = parseAction(c, o['action'], [...p, 'action']);
    const expect = c.oneOf(o['expect'], [...p, 'expect'], ['allow', 'deny', 'approve'] as const);
    const pc: Partial<PolicyCase> = { name: typeof o['name'] === 'string' ? o['name'] : `case ${i + 1}`, at: src.locate(p) };
    if (o['context'] !== undefined) {
      const ctx = c.obj(o['context'], [...p, 'context'], [], ['cwd', 'kube_context', 'profile']);
      if (ctx) {
        const s = (k: string): string | undefined => (ctx[k] === undefined ? undefined : c.str(ctx[k], [...p, 'context', k]) ?? undefined);
        pc.context = { ...(s('cwd') ? { cwd: s('cwd')! } : {}), ...(s('kube_context') ? { kubeContext: s('kube_context')! } : {}), ...(s('profile') ? { profile: s('profile')! } : {}) };
      }
    }
    for (const k of ['target', 'agent'] as const) if (o[k] !== undefined) pc[k === 'target' ? 'hint' : 'agent'] = c.str(o[k], [...p, k]) ?? undefined;
    if (o['approval'] !== undefined) {
      const a = c.obj(o['approval'], [...p, 'approval'], [], ['count', 'roles']);
      if (a) pc.approval = { ...(a['count'] !== undefined ? { count: c.int(a['count'], [...p, 'approval', 'count'], 1, 20) ?? 0 } : {}), ...(a['roles'] !== undefined ? { roles: c.strings(a['roles'], [...p, 'approval', 'roles']) ?? [] } : {}) };
    }
    if (action && expect) cases.push({ ...pc, action, expect } as PolicyCase);
  });
  if (!c.ok) {
    const lines = c.issues.map((i) => `${src.locate(i.path, i.atKey)}: ${pathText(i.path)}: ${i.message}`);
    throw new CountersignError('E_BAD_INPUT', `The test cases are not valid. Fix these:\n  ${lines.join('\n  ')}`);
  }
  return cases;
}

export function runCases(config: Config, classify: ClassifyFn, cases: PolicyCase[]): CaseResult[] {
  return cases.map((pc) => {
    let got: OfflineResult;
    try {
      got = decideOffline(config, classify, pc);
    } catch (err) {
      return { case: pc, ok: false, got: null, problem: err instanceof Error ? err.message : String(err) };
    }
    const d = got.decision;
    const problems: string[] = [];
    if (d.verdict !== pc.expect) problems.push(`expected ${pc.expect}, got ${d.verdict} (${d.matched.join(', ')})`);
    if (pc.approval && d.approval) {
      if (pc.approval.count !== undefined && pc.approval.count !== d.approval.count) problems.push(`expected ${pc.approval.count} approvals, got ${d.approval.count}`);
      if (pc.approval.roles && [...pc.approval.roles].sort().join(',') !== d.approval.roles.join(',')) problems.push(`expected roles [${pc.approval.roles.join(', ')}], got [${d.approval.roles.join(', ')}]`);
    }
    return problems.length ? { case: pc, ok: false, got, problem: problems.join('; ') } : { case: pc, ok: true, got };
  });
}
