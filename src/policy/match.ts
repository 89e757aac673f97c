// Does one rule's `when` hold for an input? Every condition present must hold.
//
// Action-level conditions: environment, risk (the report's overall risk), kind, target (the
// resolved target's id; an action with no target never matches a `target` condition), agent,
// command (the action's own text; see types.ts).
//
// Finding-level conditions (effect, tool, resource = the finding's target, finding = its rule id)
// are checked per finding, all together on the same finding:
// - deny and approve rules match when ANY finding satisfies them all;
// - allow rules match only when there is at least one finding and EVERY finding satisfies them all.
// The asymmetry is on purpose: `allow when tool: npm` must not let `npm test && rm -rf ~` through
// because one of its findings came from npm. An allow never extends to a finding it did not name.
import { type Finding } from '../core/index.js';
import { RISKS } from './decide.js';
import { anyGlob, type Glob } from './glob.js';
import { FINDING_KEYS, type EvaluateInput, type Matchers, type Rule } from './types.js';

/** Throws when the input is malformed in a way the rule needs; the evaluator counts that as deny. */
export function matchesRule(rule: Rule, m: Matchers, input: EvaluateInput, trace?: string[]): boolean {
  const w = rule.when;
  let ok = true;
  // Labels are built only when explaining: evaluate() is on every decision's hot path.
  const check = (held: boolean, label: () => string): boolean => {
    if (trace) trace.push(`${held ? 'yes' : 'no '} ${label()}`);
    if (!held) ok = false;
    return ok || trace !== undefined; // keep going only when explaining
  };
  if (m.environment && !check(anyGlob(m.environment, input.environment), () => `environment ${quote(input.environment)} in [${show(m.environment!)}]`)) return false;
  if (w.risk) {
    const risk = input.report.risk;
    if (!RISKS.includes(risk)) throw new Error(`the report's risk ${JSON.stringify(risk)} is not one of ${RISKS.join(', ')}`);
    if (!check(w.risk.includes(risk), () => `risk ${risk} in [${w.risk!.join(', ')}]`)) return false;
  }
  if (w.kind && !check(w.kind.includes(input.action.kind), () => `kind ${input.action.kind} in [${w.kind!.join(', ')}]`)) return false;
  if (m.target) {
    const id = input.target?.id;
    if (!check(id !== undefined && anyGlob(m.target, id), () => `target ${id === undefined ? '(none resolved)' : quote(id)} in [${show(m.target!)}]`)) return false;
  }
  if (m.agent && !check(anyGlob(m.agent, input.agent.id), () => `agent ${quote(input.agent.id)} in [${show(m.agent!)}]`)) return false;
  if (m.effect || m.tool || m.resource || m.finding) {
    const findings = input.report.findings;
    if (!Array.isArray(findings)) throw new Error('the report has no findings list');
    const allow = rule.decide.verdict === 'allow';
    let held: boolean;
    if (trace) {
      const each = findings.map((f) => findingMatches(f, m));
      held = allow ? each.length > 0 && each.every(Boolean) : each.some(Boolean);
      const label = FINDING_KEYS.filter((k) => m[k]).map((k) => `${k} [${show(m[k]!)}]`).join(', ');
      const count = each.filter(Boolean).length;
      check(held, () => `${allow ? 'every' : 'some'} finding has ${label} (${count} of ${each.length} do${count ? `: ${describe(findings, each)}` : ''})`);
    } else {
      held = allow ? findings.length > 0 && findings.every((f) => findingMatches(f, m)) : findings.some((f) => findingMatches(f, m));
      if (!held) ok = false;
    }
  }
  // Checked last: the finding conditions of the rules that use it rule most actions out cheaply.
  if (m.command && (ok || trace)) {
    const text = commandText(input.action);
    const allow = rule.decide.verdict === 'allow';
    // Text too long to match safely (globs with several `*` backtrack) cannot be checked: that
    // holds for a deny or approve rule (stricter) and never for an allow rule.
    const held = text === undefined ? false : text.length > MAX_COMMAND ? !allow : anyGlob(m.command, text);
    check(held, () => `command ${text === undefined ? '(none)' : text.length > MAX_COMMAND ? `(${text.length} characters, too long to match)` : quote(text)} in [${show(m.command!)}]`);
  }
  return ok;
}

const MAX_COMMAND = 4096;

/** The action's own text for `command` conditions; undefined for kinds that have none. */
function commandText(a: EvaluateInput['action']): string | undefined {
  const t = a.kind === 'shell' ? a.command : a.kind === 'terraform-plan' ? a.command : a.kind === 'sql' ? a.sql : undefined;
  return typeof t === 'string' ? t.replace(/\s+/g, ' ').trim() : undefined;
}

function findingMatches(f: Finding, m: Matchers): boolean {
  if (f === null || typeof f !== 'object') throw new Error('a finding in the report is not an object');
  return (
    field(m.effect, f.effect) && field(m.tool, f.tool) && field(m.resource, f.target) && field(m.finding, f.rule)
  );
}

function field(globs: Glob[] | undefined, value: unknown): boolean {
  if (!globs) return true;
  return typeof value === 'string' && anyGlob(globs, value);
}

function describe(findings: Finding[], each: boolean[]): string {
  const hits = findings.filter((_, i) => each[i]).slice(0, 3);
  return hits.map((f) => `${f.rule}${f.target ? ` ${f.target}` : ''}`).join('; ') + (each.filter(Boolean).length > 3 ? '; ...' : '');
}

function show(globs: Glob[]): string {
  const head = globs.slice(0, 6).map((g) => g.source).join(', ');
  return globs.length > 6 ? `${head}, ... ${globs.length - 6} more` : head;
}

function quote(s: string): string {
  return JSON.stringify(s);
}
