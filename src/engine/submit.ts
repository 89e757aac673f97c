// submit: classify -> resolve target -> limits -> evaluate -> reuse an approval (unless denied) ->
// persist with audit -> notify -> answer. Every failure on the way is "not allowed": an error thrown to the
// caller (who answers deny) or a deny decision, never an allow.
import { CountersignError, isCountersignError } from '../core/index.js';
import type { Agent, AuditAppend, Decision, RequestRecord, RiskReport, SubmitAnswer, SubmitInput } from '../core/index.js';
import { actionDigest } from '../approvals/index.js';
import { nodeHasher } from '../audit/index.js';
import type { EngineCtx } from './ctx.js';
import { readFreeze } from './freeze.js';
import { checkLimits } from './limits.js';
import { persistError, publishRequest } from './persist.js';
import { tryReuse } from './reuse.js';
import { answerFor } from './answer.js';

export type SubmitOptions = {
  /** The broker runs the action with this target's credentials, so the action acts on it: the
   * target is bound rather than hinted. Context that names a different target is refused. */
  bindTarget?: string;
};

export async function submit(ctx: EngineCtx, agent: Agent, input: SubmitInput, opts: SubmitOptions = {}): Promise<SubmitAnswer> {
  const now = ctx.clock.now();
  const res = opts.bindTarget === undefined ? ctx.parts.resolve(agent, input) : bound(ctx, agent, input, opts.bindTarget);
  const { target, environment, why } = res;
  // Relative paths are judged from where the action really runs (symlinks resolved), and the
  // approval binds that directory: "rm -rf src" in a copy is not "rm -rf src" in the live tree.
  const cwd = res.cwd ?? input.context?.cwd;
  const report = safeClassify(ctx, input.action, cwd);
  const targetId = target ? target.id : null;
  const digest = actionDigest({ action: input.action, targetId, environment, ...(cwd ? { cwd } : {}) }, nodeHasher);

  const [freeze] = await Promise.all([readFreeze(ctx.store), checkLimits(ctx.store, ctx.tally, ctx.parts.limits, agent, digest, report.risk, now)]);

  let decision = safeEvaluate(ctx, { agent, action: input.action, report, target, environment });
  // An approval never outranks the policy as it stands now: if the action is denied today (a
  // stricter policy since the approval), the old approval is not used.
  if (decision.verdict !== 'deny') {
    const usedIn = { ...(input.context ?? {}), ...(cwd && cwd !== input.context?.cwd ? { resolvedCwd: cwd } : {}) };
    const reused = await tryReuse(ctx, agent, digest, now, freeze, { report, decision, context: usedIn }, opts.bindTarget === undefined);
    if (reused) return reused;
  }
  if (freeze.frozen && decision.verdict === 'allow') {
    // Frozen: nothing new runs without a human. The request waits for one approval from anyone.
    decision = {
      ...decision,
      verdict: 'approve',
      matched: [...decision.matched, 'countersign.freeze'],
      approval: { count: 1, roles: [], ttlSeconds: 3600 },
      reasons: [...decision.reasons, `Countersign is frozen (${freeze.reason ?? 'no reason given'}): a human must approve every new action.`],
    };
  }
  const status = decision.verdict === 'allow' ? 'allowed' : decision.verdict === 'deny' ? 'denied' : 'pending';
  const id = ctx.ids.next('req');
  const record: RequestRecord = {
    id,
    agentId: agent.id,
    operator: agent.operator,
    action: input.action,
    targetId,
    environment,
    digest,
    report,
    decision,
    status,
    approvals: [],
    ...(input.context ? { context: input.context } : {}),
    createdAt: now,
    ...(status === 'pending' ? { expiresAt: now + (decision.approval?.ttlSeconds ?? 3600) * 1000 } : { decidedAt: now }),
    version: 1,
  };
  const audit: AuditAppend[] = [
    {
      type: 'action.proposed',
      body: {
        request: id,
        agent: agent.id,
        operator: agent.operator,
        action: input.action,
        target: targetId,
        environment,
        ...(why ? { resolution: why } : {}),
        digest,
        risk: report.risk,
        summary: report.summary,
        findings: report.findings.map((f) => f.rule),
        ...(input.target !== undefined ? { claimedTarget: input.target } : {}),
        ...(input.context ? { context: input.context } : {}),
      },
    },
    {
      type: 'action.decided',
      body: {
        request: id,
        verdict: decision.verdict,
        status,
        matched: decision.matched,
        policyDigest: decision.policyDigest,
        reasons: decision.reasons,
        ...(decision.errors.length ? { errors: decision.errors } : {}),
        ...(decision.approval ? { approval: decision.approval } : {}),
      },
    },
  ];
  try {
    const entries = await ctx.store.insertRequest(record, audit);
    publishRequest(ctx, record, entries);
  } catch (err) {
    throw persistError(err);
  }
  return answerFor(ctx, record);
}

function safeClassify(ctx: EngineCtx, action: SubmitInput['action'], cwd: string | undefined): RiskReport {
  try {
    return ctx.parts.classify(action, cwd);
  } catch (err) {
    // The classifier is total by contract; if it throws anyway the action is unknown, not harmless.
    return {
      risk: 'unknown',
      summary: 'the classifier failed on this action',
      findings: [],
      error: { code: 'E_INTERNAL', message: err instanceof Error ? err.message : String(err) },
    };
  }
}

function safeEvaluate(ctx: EngineCtx, q: Parameters<EngineCtx['parts']['evaluate']>[0]): Decision {
  try {
    return ctx.parts.evaluate(q);
  } catch (err) {
    const message = isCountersignError(err) || err instanceof Error ? err.message : String(err);
    return {
      verdict: 'deny',
      matched: [],
      errors: [{ rule: '(policy)', message }],
      policyDigest: '',
      reasons: [`The policy could not be evaluated (${message}); denied because Countersign fails closed.`],
    };
  }
}


function bound(ctx: EngineCtx, agent: Agent, input: SubmitInput, id: string): ReturnType<EngineCtx['parts']['resolve']> {
  const t = ctx.parts.target?.(id);
  if (!t) throw new CountersignError('E_NOT_FOUND', `No target "${id}" in Countersign's configuration; name a configured target.`);
  const res = ctx.parts.resolve(agent, input);
  // The command's own context may point elsewhere (another host, another workspace); running it
  // with this target's credentials would then act on something nobody approved for them.
  if (res.target && res.target.id !== t.id) {
    throw new CountersignError('E_FORBIDDEN', `The command's context resolves to target "${res.target.id}" (${res.why ?? 'from its context'}), not "${t.id}"; run it with --target ${res.target.id}.`);
  }
  return { target: t, environment: t.environment, ...(res.cwd ? { cwd: res.cwd } : {}), why: `target "${t.id}" (${t.environment}) bound by the broker, which runs the action with its credentials` };
}
